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
            // Nor only small ones (two under 5 adding up to 2 are both 1), where a larger cell was there to hide.
            let onlySmall = !hidden.isEmpty && hidden.allSatisfy { (1..<5).contains(original($0.0, $0.1)) }
            let couldAdd = line.contains { !s.contains(row: $0.0, column: $0.1) && original($0.0, $0.1) >= 5 }
            #expect(!(onlySmall && couldAdd), "line \(line.first.map { "\($0)" } ?? "") hides only small cells")
            if hidden.count == 1, let h = hidden.first {
                let total = line.reduce(Int64(0)) { $0 + original($1.0, $1.1) }
                let visible = line.filter { !s.contains(row: $0.0, column: $0.1) }.reduce(Int64(0)) { $0 + original($1.0, $1.1) }
                #expect(total - visible != original(h.0, h.1))
            }
        }
        #expect(s.primary <= s.cells.count)
        // A table shows every hidden cell with one mark: small and complementary ones look alike.
        for cell in s.cells {
            #expect(s.marker(row: cell.row, column: cell.column) == Suppression.withheld)
        }
    }

    /// A hidden count takes every other measure of its group with it, complementary counts too
    /// (a share is the count over the total), in long form and in a pivot of several measures;
    /// a `trend`'s next change after a hidden count goes too; a share without its count is refused.
    @Test func measuresAndChangesGoWithTheirHiddenCount() throws {
        let session = Session(catalog: TestTables.catalog())
        func result(_ q: String) throws -> QueryResult {
            guard case .rows(let r) = try session.execute(q) else { throw Diagnostic(.error, "no rows") }
            return r
        }
        for threshold in [5, 20, 60] {
            let long = try result("incidents group by library, category compute count, share, avg(severity) as a suppress below \(threshold)")
            let t = long.table
            let (count, share, avg) = (try #require(t.columnIndex("count")), try #require(t.columnIndex("share")), try #require(t.columnIndex("a")))
            for r in 0..<t.rowCount where t.columns[count].isNull(r) {
                #expect(t.columns[share].isNull(r) && t.columns[avg].isNull(r), "row \(r) below \(threshold)")
            }
            let pivot = try result("incidents group by library, season compute count as n, avg(severity) as s pivot season suppress below \(threshold)").table
            for season in ["vinter", "sommer"] {
                let n = try #require(pivot.columnIndex("n \(season)")), a = try #require(pivot.columnIndex("s \(season)"))
                for r in 0..<pivot.rowCount where pivot.columns[n].isNull(r) { #expect(pivot.columns[a].isNull(r)) }
            }
            let trend = try result("incidents where library = \"Valby\" group by category, halfyear trend suppress below \(threshold)").table
            let c = try #require(trend.columnIndex("count")), ch = try #require(trend.columnIndex("change"))
            let cat = try #require(trend.columnIndex("category"))
            for r in 0..<(trend.rowCount - 1) where trend.columns[c].isNull(r) && trend.value(row: r, column: cat) == trend.value(row: r + 1, column: cat) {
                #expect(trend.columns[ch].isNull(r + 1), "the change after hidden row \(r) below \(threshold)")
            }
        }
        #expect(throws: Diagnostic.self) { try session.execute("incidents group by library compute share suppress below 5") }
    }

    /// Whether a suppressed cell's value follows from the row and column totals and the
    /// visible cells by any linear combination: its unit vector lies in the span of the
    /// equations (one per row and per column holding suppressed cells) over the suppressed cells.
    static func determined(_ cells: [Suppression.Cell]) -> [Suppression.Cell] {
        var equations: [[Double]] = []
        for key in Set(cells.map(\.row)) { equations.append(cells.map { $0.row == key ? 1 : 0 }) }
        for key in Set(cells.map(\.column)) { equations.append(cells.map { $0.column == key ? 1 : 0 }) }
        let base = rank(equations)
        return cells.indices.filter { i in
            rank(equations + [cells.indices.map { $0 == i ? 1.0 : 0.0 }]) == base
        }.map { cells[$0] }
    }

    /// The rank of a matrix by Gaussian elimination (entries are small integers).
    static func rank(_ matrix: [[Double]]) -> Int {
        var m = matrix
        guard let width = m.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width {
            guard let pivot = (rank..<m.count).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }),
                  abs(m[pivot][column]) > 1e-9 else { continue }
            m.swapAt(rank, pivot)
            for r in 0..<m.count where r != rank && abs(m[r][column]) > 1e-9 {
                let f = m[r][column] / m[rank][column]
                for c in column..<width { m[r][c] -= f * m[rank][c] }
            }
            rank += 1
        }
        return rank
    }

    @Test(arguments: Array(UInt64(1)...40))
    func noSuppressedCellIsDeterminedByTheTotals(_ seed: UInt64) {
        let width = 2 + Int(seed % 6), rows = 2 + Int(seed * 7 % 13)
        let table = SuppressionTests.counts(rows: rows, width: width, seed: seed &* 7919)
        let (_, s) = Suppression.apply(table, below: 5, countColumns: Set((0..<width).map { "c\($0)" }))
        let hidden = s.cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        #expect(SuppressionTests.determined(hidden).isEmpty, "seed \(seed): \(SuppressionTests.determined(hidden))")
    }

    /// The issue's case: incidents per library and half-year, pivoted by half-year, below 5.
    @Test func noCellOfTheSamplePivotIsRecoverable() throws {
        let session = Session(catalog: TestTables.catalog())
        for category in ["Vold", "Trusler", "Tyveri"] {
            guard case .rows(let r) = try session.execute(
                "incidents where category = \"\(category)\" group by library, halfyear pivot halfyear suppress below 5") else { return }
            let s = try #require(r.suppression)
            let hidden = s.cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
            #expect(SuppressionTests.determined(hidden).isEmpty, "\(category)")
        }
    }

    /// A result in long form (`group by library, halfyear compute count`) hides the cells its
    /// pivot hides: read as the pivot it is, no hidden count follows from the totals.
    @Test func longFormHidesWhatItsPivotHides() throws {
        let session = Session(catalog: TestTables.catalog())
        for (category, below) in [("Vold", 5), ("Trusler", 8), ("Tyveri", 12), ("Andet", 20)] {
            let query = "incidents where category = \"\(category)\" group by library, halfyear"
            guard case .rows(let long) = try session.execute("\(query) compute count suppress below \(below)"),
                  case .rows(let wide) = try session.execute("\(query) pivot halfyear suppress below \(below)") else {
                Issue.record("no rows")
                return
            }
            func key(_ t: Table, _ r: Int, _ c: Int) -> String { t.value(row: r, column: c).display }
            let longHidden = Set(try #require(long.suppression).cells.map { cell in
                key(long.table, cell.row, 0) + " | " + key(long.table, cell.row, 1)
            })
            let wideHidden = Set(try #require(wide.suppression).cells.map { cell in
                key(wide.table, cell.row, 0) + " | " + wide.table.columnNames[cell.column]
            })
            #expect(longHidden == wideHidden, "\(category) below \(below)")
            // And no hidden cell follows from the pivot's totals.
            let positions = Suppression.LongForm(long.table, keys: ["library", "halfyear"], count: 2)
            let cells = try #require(long.suppression).cells.compactMap { c in
                positions.map { Suppression.Cell(row: $0.position[c.row].row, column: $0.position[c.row].column) }
            }
            #expect(!cells.isEmpty || longHidden.isEmpty)
            #expect(SuppressionTests.determined(cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }).isEmpty, "\(category)")
        }
    }

    /// An average, a sum or any other measure of a group with fewer than N rows goes with its count.
    @Test func measuresOfSmallGroupsAreSuppressed() throws {
        let session = Session(catalog: TestTables.catalog())
        let query = "incidents where severity >= 4 group by library, category, year compute count as n, avg(score) as mean, "
            + "max(severity), count(distinct halfyear)"
        guard case .rows(let plain) = try session.execute(query),
              case .rows(let r) = try session.execute(query + " suppress below 5") else { return }
        let s = try #require(r.suppression)
        #expect(plain.table.rowCount == r.table.rowCount)
        var small = 0
        for row in 0..<plain.table.rowCount {
            guard case .int(let n) = plain.table.value(row: row, column: 3), n < 5 else { continue }
            small += 1
            for c in 3..<r.table.columnNames.count {
                #expect(r.table.value(row: row, column: c) == .null, "row \(row) column \(r.table.columnNames[c])")
                #expect(s.contains(row: row, column: c) || plain.table.value(row: row, column: c) == .null)
            }
        }
        #expect(small > 0, "the query has small groups")
        #expect(s.fromFewRows > 0 && s.note.contains("computed from fewer than 5 rows"), "\(s.note)")
        // Keys are never suppressed.
        #expect(!s.cells.contains { $0.column < 3 })
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
