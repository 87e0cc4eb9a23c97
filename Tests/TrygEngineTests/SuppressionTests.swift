import Testing
@testable import TrygEngine

/// Small-count suppression: every count under N is hidden, and no hidden count can be
/// computed back as a row's or a column's total less its visible cells.
@Suite struct SuppressionTests {
    /// A random table of counts: a key column and `width` count columns, many of them small.
    static func counts(rows: Int, width: Int, seed: UInt64) -> Table {
        var rng = TestTables.Rng(state: seed)
        var key = ColumnBuilder(type: .text)
        var cols = (0..<width).map { _ in ColumnBuilder(type: .int) }
        for r in 0..<rows {
            key.append(.text("k\(r)"))
            for c in 0..<width { cols[c].append(.int(Int64(rng.int(3) == 0 ? rng.int(5) : rng.int(40)))) }
        }
        return Table(name: "t", columnNames: ["key"] + (0..<width).map { "c\($0)" }, columns: [key.finish()] + cols.map { $0.finish() })
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func noSuppressedCellFollowsFromTotals(_ seed: UInt64) {
        let width = 2 + Int(seed % 4), rows = 3 + Int(seed * 7 % 9)
        let table = SuppressionTests.counts(rows: rows, width: width, seed: seed)
        let names = Set((0..<width).map { "c\($0)" })
        let (out, s) = Suppression.apply(table, below: 5, countColumns: names)
        func original(_ r: Int, _ c: Int) -> Int64 { if case .int(let v) = table.value(row: r, column: c) { return v } else { return 0 } }
        // Every count from 1 to 4 is hidden, and shown as null.
        for r in 0..<rows {
            for c in 1...width where (1..<5).contains(original(r, c)) {
                #expect(s.contains(row: r, column: c))
                #expect(out.value(row: r, column: c) == .null)
            }
        }
        // A row or column with suppressed cells has at least two: total less visible never gives one.
        var lines: [[(Int, Int)]] = (0..<rows).map { r in (1...width).map { (r, $0) } }
        lines += (1...width).map { c in (0..<rows).map { ($0, c) } }
        for line in lines {
            let hidden = line.filter { s.contains(row: $0.0, column: $0.1) }
            #expect(hidden.count != 1, "line \(line.first.map { "\($0)" } ?? "") has one hidden cell")
            if hidden.count == 1, let h = hidden.first {
                let total = line.reduce(Int64(0)) { $0 + original($1.0, $1.1) }
                let visible = line.filter { !s.contains(row: $0.0, column: $0.1) }.reduce(Int64(0)) { $0 + original($1.0, $1.1) }
                #expect(total - visible != original(h.0, h.1))
            }
        }
        #expect(s.primary <= s.cells.count)
    }

    @Test func stageOnAPivotOfTheSamples() throws {
        let session = Session(catalog: TestTables.catalog())
        guard case .rows(let r) = try session.execute(
            "incidents where category = \"Vold\" group by library, halfyear pivot halfyear suppress below 5") else {
            Issue.record("no rows")
            return
        }
        let s = try #require(r.suppression)
        #expect(s.primary > 0)
        #expect(s.note.contains("with a count under 5"))
        guard case .rows(let plain) = try session.execute(
            "incidents where category = \"Vold\" group by library, halfyear pivot halfyear") else { return }
        for row in 0..<plain.table.rowCount {
            for c in 1..<plain.table.columnNames.count {
                if case .int(let v) = plain.table.value(row: row, column: c), v > 0, v < 5 {
                    #expect(r.table.value(row: row, column: c) == .null)
                }
            }
        }
    }

    @Test func suppressMustComeLast() {
        let session = Session(catalog: TestTables.catalog())
        #expect(throws: Diagnostic.self) { try session.execute("incidents group by library suppress below 5 order by count") }
    }
}
