/// Small-count suppression (diskretionering) for results about to be published.
///
/// Primary: every count cell from 1 to N-1 is suppressed. Complementary: then, as long as a
/// row or a column of count cells holds exactly one suppressed cell, the smallest other cell
/// of that row or column is suppressed too, so no suppressed value is its total less the
/// visible cells; and as long as a suppressed cell lies on no cycle of suppressed cells (so a
/// sum of row totals less column totals gives it), a further cell puts it on one. A row's `change` and `change_pct` go with a suppressed cell of the row
/// (they would give it away as the other value less the change).
public struct Suppression: Sendable, Equatable {
    /// Counts below this are suppressed.
    public let threshold: Int64
    /// The suppressed cells: row, then column index.
    public let cells: Set<Cell>
    /// Cells suppressed for being small, or for coming from fewer than `threshold` rows (the
    /// rest are complementary).
    public let primary: Int
    /// Of the primary cells, the measures (averages, sums …) of groups with fewer than `threshold` rows.
    public var fromFewRows = 0
    /// The primary cells: counts from 1 to `threshold` - 1, and the measures of groups of that
    /// many rows; the only cells a table shows as `<N` (a complementary cell can be any size).
    public var small: Set<Cell> = []

    public struct Cell: Hashable, Sendable {
        public let row: Int
        public let column: Int
        public init(row: Int, column: Int) { self.row = row; self.column = column }
    }

    public func contains(row: Int, column: Int) -> Bool { cells.contains(Cell(row: row, column: column)) }

    /// What a table shows in place of a suppressed cell: `<N` for a count under N (or a measure
    /// of fewer than N rows), `..` (the mark Statistics Denmark uses for a figure withheld) for
    /// a complementary cell; nil for a cell that is not suppressed.
    public func marker(row: Int, column: Int) -> String? {
        let cell = Cell(row: row, column: column)
        guard cells.contains(cell) else { return nil }
        return small.contains(cell) ? "<\(threshold)" : Suppression.withheld
    }

    /// The mark of a suppressed cell that is not a small count.
    public static let withheld = ".."

    /// The note a result carries: how many cells were suppressed and why.
    public var note: String {
        if cells.isEmpty { return "no cell suppressed (no count under \(threshold))" }
        let extra = cells.count - primary
        return "\(cells.count) \(cells.count == 1 ? "cell" : "cells") suppressed: \(primary - fromFewRows) with a count under \(threshold)"
            + (fromFewRows > 0 ? ", \(fromFewRows) computed from fewer than \(threshold) rows" : "")
            + (extra > 0 ? ", \(extra) more so none can be computed back from totals" : "")
    }

    /// Suppresses the count columns of `table` (by name; other int columns are not counts);
    /// the table with suppressed cells as null, and which they are.
    ///
    /// With `rowCount` (the name of the result's `count` of rows per group), every other column
    /// of `measures` is suppressed too in a row whose count is from 1 to N-1: an average of two
    /// incidents tells about those two.
    public static func apply(_ table: Table, below threshold: Int64, countColumns: Set<String>,
                             rowCount: String? = nil, measures: Set<String> = []) -> (Table, Suppression) {
        let counts = table.columnNames.indices.filter { countColumns.contains(table.columnNames[$0]) && table.columns[$0].type == .int }
        var cells = Set<Cell>()
        func value(_ r: Int, _ c: Int) -> Int64? { if case .int(let v) = table.value(row: r, column: c) { return v } else { return nil } }
        for r in 0..<table.rowCount {
            for c in counts { if let v = value(r, c), v > 0, v < threshold { cells.insert(Cell(row: r, column: c)) } }
        }
        var fromFewRows = 0
        if let rowCount, let rc = table.columnIndex(rowCount) {
            let others = table.columnNames.indices.filter { $0 != rc && measures.contains(table.columnNames[$0]) }
            for r in 0..<table.rowCount {
                guard let n = value(r, rc), n > 0, n < threshold else { continue }
                for c in others where !table.columns[c].isNull(r) && !cells.contains(Cell(row: r, column: c)) {
                    cells.insert(Cell(row: r, column: c))
                    if !counts.contains(c) { fromFewRows += 1 }
                }
            }
        }
        let primary = cells.count, small = cells
        // Complementary cells until no row or column has exactly one.
        var changed = true
        while changed {
            changed = false
            if counts.count > 1 {
                for r in 0..<table.rowCount {
                    let line = counts.map { Cell(row: r, column: $0) }
                    if let extra = complement(line, cells, value) { cells.insert(extra); changed = true }
                }
            }
            if table.rowCount > 1 {
                for c in counts {
                    let line = (0..<table.rowCount).map { Cell(row: $0, column: c) }
                    if let extra = complement(line, cells, value) { cells.insert(extra); changed = true }
                }
            }
            // Then a suppressed cell joining two blocks of them alone (see Suppression+Cycles).
            if !changed, let extra = bridgeComplement(cells, rows: table.rowCount, counts: counts, value) {
                cells.insert(extra)
                changed = true
            }
        }
        // Differences give a suppressed value away: they go too.
        let derived = table.columnNames.indices.filter { ["change", "change_pct"].contains(table.columnNames[$0]) }
        for r in Set(cells.map(\.row)) { for c in derived { cells.insert(Cell(row: r, column: c)) } }
        let columns = table.columns.enumerated().map { c, column -> Column in
            let rows = cells.filter { $0.column == c }.map(\.row)
            guard !rows.isEmpty else { return column }
            var nulls = column.nulls ?? Bitmap(count: column.count)
            for r in rows { nulls[r] = true }
            return Column(type: column.type, storage: column.storage, nulls: nulls, knownRange: column.knownRange)
        }
        let out = Table(name: table.name, columnNames: table.columnNames, columns: columns, rowCount: table.rowCount,
                        origin: table.origin)
        var suppression = Suppression(threshold: threshold, cells: cells, primary: primary)
        suppression.fromFewRows = fromFewRows
        suppression.small = small
        return (out, suppression)
    }

    /// For a row or column with exactly one suppressed cell, the cell to suppress beside it:
    /// the smallest other non-null count (a non-zero one before a zero); nil when none is needed.
    private static func complement(_ line: [Cell], _ cells: Set<Cell>, _ value: (Int, Int) -> Int64?) -> Cell? {
        guard line.filter({ cells.contains($0) }).count == 1 else { return nil }
        let candidates = line.filter { !cells.contains($0) && value($0.row, $0.column) != nil }
        return candidates.min { a, b in
            let x = value(a.row, a.column) ?? 0, y = value(b.row, b.column) ?? 0
            return (x == 0 ? Int64.max : x, a.row, a.column) < (y == 0 ? Int64.max : y, b.row, b.column)
        }
    }
}
