import Foundation
import Testing
@testable import TrygEngine

/// Mangled queries never crash: each gives a result or a diagnostic pointing inside the text.
@Suite struct RobustnessTests {
    static let seeds = [
        "incidents where library = \"Blågården\" group by halfyear",
        "incidents group by library, halfyear compare halfyear \"2022/23\" to \"2024/25\"",
        "incidents join libraries on library = name where district = \"Nørrebro\" count",
        "incidents derive late = hour >= 20 group by late compute pct(police_called), share trend",
        "survey group by year, library compute pct(safety in (\"tryg\", \"meget tryg\")) pivot year",
        "incidents select id, severity * 2 % 3 / 0 as x, coalesce(score, 1.5) order by x desc limit 3",
        "incidents where reported_at between 2025-01-01 and 2025-03-31T23:59 top 5 by severity",
    ]
    static let fragments = ["(", ")", "\"", "'", "`", "|", ",", "=", "<", "-", "*", "/", "%", "not", "and", "or", "by",
                            "group", "where", "compute", "null", "9223372036854775807", "-9223372036854775808",
                            "1e308", "2025-02-29", "ø", "\u{0301}", "\u{0}", "$p", ";", "in", "between", "is", "count",
                            "share", "pivot", "trend", "compare", "halfyear", "top", "limit", "join", "select *", "except"]

    @Test func mangledQueriesNeverCrash() {
        var rng = TestTables.Rng(state: 99)
        let session = Session(catalog: TestTables.catalog())
        var results = 0, diagnostics = 0
        for i in 0..<3000 {
            var chars = Array(RobustnessTests.seeds[i % RobustnessTests.seeds.count])
            for _ in 0..<(1 + rng.int(4)) {
                let at = rng.int(chars.count + 1)
                switch rng.int(3) {
                case 0: chars.insert(contentsOf: " \(RobustnessTests.fragments[rng.int(RobustnessTests.fragments.count)]) ", at: at)
                case 1: if at < chars.count { chars.remove(at: at) }
                default: if at + 3 < chars.count { chars.swapAt(at, at + 3) }
                }
            }
            let text = String(chars)
            let source = SourceText(text)
            do {
                _ = try session.execute(source)
                results += 1
            } catch {
                diagnostics += 1
                if let span = error.span {
                    #expect(span.start >= 0 && span.end <= source.scalars.count + 1, "span outside \(text)")
                }
                #expect(!error.description.isEmpty)
            }
        }
        #expect(results > 50)
        #expect(diagnostics > 100)
    }

    @Test func hugeAndExtremeValues() throws {
        let s = Session(catalog: TestTables.catalog())
        #expect(throws: Diagnostic.self) { try s.execute("incidents select reported_at + 1 as x") }
        #expect(throws: Diagnostic.self) { try s.execute("libraries select effort_start + 9223372036854775807 as x") }
        #expect(throws: Diagnostic.self) { try s.execute("incidents select -(-9223372036854775807 - 1) as x") }
        guard case .rows(let r) = try s.execute("incidents limit 9223372036854775807 count") else { return }
        #expect(r.table.rows == [[.int(2000)]])
        guard case .rows(let r2) = try s.execute("incidents top 9223372036854775807 by id count") else { return }
        #expect(r2.table.rows == [[.int(2000)]])
        #expect(throws: Diagnostic.self) { try s.execute("incidents select 1e308 * score as x") }
    }
}
