import Foundation
import Testing
@testable import TrygEngine

/// Queries at the limits give short, clear errors quickly.
@Suite struct QueryLimitTests {
    func error(_ text: String) -> Diagnostic? {
        do {
            _ = try Session(catalog: TestTables.catalog()).execute(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func hugeLiteralIsAnErrorWithAShortRendering() {
        let text = "incidents where library = \"" + String(repeating: "å", count: 2_000_000) + "\" count"
        let d = error(text)
        #expect(d?.message == "string literal too long")
        #expect(d?.label == "at most 100000 characters")
        let rendered = d?.description ?? ""
        #expect(rendered.count < 600, "\(rendered.count) characters")
        #expect(rendered.contains("…"))
        // The length is counted as the literal is read, not by walking it again per character
        // (that took hours on 2,000,000 characters, which the suite would not survive).
        // Doubled quotes count too.
        #expect(error("incidents where library = \"" + String(repeating: "\"\"", count: 100_001) + "\" count")?.message
            == "string literal too long")
    }

    @Test func aLiteralJustUnderTheLimitWorks() {
        let d = error("incidents where library = \"" + String(repeating: "a", count: 100_000) + "\" count")
        #expect(d == nil)
    }

    @Test func longLinesAreCutAroundTheSpan() {
        let line = String(repeating: "x", count: 500) + "BAD" + String(repeating: "y", count: 500)
        let (shown, column, width) = DiagnosticRenderer.window(line, column: 501, width: 3)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.count == DiagnosticRenderer.lineWindow + 2)
        #expect(Array(shown)[column - 1] == "B" && width == 3)
        let short = DiagnosticRenderer.window("abc", column: 2, width: 1)
        #expect(short.0 == "abc" && short.1 == 2 && short.2 == 1)
    }

    /// The carets sit under the span as a terminal shows the line: a CJK character or an emoji
    /// before it takes two columns, a combining mark none; on a long line cut to its window too.
    @Test(arguments: ["日本語の説明", String(repeating: "漢", count: 100), "ab😀c", "e\u{301}te\u{301}", String(repeating: "x", count: 300)])
    func caretsLineUpUnderWideCharacters(_ text: String) throws {
        let d = try #require(error("incidents where description = \"\(text)\" and foo = 1 count"))
        for limit in [nil, 60] as [Int?] {
            let lines = DiagnosticRenderer(color: false, width: limit).render(d).split(separator: "\n").map(String.init)
            let source = Array(lines[3].dropFirst(4)), carets = lines[4].dropFirst(4)
            let lead = carets.prefix { $0 == " " }.count
            var used = 0, at = 0
            while used < lead, at < source.count {
                used += DisplayWidth.of(source[at])
                at += 1
            }
            #expect(used == lead && String(source[at...]).hasPrefix("foo"), "\(lines[3])\n\(lines[4])")
            #expect(carets.dropFirst(lead).hasPrefix("^^^ "))
            if let limit { #expect(DisplayWidth.of(lines[3]) <= limit, "\(lines[3])") }
        }
    }

    @Test func deepNestingIsAnErrorWithAPosition() {
        let d = error("incidents where " + String(repeating: "(", count: 300) + "severity > 1" + String(repeating: ")", count: 300))
        #expect(d?.message == "expression nested too deeply")
        #expect(d?.span != nil)
    }

    /// Nesting just under the limit runs in every form that nests (calls, aggregates inside
    /// calls, signs, `not`, parentheses), whatever the calling thread's stack (a test's is
    /// smaller than the main thread's); past the limit each is the limit's error, not a crash.
    /// (`-(…)` and `not (…)` are two levels each: the sign and the parentheses.)
    @Test(arguments: ["abs(X)", "coalesce(X, 2)", "-(X)", "(X)", "if(true, X, 0)"])
    func nestingUpToTheLimitRuns(_ form: String) throws {
        func nested(_ n: Int) -> String {
            (0..<n).reduce("1") { e, _ in form.replacingOccurrences(of: "X", with: e) }
        }
        let session = Session(catalog: TestTables.catalog())
        let deep = form.hasPrefix("-") ? 95 : 190
        guard case .rows(let r) = try session.execute("incidents where id = 1 select \(nested(deep)) as x") else {
            Issue.record("no rows")
            return
        }
        #expect(r.table.columns.first?.value(at: 0) == .int(form.hasPrefix("-") && deep % 2 == 1 ? -1 : 1))
        #expect(error("incidents where id = 1 select \(nested(400)) as x")?.message == "expression nested too deeply")
        let aggregate = (0..<deep).reduce("max(severity)") { e, _ in "round(\(e))" }
        #expect(error("incidents compute \(aggregate) as x") == nil)
        #expect(error("incidents where " + (0..<95).reduce("id = 1") { e, _ in "not (\(e))" } + " count") == nil)
    }

    /// A flat chain of `or` or `and` is no nesting: thousands of terms give the answer the
    /// equivalent `in` list gives (and `not in` for `and` of `!=`), at every length.
    @Test(arguments: [2, 16, 17, 199, 200, 201, 1_000, 4_000])
    func longFlatChainsAreNotNesting(_ n: Int) throws {
        let session = Session(catalog: TestTables.catalog())
        func count(_ q: String) throws -> Value? {
            guard case .rows(let r) = try session.execute(q) else { return nil }
            return r.table.columns.first?.value(at: 0)
        }
        let ids = (0..<n).map { String($0 * 3) }
        let or = try count("incidents where " + ids.map { "id = \($0)" }.joined(separator: " or ") + " count")
        #expect(or == (try count("incidents where id in (\(ids.joined(separator: ", "))) count")))
        let and = try count("incidents where " + ids.map { "id != \($0)" }.joined(separator: " and ") + " count")
        #expect(and == (try count("incidents where id not in (\(ids.joined(separator: ", "))) count")))
        // With a filter pushed below a join, the conjuncts are joined again as deeply.
        let join = "incidents join libraries on library = name where "
        let joined = try count(join + ids.map { "id != \($0)" }.joined(separator: " and ") + " and libraries.district != \"x\" count")
        #expect(joined == (try count(join + "id not in (\(ids.joined(separator: ", "))) and libraries.district != \"x\" count")))
    }

    /// A name typed by mistake at any length gives a short error: the name is cut in the
    /// message and no suggestion is looked for among names it cannot be a typo of.
    @Test(arguments: ["incidents where NAME = 1 count", "incidents | select NAME", "NAME count", "incidents select NAME(1)"])
    func aHugeUnknownNameIsCutInTheError(_ query: String) throws {
        let name = String(repeating: "x", count: 2_000_000)
        let d = try #require(error(query.replacingOccurrences(of: "NAME", with: name)))
        #expect(d.message.contains("'" + String(repeating: "x", count: 60) + "…'"), "\(d.message.prefix(80))")
        #expect(d.message.count < 200)
        #expect(d.description.count < 1_000)
    }

    /// Suggestions are the same as those of the plain rule that measures every candidate.
    @Test(arguments: 0..<10)
    func suggestionsSkipOnlyCandidatesTooFarToBeTypos(_ seed: Int) {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let letters = Array("abcæøå")
        func word() -> String { String((0..<(1 + next(14))).map { _ in letters[next(letters.count)] }) }
        let candidates = (0..<40).map { _ in word() }
        for _ in 0..<50 {
            let name = word()
            let f = Suggest.fold(name)
            var scored: [(Int, String)] = []
            for c in candidates {
                let fc = Suggest.fold(c)
                var d = Suggest.distance(f, fc)
                if fc == f { d = 0 } else if fc.hasPrefix(f) || f.hasPrefix(fc) { d = min(d, 1) }
                if d <= max(1, max(f.count, fc.count) / 3) { scored.append((d, c)) }
            }
            scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var seen = Set<String>()
            let want = Array(scored.map(\.1).filter { seen.insert($0).inserted }.prefix(3))
            #expect(Suggest.nearest(name, in: candidates, max: 3) == want, "\(name)")
        }
    }
}
