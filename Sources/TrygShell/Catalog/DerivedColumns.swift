import TrygEngine

/// The columns the domain adds to a table without declaration (LANGUAGE.md, "The domain in the language").
public enum DerivedColumns {
    /// Derived from the table's first date or timestamp column.
    public static let periodNames = ["halfyear", "season", "year", "month", "week", "weekday", "hour"]

    /// The derived names a table offers: the period names when it has a date or timestamp,
    /// and `district` when it has a `library` column.
    public static func names(for table: Table) -> [String] {
        var names: [String] = []
        if periodSource(in: table) != nil { names += periodNames }
        if table.columnIndex("library") != nil { names.append("district") }
        return names
    }

    /// The column a derived name is computed from.
    public static func source(of derived: String, in table: Table) -> String? {
        if derived == "district" { return table.columnIndex("library") != nil ? "library" : nil }
        return periodNames.contains(derived) ? periodSource(in: table) : nil
    }

    /// The first timestamp column, else the first date column.
    static func periodSource(in table: Table) -> String? {
        let types = table.columns.map(\.type)
        if let i = types.firstIndex(of: .timestamp) { return table.columnNames[i] }
        if let i = types.firstIndex(of: .date) { return table.columnNames[i] }
        return nil
    }
}
