import Foundation
import Synchronization
import TrygDomain
import TrygEngine

/// A PostgreSQL-protocol server as a `RemoteDatabase`: its tables (the search path's schemas)
/// described for the catalog, each query's statement sent whole, the result read back into
/// tryg's typed columns. Ctrl-C (the session's cancellation flag) cancels it on the server.
public final class PostgresDatabase: RemoteDatabase, @unchecked Sendable {
    public let dialect = SQLDialect.postgres
    /// Where it is, as the user gave it, the password masked.
    public let displayName: String
    private let connection: PostgresConnection
    /// One statement at a time on the connection (completion may ask while nothing else runs).
    private let lock = NSLock()

    /// Connects with a libpq URL or connection string (empty: the `PG*` variables).
    public init(_ url: String) throws(Diagnostic) {
        displayName = url.isEmpty ? "the PG* variables" : ConnectionString.masked(url)
        connection = try PostgresConnection(url)
    }

    /// A server column whose type tryg does not know, read as text.
    public struct UnknownType: Sendable, Equatable {
        public let table: String
        public let column: String
        public let serverType: String
    }

    /// The server's tables as empty tables with the columns' names and types (ordered
    /// categories by the domain's column names), ready for the catalog, and the columns
    /// whose server type is read as text. A name in two schemas is the one the search path
    /// finds first, as an unqualified name in the statements is.
    public func tables(domain: DomainContext = .standard) throws(Diagnostic) -> (tables: [Table], unknown: [UnknownType]) {
        lock.lock()
        defer { lock.unlock() }
        let rows = try connection.query("""
                SELECT c.table_name, c.column_name, c.data_type, c.table_schema
                FROM information_schema.columns AS c
                WHERE c.table_schema = ANY (CURRENT_SCHEMAS(FALSE))
                ORDER BY ARRAY_POSITION(CURRENT_SCHEMAS(FALSE), c.table_schema::name), c.table_name, c.ordinal_position
                """)
        var order: [String] = []
        var schemaOf: [String: String] = [:]
        var columns: [String: [(String, DataType)]] = [:]
        var unknown: [UnknownType] = []
        for row in rows.rows {
            guard row.count == 4, let table = row[0], let column = row[1], let schema = row[3] else { continue }
            if let first = schemaOf[table], first != schema { continue }   // hidden by an earlier schema
            if schemaOf[table] == nil { order.append(table); schemaOf[table] = schema }
            let serverType = row[2] ?? ""
            let mapped = PostgresDatabase.type(serverType)
            if mapped == nil { unknown.append(UnknownType(table: table, column: column, serverType: serverType)) }
            let type = mapped == .text ? (domain.scales[column].map(DataType.category) ?? .text) : (mapped ?? .text)
            columns[table, default: []].append((column, type))
        }
        let tables = order.map { name in
            let cols = columns[name] ?? []
            let names = cols.map(\.0)
            let asText = Set(unknown.filter { $0.table == name }.compactMap { u in names.firstIndex(of: u.column) })
            return Table(name: name, columnNames: names, columns: cols.map { ColumnBuilder(type: $0.1).finish() },
                         rowCount: 0, origin: "server", isRemote: true, textOnServer: asText)
        }
        return (tables, unknown)
    }

    /// A server type (`information_schema.columns.data_type`) as a tryg type; nil when the
    /// mapping does not know it (it is read as text).
    static func type(_ name: String) -> DataType? {
        switch name {
        case "bigint", "integer", "smallint": return .int
        case "numeric": return .decimal
        case "double precision", "real": return .float
        case "boolean": return .bool
        case "date": return .date
        case "timestamp without time zone": return .timestamp
        case "text", "character varying", "character", "name", "citext": return .text
        default: return nil
        }
    }

    public func rows(_ sql: String, columns: [(name: String, type: DataType)],
                     cancellation: CancellationFlag) throws(Diagnostic) -> Table {
        let result = try runCancellable(sql, cancellation: cancellation)
        guard result.names.count == columns.count else {
            throw Diagnostic.internalError("the server sent \(result.names.count) columns for \(columns.count)")
        }
        var builders = columns.map { ColumnBuilder(type: $0.type, capacity: result.rows.count) }
        for (i, row) in result.rows.enumerated() {
            for (j, text) in row.enumerated() {
                guard let value = PostgresValue.read(text, columns[j].type) else {
                    throw Diagnostic(.error, "the server sent '\(Diagnostic.shown(text ?? ""))' in row \(i + 1) of column '\(columns[j].name)', "
                                     + "which is not a \(columns[j].type)", code: .server,
                                     notes: ["help: check the column's type on the server (information_schema.columns)"])
                }
                builders[j].append(value)
            }
        }
        return Table(name: "result", columnNames: columns.map(\.name), columns: builders.map { $0.finish() })
    }

    /// Runs a statement while a watcher asks the server to stop it when Ctrl-C raises the flag.
    private func runCancellable(_ sql: String, cancellation: CancellationFlag) throws(Diagnostic) -> PostgresRows {
        let done = Atomic<Bool>(false)
        let watcher = Thread { [connection] in
            // Asked again while the flag stays up: a cancel that came before the statement
            // reached the server finds nothing to stop.
            while !done.load(ordering: .relaxed) {
                if cancellation.isRaised { connection.cancel() }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        watcher.start()
        defer { done.store(true, ordering: .relaxed) }
        lock.lock()
        defer { lock.unlock() }
        do throws(Diagnostic) {
            return try connection.query(sql)
        } catch {
            if cancellation.isRaised { throw Diagnostic.cancelled }
            throw error
        }
    }
}
