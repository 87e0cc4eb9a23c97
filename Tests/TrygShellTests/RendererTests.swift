import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// Golden tests of each output format. Set TRYG_RECORD=DIR to write the actual outputs there.
@Suite struct RendererTests {
    func check(_ actual: String, _ expected: String, _ name: String) {
        if let dir = ProcessInfo.processInfo.environment["TRYG_RECORD"] {
            try? actual.write(toFile: dir + "/" + name + ".txt", atomically: true, encoding: .utf8)
        }
        #expect(actual == expected, "\(name):\n\(actual)")
    }

    @Test func tableWithDanishLettersAndNulls() {
        check(TableRenderer(maxRows: 40).render(TestTables.libraries), """
            ┌───────────┬───────┬───────┬──────┐
            │ library   │ count │  mean │ note │
            │ text      │   int │ float │ text │
            ├───────────┼───────┼───────┼──────┤
            │ Blågården │    12 │  2.35 │ NULL │
            │ Østerbro  │     7 │  NULL │ æøå  │
            │           │  NULL │  4.00 │      │
            └───────────┴───────┴───────┴──────┘
            3 rows

            """, "table")
    }

    @Test func tableCutToWidth40() {
        let out = TableRenderer(maxRows: 40, width: 40).render(TestTables.incidents)
        check(out, """
            ┌─────┬─────────────────────┬───┐
            │  id │ reported_at         │ … │
            │ int │ timestamp           │   │
            ├─────┼─────────────────────┼───┤
            │   1 │ 2022-10-01T10:00    │ … │
            │   2 │ 2023-11-14T22:13:20 │ … │
            │   3 │ 2025-02-19T21:20    │ … │
            └─────┴─────────────────────┴───┘
            3 rows
            4 columns not shown: library, category,
              severity, Dato for hændelse
              (try .mode line)

            """, "table-width40")
        for line in out.split(separator: "\n") where line.hasPrefix("┌") || line.hasPrefix("│") {
            #expect(DisplayWidth.of(String(line)) <= 40)
        }
    }

    @Test func tableCutAtMaxRows() {
        let many = TestTables.table("n", [("n", .int, (1...50).map { .int(Int64($0)) })])
        check(TableRenderer(maxRows: 3).render(many), """
            ┌─────┐
            │   n │
            │ int │
            ├─────┤
            │   1 │
            │   2 │
            │   3 │
            └─────┘
            … 47 more rows (.maxrows N to show more)
            50 rows

            """, "table-maxrows")
    }

    @Test func tableWithTimerAndColour() {
        let out = TableRenderer(maxRows: 40, color: true).render(TestTables.libraries, elapsed: .milliseconds(12))
        #expect(out.contains("\u{1B}[2;3mNULL\u{1B}[0m"))
        #expect(out.contains("3 rows (12 ms)"))
    }

    @Test func wideCharactersAndCombiningMarks() {
        #expect(DisplayWidth.of("Blågården") == 9)
        #expect(DisplayWidth.of("Bla\u{30A}gården") == 9)   // å as a plus combining ring
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("👍") == 2)
        let t = TestTables.table("w", [("name", .text, [.text("東京"), .text("Bla\u{30A}")])])
        check(TableRenderer().render(t), """
            ┌──────┐
            │ name │
            │ text │
            ├──────┤
            │ 東京 │
            │ Blå  │
            └──────┘
            2 rows

            """, "table-wide")
    }

    @Test func csv() {
        let t = TestTables.table("c", [
            ("library", .text, [.text("Blågården"), .text("a, \"quoted\""), .null]),
            ("mean", .float, [.float(2.3456), .null, .float(0.1)]),
            ("ok", .bool, [.bool(true), .bool(false), .null]),
        ])
        check(CSVRenderer.render(t), #"""
            library,mean,ok
            Blågården,2.3456,true
            "a, ""quoted""",,false
            ,0.1,

            """#, "csv")
    }

    @Test func json() {
        check(JSONRenderer.render(TestTables.libraries), """
            [
              {"library": "Blågården", "count": 12, "mean": 2.3456, "note": null},
              {"library": "Østerbro", "count": 7, "mean": null, "note": "æøå"},
              {"library": "", "count": null, "mean": 4.0, "note": ""}
            ]

            """, "json")
        #expect(JSONRenderer.render(TestTables.table("e", [("x", .int, [])])) == "[]\n")
    }

    @Test func markdown() {
        check(MarkdownRenderer.render(TestTables.libraries), """
            | library   | count | mean | note |
            | --------- | ----: | ---: | ---- |
            | Blågården |    12 | 2.35 |      |
            | Østerbro  |     7 |      | æøå  |
            |           |       | 4.00 |      |

            """, "markdown")
    }

    /// People's formats mark a suppressed cell `..`, as the table view does; not as an empty cell.
    @Test func suppressedCellsInMarkdownAndLines() {
        let (table, suppression) = Suppression.apply(TestTables.libraries, below: 10, countColumns: ["count"])
        #expect(suppression.cells.count == 2)
        check(MarkdownRenderer.render(table, suppression: suppression), """
            | library   | count | mean | note |
            | --------- | ----: | ---: | ---- |
            | Blågården |    .. | 2.35 |      |
            | Østerbro  |    .. |      | æøå  |
            |           |       | 4.00 |      |

            """, "markdown")
        let lines = LineRenderer.render(table, suppression: suppression).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasSuffix("count = ..") }.count == 2)
        #expect(lines.contains("  count = NULL"))
    }

    @Test func line() {
        check(LineRenderer.render(TestTables.libraries), """
            library = Blågården
              count = 12
               mean = 2.3456
               note = NULL

            library = Østerbro
              count = 7
               mean = NULL
               note = æøå

            library = 
              count = NULL
               mean = 4.0
               note = 

            """, "line")
    }
}
