/// Distinct values of a column, for value warnings, `.schema` and completion.
public enum ColumnStatistics {
    /// The distinct non-null values, in the column's own order.
    public static func distinct(_ col: Column) -> [Value] {
        switch col.storage {
        case .text(let codes, let dict):
            var used = [Bool](repeating: false, count: dict.values.count)
            for (i, c) in codes.enumerated() where !col.isNull(i) { used[Int(c)] = true }
            let rank = Collation.ranks(dict)
            return dict.values.indices.filter { used[$0] }.sorted { rank[$0] < rank[$1] }.map { .text(dict.values[$0]) }
        case .ints(let v):
            var seen = Set<Int64>()
            for (i, x) in v.enumerated() where !col.isNull(i) { seen.insert(x) }
            let tmp = Column(type: col.type, storage: .ints(seen.sorted()))
            return (0..<tmp.count).map { tmp.value(at: $0) }
        case .decimals(let v):
            var seen = Set<Double>()
            for (i, x) in v.enumerated() where !col.isNull(i) { seen.insert(x) }
            return seen.sorted().map { .decimal($0) }
        }
    }

    /// The distinct values of a table's column, derived ones included (by name).
    public static func distinct(_ table: Table, column name: String, domain: DomainContext = .standard) -> [Value]? {
        if let i = table.columnIndex(name) { return distinct(table.columns[i]) }
        for (kind, source) in DerivedColumns.available(in: table) where kind.rawValue == name {
            return distinct(Executor.scanColumn(table, .derived(kind, source: source), domain: domain))
        }
        return nil
    }

    /// The names a table answers to: stored and derived columns.
    public static func columnNames(_ table: Table) -> [String] {
        table.columnNames + DerivedColumns.available(in: table).map(\.0.rawValue)
    }
}
