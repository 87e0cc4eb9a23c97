import TrygDomain

/// Which derived columns a table carries, and from which stored column.
enum DerivedColumns {
    /// The derived columns of a table: the calendar ones from its first timestamp (else date)
    /// column, and `district` from a text `library` column; never shadowing a stored name.
    static func available(in table: Table) -> [(DerivedColumn, Int)] {
        var out: [(DerivedColumn, Int)] = []
        let types = table.columns.map(\.type)
        let timeSource = types.firstIndex(of: .timestamp) ?? types.firstIndex(of: .date)
        if let src = timeSource {
            for kind in DerivedColumn.allCases where kind != .district {
                if kind == .hour && types[src] != .timestamp { continue }
                if table.columnIndex(kind.rawValue) == nil { out.append((kind, src)) }
            }
        }
        if let lib = table.columnIndex("library"), types[lib] == .text, table.columnIndex("district") == nil {
            out.append((.district, lib))
        }
        return out
    }
}
