import CLibPQ
import TrygEngine

/// The rows a statement returned, as the server wrote them (text, or nil for null).
public struct PostgresRows: Sendable {
    public let names: [String]
    /// Each column's type, as the server's type id (`pg_type.oid`).
    public let typeIDs: [UInt32]
    public let rows: [[String?]]
}

/// One connection to a PostgreSQL-protocol server through libpq, loaded on first use.
///
/// Errors are diagnostics with code `server`: a refused connection says where it tried and why,
/// a failed statement carries the server's own message.
public final class PostgresConnection: @unchecked Sendable {
    private let connection: OpaquePointer

    /// Connects with a libpq connection string or URL (`""`: the `PG*` environment variables).
    public init(_ conninfo: String = "") throws(Diagnostic) {
        if let failure = tryg_libpq_load() {
            throw Diagnostic(.error, "libpq, the PostgreSQL client library, could not be loaded: \(String(cString: failure))",
                             code: .server, notes: ["help: install it with apt-get install libpq5"])
        }
        guard let conn = PQconnectdb(conninfo) else {
            throw Diagnostic(.error, "could not connect: libpq is out of memory", code: .server)
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = PostgresConnection.message(PQerrorMessage(conn))
            PQfinish(conn)
            throw Diagnostic(.error, "could not connect to the server: \(message)", code: .server,
                             notes: ["help: check the URL (postgresql://USER@HOST/DATABASE) or PGHOST, PGPORT, PGDATABASE"])
        }
        connection = conn
    }

    deinit { PQfinish(connection) }

    /// Runs a statement that returns no rows (or whose rows are not wanted).
    public func execute(_ sql: String) throws(Diagnostic) {
        _ = try run(sql)
    }

    /// Runs a statement and returns its rows.
    public func query(_ sql: String) throws(Diagnostic) -> PostgresRows {
        try run(sql)
    }

    /// Asks the server to stop the statement running now (from another thread, e.g. on Ctrl-C).
    public func cancel() {
        guard let handle = PQgetCancel(connection) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
        PQfreeCancel(handle)
    }

    private func run(_ sql: String) throws(Diagnostic) -> PostgresRows {
        guard let result = PQexec(connection, sql) else {
            throw Diagnostic(.error, "the server did not answer: \(PostgresConnection.message(PQerrorMessage(connection)))", code: .server)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw Diagnostic(.error, "the server refused the statement: \(PostgresConnection.message(PQresultErrorMessage(result)))",
                             code: .server)
        }
        let n = Int(PQntuples(result)), k = Int(PQnfields(result))
        var names: [String] = [], types: [UInt32] = []
        for j in 0..<k {
            names.append(PQfname(result, Int32(j)).map { String(cString: $0) } ?? "")
            types.append(UInt32(PQftype(result, Int32(j))))
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(n)
        for i in 0..<n {
            var row: [String?] = []
            row.reserveCapacity(k)
            for j in 0..<k {
                if PQgetisnull(result, Int32(i), Int32(j)) != 0 { row.append(nil); continue }
                row.append(PQgetvalue(result, Int32(i), Int32(j)).map { String(cString: $0) } ?? "")
            }
            rows.append(row)
        }
        return PostgresRows(names: names, typeIDs: types, rows: rows)
    }

    /// A libpq message without its trailing newline.
    static func message(_ text: UnsafeMutablePointer<CChar>?) -> String {
        guard let text else { return "no message" }
        var s = String(cString: text)
        while s.last == "\n" { s.removeLast() }
        return s.isEmpty ? "no message" : s
    }
}
