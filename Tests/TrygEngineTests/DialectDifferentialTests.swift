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

    /// One query: tryg's rows against the compiled SQL's rows in the engine.
    static func check(_ step: SQLDifferentialCorpus.Step, engine: DialectEngine, dialect: SQLDialect,
                      tally: inout SQLDifferentialCorpus.Tally) throws {
        switch step {
        case .stored(let name, let table):
            try engine.load(table, as: name)
        case .query(let statement, let session, let place):
            guard let (local, sql) = tally.compile(statement, in: session, dialect: dialect, place: place) else { return }
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
    }

    static func load(_ catalog: Catalog, into engine: DialectEngine) throws {
        for name in catalog.names {
            guard let table = catalog.table(name) else { continue }
            try engine.load(table)
        }
    }

    /// One engine per dialect (Spark takes seconds to start): the golden queries over the test
    /// tables, then the saved scripts over the bundled samples.
    @Test(.enabled(if: enabled), arguments: DialectDifferentialTests.dialects)
    func theEngineAgrees(_ dialect: SQLDialect) throws {
        let engine = try DialectDifferentialTests.engine(dialect)
        try Self.load(TestTables.catalog(), into: engine)
        var golden = SQLDifferentialCorpus.Tally()
        try SQLDifferentialCorpus.goldenQueries { try Self.check($0, engine: engine, dialect: dialect, tally: &golden) }
        golden.report(engine.name, "golden queries")
        #expect(golden.compared > 100, "too few golden queries compiled: \(golden.compared)")

        try Self.load(try ManualTests.samples(), into: engine)
        var scripts = SQLDifferentialCorpus.Tally()
        try SQLDifferentialCorpus.savedScripts { try Self.check($0, engine: engine, dialect: dialect, tally: &scripts) }
        scripts.report(engine.name, "saved scripts")
        #expect(scripts.compared > 0)
    }
}
