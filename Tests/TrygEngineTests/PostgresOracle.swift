import Foundation
import TrygDomain
@testable import TrygEngine
import TrygPostgres

/// The real PostgreSQL server of `scripts/with-postgres`, as a second engine: tables loaded from
/// tryg's, statements from the SQL compiler, results compared with tryg's own row by row.
struct PostgresOracle {
    let connection: PostgresConnection
    let schema: String

    /// Whether the tests must have the server (`scripts/test` sets this): then a missing or
    /// unreachable server fails the suite instead of skipping it.
    static var required: Bool { ProcessInfo.processInfo.environment["TRYG_REQUIRE_POSTGRES"] == "1" }
    static var available: Bool { ProcessInfo.processInfo.environment["PGHOST"] != nil }

    /// Connects through the `PG*` variables and makes a fresh schema holding the catalog's tables.
    init(schema: String, catalog: Catalog) throws(Diagnostic) {
        connection = try PostgresConnection()
        self.schema = schema
        let script = SQLTableScript(dialect: .postgres)
        let c = SQLCompiler(dialect: .postgres, domain: .standard, querySpan: nil)
        let quoted = try c.id(schema)
        // The server's notices (a drop that cascades, a table not there to drop) stay out of the log.
        try connection.execute("SET client_min_messages TO warning")
        try connection.execute("DROP SCHEMA IF EXISTS \(quoted) CASCADE; CREATE SCHEMA \(quoted); SET search_path TO \(quoted)")
        for name in catalog.names {
            guard let table = catalog.table(name) else { continue }
            try load(table, script)
        }
    }

    func load(_ table: Table, _ script: SQLTableScript = SQLTableScript(dialect: .postgres)) throws(Diagnostic) {
        let c = SQLCompiler(dialect: .postgres, domain: .standard, querySpan: nil)
        try connection.execute("DROP TABLE IF EXISTS \(try c.id(table.name))")
        for statement in try script.statements(table, schema: schema) { try connection.execute(statement) }
    }

    /// How a local result and the server's rows differ, or nil when they agree: the same
    /// columns, the same rows (in the same order when `ordered`), exact values exact, floats
    /// to 1e-9.
    static func difference(_ local: Table, _ remote: PostgresRows, ordered: Bool) -> String? {
        difference(local, names: remote.names, rows: remote.rows, ordered: ordered, engine: "PostgreSQL")
    }

    /// The same for any engine whose cells are spelled as PostgreSQL prints them.
    static func difference(_ local: Table, names: [String], rows: [[String?]], ordered: Bool, engine: String) -> String? {
        guard local.columnNames == names else { return "columns \(local.columnNames) against \(names)" }
        guard local.rowCount == rows.count else { return "\(local.rowCount) rows against \(rows.count)" }
        let types = local.columns.map(\.type)
        let mine = local.rows.map { $0.map(canonical) }
        let theirs = rows.map { row in zip(row, types).map { canonical($0, $1) } }
        let (a, b) = ordered ? (mine, theirs) : (mine.sorted(by: before), theirs.sorted(by: before))
        for (i, (x, y)) in zip(a, b).enumerated() where !same(x, y) {
            return "row \(i + 1)\(ordered ? "" : " (sorted)"): tryg \(x) against \(engine) \(y)"
        }
        return nil
    }

    /// A cell brought to one spelling: numbers as numbers, the rest as tryg displays it.
    enum Cell: Equatable, CustomStringConvertible {
        case null, exact(String), float(Double), text(String)
        var description: String {
            switch self {
            case .null: return "null"
            case .exact(let s), .text(let s): return s
            case .float(let d): return "\(d)"
            }
        }
        var key: String {
            switch self {
            case .null: return "\u{0}"
            case .exact(let s), .text(let s): return s
            case .float(let d): return String(format: "%.6e", d)
            }
        }
    }

    static func before(_ a: [Cell], _ b: [Cell]) -> Bool { a.map(\.key).lexicographicallyPrecedes(b.map(\.key)) }

    static func same(_ a: [Cell], _ b: [Cell]) -> Bool {
        zip(a, b).allSatisfy { x, y in
            if case .float(let p) = x, case .float(let q) = y {
                if p.isNaN || q.isNaN { return p.isNaN && q.isNaN }
                return p == q || abs(p - q) <= 1e-9 * max(1, abs(p), abs(q))
            }
            return x == y
        }
    }

    static func canonical(_ v: Value) -> Cell {
        switch v {
        case .null: return .null
        case .int(let i): return .exact(String(i))
        case .decimal(let d): return .exact(exact(d.description))
        case .float(let d): return .float(d)
        default: return .text(v.display)
        }
    }

    static func canonical(_ s: String?, _ type: DataType) -> Cell {
        guard let s else { return .null }
        switch type {
        case .int: return .exact(s)
        case .decimal: return .exact(exact(s))
        case .float: return .float(Double(s) ?? (s == "Infinity" ? .infinity : s == "-Infinity" ? -.infinity : .nan))
        case .bool: return .text(s == "t" ? "true" : s == "f" ? "false" : s)
        case .timestamp:
            // `2025-01-31 08:30:00` as tryg writes it: `2025-01-31T08:30`, seconds only when not zero.
            var t = s.replacingOccurrences(of: " ", with: "T")
            if t.hasSuffix(":00"), t.count == 19 { t.removeLast(3) }
            return .text(t)
        default: return .text(s)
        }
    }

    /// A decimal without trailing zeros after the mark (`1.50` and `1.5` are one number).
    static func exact(_ s: String) -> String {
        guard s.contains(".") else { return s == "-0" ? "0" : s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}
