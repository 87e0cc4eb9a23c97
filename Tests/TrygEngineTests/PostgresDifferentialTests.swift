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

    struct Tally {
        var compared = 0
        var refused: [String] = []
    }

    /// One query: its rows in tryg against its compiled SQL's rows in PostgreSQL.
    static func check(_ statement: String, in session: Session, oracle: PostgresOracle, place: String,
                      tally: inout Tally) {
        guard case .rows(let local)? = try? session.execute(statement) else { return }
        let sql: String
        do { sql = try session.sql(statement, dialect: .postgres) } catch {
            tally.refused.append("\(place): \(statement.split(separator: "\n").joined(separator: " ")) — \(error.message)")
            return
        }
        tally.compared += 1
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

    /// A `let` result joins the server's tables too, so later queries over it compile and run.
    static func run(_ statement: String, in session: Session, oracle: PostgresOracle, place: String,
                    tally: inout Tally) throws {
        if case .stored(let name, let result)? = try? session.execute(statement) {
            try oracle.load(result.table.renamed(name))
        }
    }

    static func report(_ what: String, _ tally: Tally) {
        var lines = ["PostgreSQL differential (\(what)): \(tally.compared) queries compared, \(tally.refused.count) not compiled"]
        lines += tally.refused.map { "  not compiled: \($0)" }
        print(lines.joined(separator: "\n"))
    }

    @Test(.enabled(if: enabled)) func goldenQueriesAgree() throws {
        let oracle = try PostgresOracle(schema: "tryg_golden", catalog: TestTables.catalog())
        var tally = Tally()
        for file in GoldenTests.files {
            let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8)
            let session = Session(catalog: TestTables.catalog())
            for (i, record) in GoldenFile.parse(text).records.enumerated() {
                let place = "\(file) #\(i + 1)"
                switch record.kind {
                case "query": PostgresDifferentialTests.check(record.statement, in: session, oracle: oracle, place: place, tally: &tally)
                case "statement": try PostgresDifferentialTests.run(record.statement, in: session, oracle: oracle, place: place, tally: &tally)
                default: continue
                }
            }
        }
        PostgresDifferentialTests.report("golden queries", tally)
        #expect(tally.compared > 100, "too few golden queries compiled: \(tally.compared)")
    }

    @Test(.enabled(if: enabled)) func savedScriptsAgree() throws {
        let catalog = try ManualTests.samples()
        let oracle = try PostgresOracle(schema: "tryg_samples", catalog: catalog)
        var tally = Tally()
        let dir = ManualTests.package.appendingPathComponent("queries")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tryg") }.sorted()
        #expect(!scripts.isEmpty)
        for script in scripts {
            let text = try String(contentsOf: dir.appendingPathComponent(script), encoding: .utf8)
            let session = Session(catalog: try ManualTests.samples())
            for item in ScriptSplitter.split(text) where item.kind == .statement {
                let place = "queries/\(script):\(item.line)"
                let trimmed = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.lowercased().hasPrefix("let ") {
                    try PostgresDifferentialTests.run(item.text, in: session, oracle: oracle, place: place, tally: &tally)
                } else {
                    PostgresDifferentialTests.check(item.text, in: session, oracle: oracle, place: place, tally: &tally)
                }
            }
        }
        PostgresDifferentialTests.report("saved scripts", tally)
        #expect(tally.compared > 0)
    }
}
