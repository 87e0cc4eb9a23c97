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

    /// Runs a statement that returns no rows (or whose rows are not wanted); it may hold
    /// several statements separated by semicolons.
    public func execute(_ sql: String) throws(Diagnostic) {
        try reconnectIfLost()
        guard let result = PQexec(connection, sql) else {
            throw Diagnostic(.error, "the server did not answer: \(PostgresConnection.message(PQerrorMessage(connection)))", code: .server)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw failure(result) }
    }

    /// Runs a statement and returns its rows.
    public func query(_ sql: String) throws(Diagnostic) -> PostgresRows {
        var names: [String] = [], types: [UInt32] = [], rows: [[String?]] = []
        try stream(sql, columns: { names = $0; types = $1 }, row: { rows.append($0) })
        return PostgresRows(names: names, typeIDs: types, rows: rows)
    }

    /// Runs one statement and hands its rows over one at a time as they arrive (libpq's
    /// single-row mode), so that libpq never holds the whole result: first `columns` with the
    /// names and type ids (`pg_type.oid`), then `row` for each row (text, or nil for null).
    ///
    /// When `columns` or `row` throws, the statement is cancelled on the server, what the
    /// server still sends is read and dropped, and the error is thrown: the connection is
    /// ready for the next statement.
    public func stream(_ sql: String, columns: ([String], [UInt32]) throws(Diagnostic) -> Void,
                       row: ([String?]) throws(Diagnostic) -> Void) throws(Diagnostic) {
        try reconnectIfLost()
        guard PQsendQuery(connection, sql) != 0 else {
            if PQstatus(connection) != CONNECTION_OK { throw lost() }
            throw Diagnostic(.error, "the server did not answer: \(PostgresConnection.message(PQerrorMessage(connection)))", code: .server)
        }
        // Fails only when no statement is running, and then PQgetResult below says why.
        _ = PQsetSingleRowMode(connection)
        var described = false
        var stopped: Diagnostic?
        // The server's error, kept until the end: whether the connection was lost is known
        // only once the rest is read.
        var failed: OpaquePointer?
        // Read to the end (nil) whatever happens, so that the connection is idle again.
        while let result = PQgetResult(connection) {
            guard stopped == nil, failed == nil else { PQclear(result); continue }
            let status = PQresultStatus(result)
            guard status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK else {
                if status == PGRES_COMMAND_OK { PQclear(result) } else { failed = result }
                continue
            }
            defer { PQclear(result) }
            let k = Int(PQnfields(result))
            do throws(Diagnostic) {
                if !described {
                    described = true
                    try columns((0..<k).map { j in PQfname(result, Int32(j)).map { String(cString: $0) } ?? "" },
                                (0..<k).map { j in UInt32(PQftype(result, Int32(j))) })
                }
                for i in 0..<Int(PQntuples(result)) {
                    try row((0..<k).map { j -> String? in
                        if PQgetisnull(result, Int32(i), Int32(j)) != 0 { return nil }
                        return PQgetvalue(result, Int32(i), Int32(j)).map { String(cString: $0) } ?? ""
                    })
                }
            } catch {
                stopped = error
                cancel()
            }
        }
        if let failed {
            defer { PQclear(failed) }
            throw failure(failed)
        }
        if let stopped { throw stopped }
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

    /// A connection lost by an earlier statement is made again before the next one.
    private func reconnectIfLost() throws(Diagnostic) {
        guard PQstatus(connection) != CONNECTION_OK else { return }
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            throw Diagnostic(.error, "the connection to the server is lost and could not be made again: "
                             + PostgresConnection.message(PQerrorMessage(connection)), code: .server,
                             notes: ["help: check that the server is running, then run the query again"])
        }
    }

    /// The diagnostic for a connection lost while a statement ran.
    private func lost() -> Diagnostic {
        Diagnostic(.error, "the connection to the server was lost during the query: "
                   + PostgresConnection.message(PQerrorMessage(connection)), code: .server,
                   notes: ["help: the next statement connects again"])
    }

    /// The diagnostic for a failed statement: the connection lost, the statement stopped
    /// (timeout or cancel, SQLSTATE 57014), or the server's own message with its detail and hint.
    private func failure(_ result: OpaquePointer) -> Diagnostic {
        if PQstatus(connection) != CONNECTION_OK { return lost() }
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
