import TrygDomain

/// A tryg table as SQL that makes it on a server: `CREATE TABLE` with the types the compiler
/// expects (half-years and categories as their labels), then `INSERT`s in batches. The tests
/// load their tables into PostgreSQL this way; every name and value is quoted by the compiler.
public struct SQLTableScript: Sendable {
    public let dialect: SQLDialect

    public init(dialect: SQLDialect) { self.dialect = dialect }

    /// The column type a tryg type is stored as on the server.
    public func storedType(_ type: DataType) -> String {
        switch type {
        case .int, .null: return "BIGINT"
        case .decimal: return dialect == .postgres ? "NUMERIC" : "DECIMAL(38, 9)"
        case .float: return dialect.doubleType
        case .text, .halfYear, .category: return dialect == .spark ? "STRING" : (dialect == .postgres ? "TEXT" : "VARCHAR")
        case .bool: return "BOOLEAN"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        }
    }

    private func compiler() -> SQLCompiler { SQLCompiler(dialect: dialect, domain: .standard, querySpan: nil) }

    /// `CREATE TABLE name (…)`, optionally in a schema.
    public func create(_ table: Table, schema: String? = nil) throws(Diagnostic) -> String {
        let c = compiler()
        var cols: [String] = []
        for (name, column) in zip(table.columnNames, table.columns) { cols.append("\(try c.id(name)) \(storedType(column.type))") }
        return "CREATE TABLE \(try qualified(table.name, schema)) (\(cols.joined(separator: ", ")))"
    }

    /// `INSERT INTO name VALUES (…), …` for rows `range` (nil when the range is empty).
    public func insert(_ table: Table, rows range: Range<Int>, schema: String? = nil) throws(Diagnostic) -> String? {
        guard !range.isEmpty, !table.columns.isEmpty else { return nil }
        let c = compiler()
        var rows: [String] = []
        for r in range {
            var cells: [String] = []
            for column in table.columns { cells.append(try value(column.value(at: r), column.type, c)) }
            rows.append("(\(cells.joined(separator: ", ")))")
        }
        return "INSERT INTO \(try qualified(table.name, schema)) VALUES \(rows.joined(separator: ",\n"))"
    }

    /// The whole table: create, then inserts of `batch` rows each.
    public func statements(_ table: Table, schema: String? = nil, batch: Int = 500) throws(Diagnostic) -> [String] {
        var out = [try create(table, schema: schema)]
        var start = 0
        while start < table.rowCount {
            let end = min(table.rowCount, start + max(batch, 1))
            if let s = try insert(table, rows: start..<end, schema: schema) { out.append(s) }
            start = end
        }
        return out
    }

    private func qualified(_ name: String, _ schema: String?) throws(Diagnostic) -> String {
        let c = compiler()
        guard let schema else { return try c.id(name) }
        return "\(try c.id(schema)).\(try c.id(name))"
    }

    /// One stored value: labels for half-years and categories, literals for the rest.
    private func value(_ v: Value, _ type: DataType, _ c: SQLCompiler) throws(Diagnostic) -> String {
        switch v {
        case .null: return "NULL"
        case .halfYear, .category: return try c.text(v.display)
        default: return try c.literal(v, type)
        }
    }
}
