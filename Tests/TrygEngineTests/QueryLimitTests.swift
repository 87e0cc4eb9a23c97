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
        let clock = ContinuousClock()
        let start = clock.now
        let text = "incidents where library = \"" + String(repeating: "å", count: 2_000_000) + "\" count"
        let d = error(text)
        #expect(d?.message == "string literal too long")
        #expect(d?.label == "at most 100000 characters")
        let rendered = d?.description ?? ""
        #expect(rendered.count < 600, "\(rendered.count) characters")
        #expect(rendered.contains("…"))
        // The length is counted as the literal is read, not by walking it again per character
        // (that took hours on 2,000,000 characters). A generous bound: a loaded machine running
        // the suite in parallel has taken 7 s for what takes 1 s alone.
        #expect(clock.now - start < .seconds(60))
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

    @Test func deepNestingIsAnErrorWithAPosition() {
        let d = error("incidents where " + String(repeating: "(", count: 300) + "severity > 1" + String(repeating: ")", count: 300))
        #expect(d?.message == "expression nested too deeply")
        #expect(d?.span != nil)
    }
}
