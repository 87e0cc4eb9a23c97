import TrygEngine

/// The columns the domain adds to a table without declaration, as the engine defines them.
public enum DerivedColumns {
    /// The derived names a table offers.
    public static func names(for table: Table) -> [String] { table.derivedColumns.map(\.name) }

    /// The stored column a derived name is computed from.
    public static func source(of derived: String, in table: Table) -> String? {
        table.derivedColumns.first { $0.name == derived }?.source
    }
}
