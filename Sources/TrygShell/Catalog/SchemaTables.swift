import TrygEngine

/// The tables `.tables` and `.schema` show, built as ordinary tables so every output mode works.
enum SchemaTables {
    /// One row per table: name, rows, columns.
    static func tableList(_ catalog: Catalog) -> Table {
        let tables = catalog.all
        return make(name: "tables", [
            ("table", .text, tables.map { .text($0.name) }),
            ("rows", .int, tables.map { .int(Int64($0.rowCount)) }),
            ("columns", .int, tables.map { .int(Int64($0.columnNames.count)) }),
        ])
    }

    /// One row per column: name, type, distinct values, and a few values (or the range).
    static func describe(_ table: Table) -> Table {
        var names: [Value] = [], types: [Value] = [], distinct: [Value] = [], samples: [Value] = []
        for (i, name) in table.columnNames.enumerated() {
            let column = table.columns[i]
            let summary = ColumnSummary(column, rows: table.rowCount)
            names.append(.text(name))
            types.append(.text(column.type.description))
            distinct.append(.int(Int64(summary.distinctCount)))
            samples.append(.text(summary.sample))
        }
        for name in DerivedColumns.names(for: table) where table.columnIndex(name) == nil {
            names.append(.text(name))
            types.append(.text("derived"))
            distinct.append(.null)
            samples.append(.text(DerivedColumns.source(of: name, in: table).map { "from \($0)" } ?? ""))
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

/// Distinct count and a short sample of one column.
struct ColumnSummary {
    let distinctCount: Int
    let sample: String

    static let sampleSize = 3

    init(_ column: Column, rows: Int) {
        var seen = Set<Value>()
        var firstSeen: [Value] = []
        var minValue: Value?, maxValue: Value?
        let ordered = column.type == .int || column.type == .decimal || column.type == .date || column.type == .timestamp
        for r in 0..<rows where !column.isNull(r) {
            let v = column.value(at: r)
            if seen.insert(v).inserted, firstSeen.count <= ColumnSummary.sampleSize { firstSeen.append(v) }
            if ordered {
                if minValue.map({ ColumnSummary.less(v, $0) }) ?? true { minValue = v }
                if maxValue.map({ ColumnSummary.less($0, v) }) ?? true { maxValue = v }
            }
        }
        distinctCount = seen.count
        if ordered, let lo = minValue, let hi = maxValue {
            sample = lo == hi ? CellText.display(lo) : "\(CellText.display(lo)) … \(CellText.display(hi))"
        } else {
            let shown = firstSeen.prefix(ColumnSummary.sampleSize).map { CellText.display($0) }
            sample = shown.joined(separator: ", ") + (seen.count > ColumnSummary.sampleSize ? ", …" : "")
        }
    }

    static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)), (.date(let x), .date(let y)), (.timestamp(let x), .timestamp(let y)): return x < y
        case (.decimal(let x), .decimal(let y)): return x < y
        default: return false
        }
    }
}
