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
/// a failed statement carries the server's own message, a lost connection says so (the next
/// statement connects again).
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
                             notes: ["help: check the URL (postgresql://USER@HOST:PORT/DATABASE) or PGHOST, PGPORT, PGDATABASE, PGUSER"])
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

    /// The SQLSTATE a statement cancelled by `cancel()` or by the server's `statement_timeout` fails with.
    public static let queryCanceled = "57014"

    private func run(_ sql: String) throws(Diagnostic) -> PostgresRows {
        // A connection lost by an earlier statement is made again before this one.
        if PQstatus(connection) != CONNECTION_OK {
            PQreset(connection)
            guard PQstatus(connection) == CONNECTION_OK else {
                throw Diagnostic(.error, "the connection to the server is lost and could not be made again: "
                                 + PostgresConnection.message(PQerrorMessage(connection)), code: .server,
                                 notes: ["help: check that the server is running, then run the query again"])
            }
        }
        guard let result = PQexec(connection, sql) else {
            throw Diagnostic(.error, "the server did not answer: \(PostgresConnection.message(PQerrorMessage(connection)))", code: .server)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw failure(result)
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

    /// The diagnostic for a failed statement: the connection lost, the statement stopped
    /// (timeout or cancel, SQLSTATE 57014), or the server's own message with its detail and hint.
    private func failure(_ result: OpaquePointer) -> Diagnostic {
        if PQstatus(connection) != CONNECTION_OK {
            return Diagnostic(.error, "the connection to the server was lost during the query: "
                              + PostgresConnection.message(PQerrorMessage(connection)), code: .server,
                              notes: ["help: the next statement connects again"])
        }
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let text = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return PostgresConnection.message(text)
        }
        let primary = field("M") ?? PostgresConnection.message(PQresultErrorMessage(result))
        let state = field("C") ?? ""
        if state == PostgresConnection.queryCanceled {
            return Diagnostic(.error, "the server stopped the query: \(primary)", code: .server,
                              notes: ["note: SQLSTATE \(state)",
                                      "help: the server's statement_timeout limits how long a query runs; raise it for this connection with options='-c statement_timeout=10min' in the URL, or bring fewer rows"])
        }
        var notes: [String] = []
        if let detail = field("D") { notes.append("note: \(detail)") }
        if let hint = field("H") { notes.append("help: \(hint)") }
        if !state.isEmpty { notes.append("note: SQLSTATE \(state)") }
        return Diagnostic(.error, "the server reported an error: \(primary)", code: .server, notes: notes)
    }

    /// A libpq message without its trailing newline.
    static func message(_ text: UnsafeMutablePointer<CChar>?) -> String {
        guard let text else { return "no message" }
        var s = String(cString: text)
        while s.last == "\n" { s.removeLast() }
        return s.isEmpty ? "no message" : s
    }
}
