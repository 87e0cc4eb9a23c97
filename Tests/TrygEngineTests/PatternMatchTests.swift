import Foundation
import Testing
@testable import TrygEngine

/// `matches` runs in PCRE2 with limits: the right answer, or an error at the query position,
/// never a silent no-match, and Ctrl-C stops it.
@Suite struct PatternMatchTests {
    /// A table `t` of text values `v` and, beside each, a pattern `p`.
    static func session(_ values: [String?], patterns: [String]? = nil) -> Session {
        var v = ColumnBuilder(type: .text), p = ColumnBuilder(type: .text)
        for (i, s) in values.enumerated() {
            if let s { v.append(.text(s)) } else { v.appendNull() }
            p.append(.text(patterns?[i % max(1, patterns?.count ?? 1)] ?? ""))
        }
        return Session(catalog: Catalog([Table(name: "t", columnNames: ["v", "p"], columns: [v.finish(), p.finish()])]))
    }

    static func column(_ session: Session, _ query: String) throws -> [Value] {
        guard case .rows(let result) = try session.execute(query) else { return [] }
        return result.table.rows.map { $0[0] }
    }

    static func error(_ session: Session, _ query: String) -> Diagnostic? {
        do {
            _ = try session.execute(query)
            return nil
        } catch {
            return error
        }
    }

    /// A catastrophic pattern: `(a+)+$` on a 101-character value that almost matches.
    static let almost = String(repeating: "a", count: 100) + "!"

    // MARK: answers

