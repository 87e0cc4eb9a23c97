/// Small-count suppression (diskretionering) for results about to be published.
///
/// Primary: every count cell from 1 to N-1 is suppressed. Complementary: then, as long as a
/// row or a column of count cells holds exactly one suppressed cell, or only small ones, the
/// smallest other cell of that row or column is suppressed too, so no suppressed value is its
/// total less the visible cells; and as long as a suppressed cell lies on no cycle of
/// suppressed cells (so a sum of row totals less column totals gives it), a further cell puts
/// it on one. A row's other measures go with its hidden count, and its `change` and
/// `change_pct` with those of the next period of its series (they would give it away as the
/// other value less the change).
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

    /// What a table shows in place of a suppressed cell: `..`, the mark Statistics Denmark uses
    /// for a figure withheld, for every one; nil for a cell that is not suppressed. One mark for
    /// small and complementary cells alike: told apart, a complementary cell is known to be N or
    /// more, and a small one beside it could be worked out from a total.
    public func marker(row: Int, column: Int) -> String? {
        contains(row: row, column: column) ? Suppression.withheld : nil
    }

    /// The mark of a suppressed cell.
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
    ///
    /// A result in long form (one count column and `keys` of two or more: `group by library,
    /// halfyear`) is the pivot of its last key laid out in rows, and is suppressed as that pivot
    /// would be: its rows are the other keys' values, its columns the last key's.
    public static func apply(_ table: Table, below threshold: Int64, countColumns: Set<String>,
                             rowCount: String? = nil, measures: Set<String> = [], keys: [String] = []) -> (Table, Suppression) {
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
        if counts.count == 1, let count = counts.first, let grid = LongForm(table, keys: keys, count: count) {
            // The pivot's cells: suppressed there, then mapped back to the result's rows.
            let inGrid = Set(cells.filter { $0.column == count }.map { Cell(row: grid.position[$0.row].row, column: grid.position[$0.row].column) })
            let done = complete(inGrid, rows: grid.rows, counts: Array(0..<grid.columns)) { r, c in
                grid.row(r, c).flatMap { value($0, count) }
            }
            for g in done.subtracting(inGrid) { if let r = grid.row(g.row, g.column) { cells.insert(Cell(row: r, column: count)) } }
        } else {
            cells = complete(cells, rows: table.rowCount, counts: counts, value)
        }
        // Every other measure of a row whose count is hidden goes with it, complementary ones
        // too: a share is the count over the total, an average times the count a sum.
        if let rowCount, let rc = table.columnIndex(rowCount) {
            let others = table.columnNames.indices.filter { $0 != rc && measures.contains(table.columnNames[$0]) }
            for r in Set(cells.filter { $0.column == rc }.map(\.row)) {
                for c in others where !table.columns[c].isNull(r) { cells.insert(Cell(row: r, column: c)) }
            }
        }
        // A pivot of several measures (`n x`, `s x`: count and average of group x): the other
        // measures of a hidden count's group go with it.
        if rowCount == nil {
            func group(_ name: String) -> Substring? { name.firstIndex(of: " ").map { name[name.index(after: $0)...] } }
            let measured = table.columnNames.indices.filter { measures.contains(table.columnNames[$0]) }
            for cell in cells where counts.contains(cell.column) {
                guard let g = group(table.columnNames[cell.column]) else { continue }
                for c in measured where c != cell.column && group(table.columnNames[c]) == g && !table.columns[c].isNull(cell.row) {
                    cells.insert(Cell(row: cell.row, column: c))
                }
            }
        }
        // Differences give a suppressed value away: they go too, in the row and in the row after
        // it in the same series (`trend`: the next period's change is its value less this one).
        let derived = table.columnNames.indices.filter { ["change", "change_pct"].contains(table.columnNames[$0]) }
        if !derived.isEmpty {
            // The series: the keys but the period (the time key, else the last key).
            let period = keys.last { name in table.columnIndex(name).map { [.halfYear, .date, .timestamp].contains(table.columns[$0].type) } ?? false }
                ?? keys.last
            let series = keys.filter { $0 != period }.compactMap { table.columnIndex($0) }
            func sameSeries(_ a: Int, _ b: Int) -> Bool { series.allSatisfy { table.value(row: a, column: $0) == table.value(row: b, column: $0) } }
            for r in Set(cells.map(\.row)) {
                for c in derived { cells.insert(Cell(row: r, column: c)) }
                if table.columnNames.contains("change"), keys.count >= 1, r + 1 < table.rowCount, sameSeries(r, r + 1) {
                    for c in derived { cells.insert(Cell(row: r + 1, column: c)) }
                }
            }
        }
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

    /// The suppressed cells with complementary ones added until no row or column of count
    /// cells (`counts`, the count columns' indices) holds exactly one, and no suppressed cell
    /// joins two groups of them alone.
    static func complete(_ primary: Set<Cell>, rows: Int, counts: [Int], _ value: (Int, Int) -> Int64?) -> Set<Cell> {
        var cells = primary
        var changed = true
        while changed {
            changed = false
            if counts.count > 1 {
                for r in 0..<rows {
                    let line = counts.map { Cell(row: r, column: $0) }
                    if let extra = complement(line, cells, primary, value) { cells.insert(extra); changed = true }
                }
            }
            if rows > 1 {
                for c in counts {
                    let line = (0..<rows).map { Cell(row: $0, column: c) }
                    if let extra = complement(line, cells, primary, value) { cells.insert(extra); changed = true }
                }
            }
            // Then a suppressed cell joining two blocks of them alone (see Suppression+Cycles).
            if !changed, let extra = bridgeComplement(cells, rows: rows, counts: counts, value) {
                cells.insert(extra)
                changed = true
            }
        }
        return cells
    }

    /// A result in long form seen as the pivot of its last key: each result row's place in it.
    struct LongForm {
        let rows: Int
        let columns: Int
        /// Per result row, its (row, column) in the pivot.
        let position: [(row: Int, column: Int)]
        /// The result row at each place of the pivot (-1 where there is none).
        private let at: [Int]

        /// The most places a pivot may have; a larger one is suppressed as one column.
        static let maxPlaces = 1 << 22

        /// Nil unless there are two keys or more, found in the table, and a pivot small enough.
        init?(_ table: Table, keys: [String], count: Int) {
            let indices = keys.compactMap { table.columnIndex($0) }
            guard indices.count >= 2, indices.count == keys.count, let last = indices.last else { return nil }
            var rowOf: [[Value]: Int] = [:], columnOf: [Value: Int] = [:]
            var position: [(row: Int, column: Int)] = []
            for r in 0..<table.rowCount {
                let prefix = indices.dropLast().map { table.value(row: r, column: $0) }
                let row = rowOf[prefix] ?? rowOf.count
                rowOf[prefix] = row
                let key = table.value(row: r, column: last)
                let column = columnOf[key] ?? columnOf.count
                columnOf[key] = column
                position.append((row, column))
            }
            guard rowOf.count * columnOf.count <= LongForm.maxPlaces else { return nil }
            var at = [Int](repeating: -1, count: rowOf.count * columnOf.count)
            for (r, p) in position.enumerated() {
                // Two result rows at one place (keys repeated): not a pivot.
                if at[p.row * columnOf.count + p.column] != -1 { return nil }
                at[p.row * columnOf.count + p.column] = r
            }
            (self.rows, self.columns, self.position, self.at) = (rowOf.count, columnOf.count, position, at)
        }

        /// The result row at a place of the pivot; nil where the long form has none.
        func row(_ r: Int, _ c: Int) -> Int? {
            let i = at[r * columns + c]
            return i < 0 ? nil : i
        }
    }

    /// For a row or column with exactly one suppressed cell, or whose suppressed cells are all
    /// small ones (two cells under 5 that add up to 2 are both 1), the cell to suppress beside
    /// them: the smallest other non-null count (a non-zero one before a zero); nil when none is
    /// needed.
    private static func complement(_ line: [Cell], _ cells: Set<Cell>, _ small: Set<Cell>,
                                   _ value: (Int, Int) -> Int64?) -> Cell? {
        let hidden = line.filter { cells.contains($0) }
        guard hidden.count == 1 || (!hidden.isEmpty && hidden.allSatisfy { small.contains($0) }) else { return nil }
        let candidates = line.filter { !cells.contains($0) && value($0.row, $0.column) != nil }
        return candidates.min { a, b in
            let x = value(a.row, a.column) ?? 0, y = value(b.row, b.column) ?? 0
            return (x == 0 ? Int64.max : x, a.row, a.column) < (y == 0 ? Int64.max : y, b.row, b.column)
        }
    }
}
