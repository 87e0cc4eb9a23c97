import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygShell

/// Every golden query and every saved script that the SQL compiler accepts, compiled for DuckDB
/// and run in the DuckDB CLI, and compiled for Spark SQL and run in Spark's local mode, with the
/// rows compared to tryg's own. `scripts/test-dialects` installs both engines and runs this
/// suite; without them (a plain `swift test`) it is skipped, unless TRYG_REQUIRE_DIALECTS=1,
/// when a missing engine fails it.
@Suite(.serialized) struct DialectDifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static var required: Bool { environment["TRYG_REQUIRE_DIALECTS"] == "1" }
    static var python: String? { environment["TRYG_SQL_RUNNER_PYTHON"] }
    static var duckdb: String? { environment["TRYG_DUCKDB_CLI"] }
    static var enabled: Bool { required || python != nil }
    /// The engines to compare with: both, or those TRYG_DIALECTS names (`duckdb`, `spark`).
    static var dialects: [SQLDialect] {
        let named = (environment["TRYG_DIALECTS"] ?? "duckdb,spark").split(separator: ",").compactMap { SQLDialect.named(String($0)) }
        return named.isEmpty ? [.duckdb, .spark] : named
    }

    @Test func theEnginesAreThereWhenRequired() {
        if Self.required { #expect(Self.python != nil && Self.duckdb != nil, "TRYG_REQUIRE_DIALECTS is set but TRYG_SQL_RUNNER_PYTHON or TRYG_DUCKDB_CLI is not") }
    }

    static func engine(_ dialect: SQLDialect) throws -> DialectEngine {
        guard let python else { throw DialectEngine.Failure(description: "TRYG_SQL_RUNNER_PYTHON is not set") }
        switch dialect {
        case .duckdb:
            guard let duckdb else { throw DialectEngine.Failure(description: "TRYG_DUCKDB_CLI is not set") }
            return try DialectEngine(name: "DuckDB", python: python, arguments: ["duckdb", duckdb])
        default:
            return try DialectEngine(name: "Spark", python: python, arguments: ["spark"])
        }
    }

    struct Tally {
        var compared = 0
        var refused: [String] = []
    }

    /// One query: tryg's rows against the compiled SQL's rows in the engine.
    static func check(_ statement: String, in session: Session, engine: DialectEngine, dialect: SQLDialect,
                      place: String, tally: inout Tally) {
        guard case .rows(let local)? = try? session.execute(statement) else { return }
        let sql: String
        do { sql = try session.sql(statement, dialect: dialect) } catch {
            tally.refused.append("\(place): \(statement.split(separator: "\n").joined(separator: " ")) — \(error.message)")
            return
        }
        tally.compared += 1
        do {
            let remote = try engine.query(sql)
            // The DuckDB CLI prints nothing for an empty result, not even its column names.
            if remote.names.isEmpty, remote.rows.isEmpty {
                if local.table.rowCount != 0 { Issue.record("\(place): \(statement)\n\(local.table.rowCount) rows against none\n\(sql)") }
                return
            }
            let order = (try? SQLQuoting.identifier(SQLCompiler.orderColumn, dialect)) ?? SQLCompiler.orderColumn
            let ordered = sql.hasSuffix("ORDER BY \(order)\n")
            if let difference = PostgresOracle.difference(local.table, names: remote.names, rows: remote.rows,
                                                          ordered: ordered, engine: engine.name) {
                Issue.record("\(place): \(statement)\n\(difference)\n\(sql)")
            }
        } catch {
            Issue.record("\(place): \(statement)\n\(engine.name): \(error)\n\(sql)")
        }
    }

    static func load(_ catalog: Catalog, into engine: DialectEngine) throws {
        for name in catalog.names {
            guard let table = catalog.table(name) else { continue }
            try engine.load(table)
        }
    }

    static func report(_ what: String, _ engine: DialectEngine, _ tally: Tally) {
        var lines = ["\(engine.name) differential (\(what)): \(tally.compared) queries compared, \(tally.refused.count) not compiled"]
        lines += tally.refused.map { "  not compiled: \($0)" }
        print(lines.joined(separator: "\n"))
    }

    static func goldenQueries(_ dialect: SQLDialect, _ engine: DialectEngine) throws {
        try load(TestTables.catalog(), into: engine)
        var tally = Tally()
        for file in GoldenTests.files {
            let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8)
            let session = Session(catalog: TestTables.catalog())
            for (i, record) in GoldenFile.parse(text).records.enumerated() {
                let place = "\(file) #\(i + 1)"
                switch record.kind {
                case "query":
                    check(record.statement, in: session, engine: engine, dialect: dialect, place: place, tally: &tally)
                case "statement":
                    if case .stored(let name, let result)? = try? session.execute(record.statement) {
                        try engine.load(result.table, as: name)
                    }
                default: continue
                }
            }
        }
        report("golden queries", engine, tally)
        #expect(tally.compared > 100, "too few golden queries compiled: \(tally.compared)")
    }

    static func savedScripts(_ dialect: SQLDialect, _ engine: DialectEngine) throws {
        try load(try ManualTests.samples(), into: engine)
        var tally = Tally()
        let dir = ManualTests.package.appendingPathComponent("queries")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tryg") }.sorted()
        #expect(!scripts.isEmpty)
        for script in scripts {
            let text = try String(contentsOf: dir.appendingPathComponent(script), encoding: .utf8)
            let session = Session(catalog: try ManualTests.samples())
            for item in ScriptSplitter.split(text) where item.kind == .statement {
                let place = "queries/\(script):\(item.line)"
                if item.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().hasPrefix("let ") {
                    if case .stored(let name, let result)? = try? session.execute(item.text) { try engine.load(result.table, as: name) }
                } else {
                    check(item.text, in: session, engine: engine, dialect: dialect, place: place, tally: &tally)
                }
            }
        }
        report("saved scripts", engine, tally)
        #expect(tally.compared > 0)
    }

    /// One engine per dialect (Spark takes seconds to start): the golden queries over the test
    /// tables, then the saved scripts over the bundled samples.
    @Test(.enabled(if: enabled), arguments: DialectDifferentialTests.dialects)
    func theEngineAgrees(_ dialect: SQLDialect) throws {
        let engine = try DialectDifferentialTests.engine(dialect)
        try DialectDifferentialTests.goldenQueries(dialect, engine)
        try DialectDifferentialTests.savedScripts(dialect, engine)
    }
}
