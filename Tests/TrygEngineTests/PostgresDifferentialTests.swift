import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygPostgres
import TrygShell

/// Every golden query and every saved script that the SQL compiler accepts, run both in tryg
/// and, compiled, in a real PostgreSQL (`scripts/with-postgres`), with the rows compared. The
/// queries the compiler refuses are listed with their reasons in the output.
@Suite(.serialized) struct PostgresDifferentialTests {
    static let enabled = PostgresOracle.available || PostgresOracle.required

    /// The test script runs the suite beside a server: without one it must fail, not skip.
    @Test func aServerIsThereWhenRequired() {
        if PostgresOracle.required { #expect(PostgresOracle.available, "TRYG_REQUIRE_POSTGRES is set but PGHOST is not") }
    }

    /// One query: its rows in tryg against its compiled SQL's rows in PostgreSQL.
    static func check(_ step: SQLDifferentialCorpus.Step, oracle: PostgresOracle,
                      tally: inout SQLDifferentialCorpus.Tally) throws {
        switch step {
        case .stored(let name, let table):
            try oracle.load(table.renamed(name))
        case .query(let statement, let session, let place):
            guard let (local, sql) = tally.compile(statement, in: session, dialect: .postgres, place: place) else { return }
            do {
                let remote = try oracle.connection.query(sql)
                let ordered = sql.hasSuffix("ORDER BY \"\(SQLCompiler.orderColumn)\"")
                if let difference = PostgresOracle.difference(local.table, remote, ordered: ordered) {
                    Issue.record("\(place): \(statement)\n\(difference)\n\(sql)")
                }
            } catch {
                Issue.record("\(place): \(statement)\n\(error.message)\n\(sql)")
            }
        }
    }

    @Test(.enabled(if: enabled)) func goldenQueriesAgree() throws {
        let oracle = try PostgresOracle(schema: "tryg_golden", catalog: TestTables.catalog())
        var tally = SQLDifferentialCorpus.Tally()
        try SQLDifferentialCorpus.goldenQueries { try Self.check($0, oracle: oracle, tally: &tally) }
        tally.report("PostgreSQL", "golden queries")
        #expect(tally.compared > 100, "too few golden queries compiled: \(tally.compared)")
    }

    @Test(.enabled(if: enabled)) func savedScriptsAgree() throws {
        let oracle = try PostgresOracle(schema: "tryg_samples", catalog: try ManualTests.samples())
        var tally = SQLDifferentialCorpus.Tally()
        try SQLDifferentialCorpus.savedScripts { try Self.check($0, oracle: oracle, tally: &tally) }
        tally.report("PostgreSQL", "saved scripts")
        #expect(tally.compared > 0)
    }
}
