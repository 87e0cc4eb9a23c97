import CSQLite
import Foundation
import TrygDomain
@testable import TrygEngine

/// A real SQLite database holding the same rows as a tryg catalog, to check results against.
final class SQLiteOracle {
    private var db: OpaquePointer?

    init(_ tables: [Table]) throws {
        guard sqlite3_open(":memory:", &db) == SQLITE_OK else { throw OracleError.message("cannot open sqlite") }
        for t in tables { try load(t) }
    }

    deinit { sqlite3_close(db) }

    enum OracleError: Error { case message(String) }

    static func sqlType(_ t: DataType) -> String {
        switch t {
        case .int, .bool: return "INTEGER"
        case .decimal, .float: return "REAL"
        default: return "TEXT"
        }
    }

    /// Values as SQLite sees them: timestamps and dates as ISO text, categories as their index.
    func load(_ t: Table) throws {
        let cols = zip(t.columnNames, t.columns).map { "\"\($0)\" \(SQLiteOracle.sqlType($1.type))" }
        try exec("CREATE TABLE \(t.name) (\(cols.joined(separator: ", ")))")
        try exec("BEGIN")
        let marks = Array(repeating: "?", count: t.columnNames.count).joined(separator: ", ")
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO \(t.name) VALUES (\(marks))", -1, &stmt, nil) == SQLITE_OK else {
            throw OracleError.message(String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for r in 0..<t.rowCount {
            sqlite3_reset(stmt)
            for c in 0..<t.columns.count {
                let i = Int32(c + 1)
                switch t.value(row: r, column: c) {
                case .null: sqlite3_bind_null(stmt, i)
                case .int(let v): sqlite3_bind_int64(stmt, i, v)
                case .bool(let b): sqlite3_bind_int64(stmt, i, b ? 1 : 0)
                case .decimal(let d): sqlite3_bind_double(stmt, i, d.double)
                case .float(let d): sqlite3_bind_double(stmt, i, d)
                case .category(let k, _): sqlite3_bind_int64(stmt, i, Int64(k))
                case let v: sqlite3_bind_text(stmt, i, v.display, -1, transient)
                }
            }
            guard sqlite3_step(stmt) == SQLITE_DONE else { throw OracleError.message(String(cString: sqlite3_errmsg(db))) }
        }
        try exec("COMMIT")
    }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw OracleError.message(String(cString: sqlite3_errmsg(db)) + " in " + sql)
        }
    }

    /// The rows of a query, each value as canonical text (null as "NULL", numbers normalised).
    func query(_ sql: String) throws -> [[String]] {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else {
            throw OracleError.message(String(cString: sqlite3_errmsg(db)) + " in " + sql)
        }
        defer { sqlite3_finalize(stmt) }
        var rows: [[String]] = []
        while sqlite3_step(stmt) == SQLITE_ROW {
            var row: [String] = []
            for c in 0..<sqlite3_column_count(stmt) {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: row.append("NULL")
                case SQLITE_INTEGER: row.append(String(sqlite3_column_int64(stmt, c)))
                case SQLITE_FLOAT: row.append(SQLiteOracle.canonical(sqlite3_column_double(stmt, c)))
                default: row.append(sqlite3_column_text(stmt, c).map { String(cString: $0) } ?? "")
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Numbers compare at nine significant decimals; whole decimals print as integers.
    static func canonical(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return String(format: "%.9g", d)
    }

    static func canonical(_ v: Value) -> String {
        switch v {
        case .null: return "NULL"
        case .decimal(let d): return canonical(d.double)
        case .float(let d): return canonical(d)
        case .bool(let b): return b ? "1" : "0"
        case .category(let i, _): return String(i)
        default: return v.display
        }
    }
}
