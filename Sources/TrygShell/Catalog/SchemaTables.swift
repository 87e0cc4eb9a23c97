import TrygEngine
import TrygImport

/// The tables `.tables` and `.schema` show, built as ordinary tables so every output mode works.
enum SchemaTables {
    /// One row per table: name, rows, columns.
    static func tableList(_ catalog: Catalog) -> Table {
        let tables = catalog.all
        // A server's table (`.connect`) has its rows there: no count here, and a column says where.
        var columns: [(String, DataType, [Value])] = [
            ("table", .text, tables.map { .text($0.name) }),
            ("rows", .int, tables.map { $0.isRemote ? .null : .int(Int64($0.rowCount)) }),
            ("columns", .int, tables.map { .int(Int64($0.columnNames.count)) }),
        ]
        if tables.contains(where: \.isRemote) {
            columns.append(("where", .text, tables.map { .text($0.isRemote ? "server" : "tryg") }))
        }
        return make(name: "tables", columns)
    }

    /// One row per sheet of a workbook: name, rows and columns with cells, and whether Excel hides it.
    static func sheetList(_ sheets: [XLSXSheetInfo]) -> Table {
        make(name: "sheets", [
            ("sheet", .text, sheets.map { .text($0.name) }),
            ("rows", .int, sheets.map { .int(Int64($0.rows)) }),
            ("columns", .int, sheets.map { .int(Int64($0.columns)) }),
            ("hidden", .bool, sheets.map { .bool($0.state != nil && $0.state != "visible") }),
        ])
    }

    /// One row per column: name, type, distinct values, and a few values (or the range); a
    /// server's table (`.connect`) has its values there, and shows none.
    static func describe(_ table: Table) -> Table {
        var names: [Value] = [], types: [Value] = [], distinct: [Value] = [], samples: [Value] = []
        for (i, name) in table.columnNames.enumerated() {
            let column = table.columns[i]
            names.append(.text(name))
            types.append(.text(column.type.description))
            if table.isRemote {
                distinct.append(.null)
                samples.append(.null)
                continue
            }
            let summary = ColumnSummary(column, rows: table.rowCount)
            distinct.append(.int(Int64(summary.distinctCount)))
            samples.append(.text(summary.sample))
        }
        for derived in table.derivedColumns {
            names.append(.text(derived.name))
            types.append(.text("\(derived.type) (from \(derived.source))"))
            if !table.isRemote, let column = table.derivedColumn(derived.name) {
                let summary = ColumnSummary(column, rows: table.rowCount)
                distinct.append(.int(Int64(summary.distinctCount)))
                samples.append(.text(summary.sample))
            } else {
                distinct.append(.null)
                samples.append(.null)
            }
        }
        return make(name: table.name, [
            ("column", .text, names), ("type", .text, types), ("distinct", .int, distinct), ("values", .text, samples),
        ])
    }

    static func make(name: String, _ columns: [(String, DataType, [Value])]) -> Table {
        Table(name: name, columnNames: columns.map(\.0), columns: columns.map { _, type, values in
            var b = ColumnBuilder(type: type, capacity: values.count)
            values.forEach { b.append($0) }
            return b.finish()
        })
    }
}

/// Distinct count and a short sample of one column: a range for numbers, dates and periods,
/// the first values in the column's own order (scale, Danish collation) otherwise.
struct ColumnSummary {
    let distinctCount: Int
    let sample: String

    static let sampleSize = 3

    init(_ column: Column, rows: Int) {
        let values = ColumnStatistics.distinct(column)
        distinctCount = values.count
        switch column.type {
        case .int, .decimal, .float, .date, .timestamp, .halfYear:
            if let lo = values.first, let hi = values.last {
                sample = lo == hi ? CellText.display(lo) : "\(CellText.display(lo)) … \(CellText.display(hi))"
            } else {
                sample = ""
            }
        default:
            let shown = values.prefix(ColumnSummary.sampleSize).map { CellText.display($0) }
            sample = shown.joined(separator: ", ") + (values.count > ColumnSummary.sampleSize ? ", …" : "")
        }
    }
}
