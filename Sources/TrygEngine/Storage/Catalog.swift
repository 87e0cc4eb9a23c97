import Synchronization

/// The named tables a session can query.
public final class Catalog: Sendable {
    private let tables = Mutex<[String: Table]>([:])
    private let order = Mutex<[String]>([])

    public init(_ tables: [Table] = []) {
        for t in tables { register(t) }
    }

    /// Adds or replaces a table.
    public func register(_ table: Table) {
        let existed = tables.withLock { t -> Bool in
            let had = t[table.name] != nil
            t[table.name] = table
            return had
        }
        if !existed { order.withLock { $0.append(table.name) } }
    }

    public func remove(_ name: String) {
        tables.withLock { _ = $0.removeValue(forKey: name) }
        order.withLock { $0.removeAll { $0 == name } }
    }

    public func table(_ name: String) -> Table? { tables.withLock { $0[name] } }

    /// Table names in the order they were added.
    public var names: [String] { order.withLock { $0 } }

    public var all: [Table] { names.compactMap(table) }
}