    /// A literal pattern (its special characters escaped) matches exactly where the text holds
    /// it, and with (?i) where it holds it in any case, Danish letters included; in `where`,
    /// in `select` and with the pattern from a column, each path giving the same answers.
    @Test(arguments: 0..<20)
    func aLiteralPatternAgreesWithSubstringSearch(_ seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("abæøåÆØÅB.()*+?[]^$| \\")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet[next(alphabet.count)] }) }
        let values = (0..<60).map { _ in word(next(12)) }
        let needle = word(1 + next(3))
        let escaped = needle.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined()
        // The query's string literal doubles a backslash.
        let literal = escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\"\"")
        let session = PatternMatchTests.session(values, patterns: [escaped])
        let want = values.map { Value.bool($0.contains(needle)) }
        let wantIgnoringCase = values.map { Value.bool($0.lowercased().contains(needle.lowercased())) }
        #expect(try PatternMatchTests.column(session, "t select v matches \"\(literal)\"") == want)
        #expect(try PatternMatchTests.column(session, "t select v matches p") == want)
        #expect(try PatternMatchTests.column(session, "t select v matches \"(?i)\(literal)\"") == wantIgnoringCase)
        let count = try PatternMatchTests.column(session, "t where v matches \"\(literal)\" count")
        #expect(count == [.int(Int64(want.filter { $0 == .bool(true) }.count))])
    }

    @Test func unicodeClassesAndCaseKnowDanishLetters() throws {
        let session = PatternMatchTests.session(["Blågården", "BLÅGÅRDEN", "Nørrebro", "42", nil])
        #expect(try PatternMatchTests.column(session, "t select v matches \"^\\w+$\"")
            == [.bool(true), .bool(true), .bool(true), .bool(true), .null])
        #expect(try PatternMatchTests.column(session, "t select v matches \"(?i)blågården\"")
            == [.bool(true), .bool(true), .bool(false), .bool(false), .null])
        #expect(try PatternMatchTests.column(session, "t select v matches \"blågården\"")
            == [.bool(false), .bool(false), .bool(false), .bool(false), .null])
        #expect(try PatternMatchTests.column(session, "t select v matches \"^\\d\\d$\"")
            == [.bool(false), .bool(false), .bool(false), .bool(true), .null])
        // One character is one character, not one byte.
        #expect(try PatternMatchTests.column(session, "t select v matches \"^Bl.g\"")
            == [.bool(true), .bool(false), .bool(false), .bool(false), .null])
    }

    // MARK: limits

    @Test(arguments: ["t where v matches \"(a+)+$\" count",
                      "t select v matches \"(a+)+$\" as m",
                      "t where v matches p count",
                      "t select v matches p as m",
                      "t where not (v matches \"(a|aa)*$\") count"])
    func aCatastrophicPatternIsAnErrorNotANoMatch(_ query: String) throws {
        let session = PatternMatchTests.session(["b", PatternMatchTests.almost], patterns: ["(a+)+$"])
        let d = try #require(PatternMatchTests.error(session, query))
        #expect(d.code == .patternTooCostly)
        #expect(d.message.contains("needs more work than matches allows on the value \"aaaa"))
        #expect(d.notes.contains { $0.contains("a million backtracking steps") })
        let span = try #require(d.span)
        #expect(query.dropFirst(span.start).hasPrefix("v matches") || query.dropFirst(span.start).hasPrefix("(v matches"))
    }

    @Test func aValueJustInsideTheLimitsIsAnswered() throws {
        // 2^16 ways to split: under a million steps.
        let session = PatternMatchTests.session([String(repeating: "a", count: 16) + "!", "aaa"])
        #expect(try PatternMatchTests.column(session, "t select v matches \"(a+)+$\"") == [.bool(false), .bool(true)])
    }

    @Test func anInvalidPatternNamesItsPositionMessageAndOffset() throws {
        let session = PatternMatchTests.session(["x"])
        let query = "t where v matches \"ab(cd\" count"
        let d = try #require(PatternMatchTests.error(session, query))
        #expect(d.code == .invalidPattern)
        #expect(d.message == "invalid regular expression: missing closing parenthesis")
        #expect(d.label == "at character 6 of the pattern")
        // The caret stands where PCRE2 gave up: the end of the pattern, at the closing quote.
        #expect(d.span == Span(24, 25))
        let rendered = d.description
        #expect(rendered.contains("^ at character 6"))
        // A pattern behind a parameter or from the data is named by the expression's position.
        let fromData = PatternMatchTests.session(["x"], patterns: ["[z-a]"])
        let e = try #require(PatternMatchTests.error(fromData, "t select v matches p"))
        #expect(e.code == .invalidPattern)
        #expect(e.message.contains("range out of order"))
        #expect(e.span == Span(9, 20))
    }

    /// The session's cancellation flag stops a scan whose every value takes long but stays
    /// under the limits (without it this would run for half a minute, then fail).
    @Test func ctrlCStopsMatching() throws {
        let values = (0..<6_000).map { "x\($0) " + String(repeating: "a", count: 16) + "!" }
        let session = PatternMatchTests.session(values)
        let flag = session.cancellation
        let raiser = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            flag.raise()
        }
        raiser.start()
        let d = PatternMatchTests.error(session, "t where v matches \"(a+)+$\" count")
        #expect(d?.code == .cancelled)
    }

    // MARK: compiled once

    @Test func aPatternIsCompiledOncePerQueryNotPerRow() throws {
        let pattern = "^x\(UUID().uuidString)|b"
        let rows = 20_000
        let session = PatternMatchTests.session((0..<rows).map { "b\($0)" }, patterns: [pattern])
        let before = RegularExpression.compilations.load(ordering: .relaxed)
        #expect(try PatternMatchTests.column(session, "t where v matches p count") == [.int(Int64(rows))])
        #expect(try PatternMatchTests.column(session, "t where v matches \"\(pattern)\" count") == [.int(Int64(rows))])
        let compiled = RegularExpression.compilations.load(ordering: .relaxed) - before
        // Other tests running at the same time compile a few patterns of their own.
        #expect(compiled >= 1 && compiled < rows / 10, "\(compiled) compilations")
    }

    @Test func emptyValuesAndPatternsAreMatched() throws {
        let session = PatternMatchTests.session(["", "a"], patterns: [""])
        #expect(try PatternMatchTests.column(session, "t select v matches \"^$\"") == [.bool(true), .bool(false)])
        #expect(try PatternMatchTests.column(session, "t select v matches p") == [.bool(true), .bool(true)])
    }
}
