import Foundation
import Testing
@testable import TrygEngine

/// The lenient lexer (`Lexer.scan`) and the parser agree on where a statement may end.
@Suite struct LenientLexerTests {
    /// Every statement of every golden file.
    static var goldenStatements: [String] {
        var out: [String] = []
        for file in GoldenTests.files {
            guard let text = try? String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8) else { continue }
            out += GoldenFile.parse(text).records.map(\.statement)
        }
        return out
    }

    /// The parser stopped because the text ended where it needed more.
    static func failsAtEnd(_ text: String) -> Bool { parse(text) == .needsMore }

    enum Outcome { case parses, needsMore, failsEarlier }

    static func parse(_ text: String) -> Outcome {
        do {
            _ = try Parser.parse(SourceText(text))
            return .parses
        } catch {
            return atEnd(error, text) ? .needsMore : .failsEarlier
        }
    }

    static func atEnd(_ error: Diagnostic, _ text: String) -> Bool {
        switch error.code {
        case .unexpectedEnd, .unclosedBracket, .unterminatedString: return true
        case .unterminatedName:
            // A back-quoted name ends at its line; only one still open at the end is unfinished.
            let start = error.span?.start ?? 0
            return !Array(text.unicodeScalars)[start...].contains("\n")
        default: return false
        }
    }

    /// For every prefix of every golden statement that ends where a line could (not inside a
    /// word): when the lenient lexer calls the text open, the parser cannot accept it (it fails
    /// at the end, or at an earlier mistake); and when the parser fails at the end but the lexer
    /// calls it complete, the line ends in a word or value (a stage word or an unfinished stage:
    /// by the language's rule such a line is complete, and an error), never in a symbol.
    @Test func openExactlyWhenTheParserNeedsMore() {
        var checked = 0
        var seen = Set<String>()
        for statement in LenientLexerTests.goldenStatements {
            let scalars = Array(statement.unicodeScalars)
            let whole = Lexer.scan(statement)
            for n in 0...scalars.count {
                // Inside a word or number: not where a typed line ends (inside a string it may).
                if let inside = whole.tokens.first(where: { $0.span.start < n && n < $0.span.end }) {
                    if case .string = inside.kind {} else { continue }
                }
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[0..<n])
                let prefix = String(v)
                guard seen.insert(prefix).inserted else { continue }
                checked += 1
                let scan = Lexer.scan(prefix)
                let outcome = LenientLexerTests.parse(prefix)
                if scan.isOpen {
                    #expect(outcome != .parses, "open but the parser accepts it: \(prefix)")
                } else if outcome == .needsMore, let last = scan.lastStatement.last {
                    if case .symbol(let s) = last.kind {
                        Issue.record("the parser needs more after '\(s)', but the lexer calls it complete: \(prefix)")
                    }
                }
            }
        }
        #expect(checked > 2_000)
    }

    @Test func neverThrowsAndReportsWhatIsOpen() {
        let s = Lexer.scan("incidents where library in (\"Blå")
        #expect(s.openQuote?.quote == "\"")
        #expect(s.openQuote?.start == 28)
        #expect(s.bracketDepth == 1)
        #expect(s.isOpen)
        let t = Lexer.scan("incidents count; libraries where (x > 1")
        #expect(t.statementEnds == [15])
        #expect(t.openBrackets == [33])
        #expect(t.lastStatement.first?.keyword == "libraries")
        let u = Lexer.scan("incidents where 12abc = ~ and 2025-13-01 # trailing")
        #expect(u.tokens.contains { if case .invalid = $0.kind { return true } else { return false } })
        #expect(u.endsInComment)
        #expect(!u.isOpen)
    }

    @Test(arguments: ["incidents |", "incidents where a = 1 and", "incidents where a ||", "incidents where a ends with",
                      "incidents where a not", "incidents group by a,", "incidents where a in (1,", "let x ="])
    func continuationsAreOpen(_ text: String) {
        #expect(Lexer.scan(text).isOpen)
        #expect(LenientLexerTests.failsAtEnd(text))
    }

    @Test(arguments: ["incidents explain", "incidents where", "incidents join libraries on", "incidents select starts",
                      "explain", "incidents count;"])
    func stageWordsEndALine(_ text: String) {
        #expect(!Lexer.scan(text).isOpen)
    }

    /// Random text never makes the lenient lexer fail, and its tokens stay inside the text in order.
    @Test func arbitraryTextScans() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab 1.-|,;()[]\"'`#$=<>!*/%\nTæ2025-01-01T08:30e+")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? " " })
            let scan = Lexer.scan(text)
            var end = 0
            for t in scan.tokens {
                #expect(t.span.start >= end && t.span.end >= t.span.start)
                end = t.span.end
            }
            #expect(end <= text.unicodeScalars.count)
        }
    }
}
