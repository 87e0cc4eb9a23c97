import Synchronization

/// A named list of equally long columns.
public final class Table: Sendable {
    public let name: String
    public let columnNames: [String]
    public let columns: [Column]
    public let rowCount: Int
    /// Where the table came from (a file path), for messages.
    public let origin: String?
    /// Whether the table lives on a database server (`--connect`): its columns are here, its rows there.
    public let isRemote: Bool
    /// A server table's columns whose server type tryg does not map: read (and compared) as text.
    public let textOnServer: Set<Int>
    /// Derived columns (half-year codes and the like) computed once and kept.
    let derivedCache = Mutex<[String: Column]>([:])
    /// Distinct values per column (for value warnings), computed once and kept.
    let distinctCache = Mutex<[String: [Value]]>([:])

    public init(name: String, columnNames: [String], columns: [Column], rowCount: Int? = nil, origin: String? = nil,
                isRemote: Bool = false, textOnServer: Set<Int> = []) {
        self.isRemote = isRemote
        self.textOnServer = textOnServer
        self.name = name
        self.columnNames = columnNames
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
        self.origin = origin
    }

    public func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }

    public func column(_ name: String) -> Column? { columnIndex(name).map { columns[$0] } }

    /// The value at a row and column (slow path).
    public func value(row: Int, column: Int) -> Value { columns[column].value(at: row) }

    /// All rows as values (for tests and small results).
    public var rows: [[Value]] {
        (0..<rowCount).map { r in columns.map { $0.value(at: r) } }
    }

    /// The same columns under another name.
    public func renamed(_ newName: String) -> Table {
        Table(name: newName, columnNames: columnNames, columns: columns, rowCount: rowCount, origin: origin)
    }

    /// Distinct values computed once per table and column.
    func distinct(_ key: String, compute: () -> [Value]) -> [Value] {
        if let v = distinctCache.withLock({ $0[key] }) { return v }
        let v = compute()
        distinctCache.withLock { $0[key] = v }
        return v
    }

    /// A derived column computed once per table and cached.
    func derived(_ key: String, compute: () -> Column) -> Column {
        if let c = derivedCache.withLock({ $0[key] }) { return c }
        let c = compute()
        derivedCache.withLock { $0[key] = c }
        return c
    }
}
