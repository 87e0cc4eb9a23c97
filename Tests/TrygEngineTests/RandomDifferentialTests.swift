import Foundation
import Testing
@testable import TrygEngine
import TrygDomain

/// Random queries from the grammar, run by tryg and by SQLite over random tables, compared row
/// by row; and beside a PostgreSQL server (`scripts/with-postgres`), the same queries compiled by
/// tryg's SQL compiler and run there, as a third engine. A fixed seed in the test suite; `TRYG_DIFF_SEED` and `TRYG_DIFF_QUERIES` choose
/// others (scripts/fuzz differential runs it with fresh seeds for as long as asked).
@Suite struct RandomDifferentialTests {
    static var seed: UInt64 { ProcessInfo.processInfo.environment["TRYG_DIFF_SEED"].flatMap { UInt64($0) } ?? 20_261_130 }
    static var queries: Int { ProcessInfo.processInfo.environment["TRYG_DIFF_QUERIES"].flatMap { Int($0) } ?? 400 }
    /// Queries per random table pair.
    static let perTables = 8

    @Test func randomQueriesMatchSQLite() throws {
        var rng = TestTables.Rng(state: Self.seed)
        var generator = RandomQueryGenerator(rng: TestTables.Rng(state: Self.seed ^ 0x5EED))
        var failures = 0
        var ran = 0
        while ran < Self.queries, failures < 10 {
            let tables = RandomTables.make(&rng)
            let oracle = try SQLiteOracle(tables)
            for v in RandomTables.views { try oracle.exec(v) }
            for _ in 0..<Self.perTables where ran < Self.queries {
                ran += 1
                let q = generator.query()
                // Every query runs with the text columns stored both ways, and the integers
                // eight bytes a row and one byte a row.
                for layout in TextLayout.allCases {
                    for width in IntegerWidth.allCases {
                        let stored = tables.map { $0.withTextLayout(layout).withIntegerWidth(width) }
                        if let problem = Self.check(q, tables: stored, oracle: oracle) {
                            failures += 1
                            Issue.record("seed \(Self.seed), query \(ran), text \(layout), integers \(width): \(q.tryg)\n\(problem)\n\(Self.describe(tables))")
                        }
                    }
                }
            }
        }
    }

    /// The same random queries, compiled for PostgreSQL and run in the server over the same
    /// tables, against tryg's own rows. Queries the compiler refuses are counted; most must compile.
    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func randomQueriesMatchPostgreSQL() throws {
        var rng = TestTables.Rng(state: Self.seed)
        var generator = RandomQueryGenerator(rng: TestTables.Rng(state: Self.seed ^ 0x5EED))
        var tally = SQLDifferentialCorpus.Tally()
        var failures = 0, ran = 0, answered = 0
        while ran < Self.queries, failures < 10 {
            let tables = RandomTables.make(&rng)
            let oracle = try PostgresOracle(schema: "tryg_random", catalog: Catalog(tables))
            let session = Session(catalog: Catalog(tables))
            for _ in 0..<Self.perTables where ran < Self.queries {
                ran += 1
                let q = generator.query()
                guard q.error == nil else { continue }
                answered += 1
                guard let (local, sql) = tally.compile(q.tryg, in: session, dialect: .postgres, place: "query \(ran)") else { continue }
                do {
                    let remote = try oracle.connection.query(sql)
                    // SQL cannot select no columns (a pivot of no rows has none): the statement
                    // selects a constant, and only the row count is compared.
                    if local.table.columnNames.isEmpty {
                        if remote.rows.count != local.table.rowCount {
                            failures += 1
                            Issue.record("seed \(Self.seed), query \(ran): \(q.tryg)\n\(local.table.rowCount) rows against \(remote.rows.count)")
                        }
                        continue
                    }
                    let ordered = sql.hasSuffix("ORDER BY \"\(SQLCompiler.orderColumn)\"")
                    if let difference = PostgresOracle.difference(local.table, remote, ordered: ordered) {
                        failures += 1
                        Issue.record("seed \(Self.seed), query \(ran): \(q.tryg)\n\(difference)\n\(sql)\n\(Self.describe(tables))")
                    }
                } catch {
                    failures += 1
                    Issue.record("seed \(Self.seed), query \(ran): \(q.tryg)\nPostgreSQL: \(error.message)\n\(sql)")
                }
            }
        }
        tally.report("PostgreSQL", "random queries")
        #expect(tally.compared * 10 >= answered * 8, "only \(tally.compared) of \(answered) random queries compiled")
    }

    /// nil when tryg and SQLite agree; otherwise what differs.
    static func check(_ q: RandomQuery, tables: [Table], oracle: SQLiteOracle) -> String? {
        let session = Session(catalog: Catalog(tables))
        let outcome: StatementOutcome
        do {
            outcome = try session.execute(q.tryg)
        } catch {
            if let expected = q.error, error.description.contains(expected) { return nil }
            return "tryg failed: \(error.description)"
        }
        if let expected = q.error { return "tryg answered; expected an error with \(expected)" }
        guard case .rows(let result) = outcome else { return "no rows" }
        let sql: String
        var want: [[String]]
        do {
            sql = try q.sql(oracle)
            want = try oracle.query(sql)
        } catch {
            return "SQLite failed: \(error)"
        }
        var got = result.table.rows.map { $0.map(SQLiteOracle.canonical) }
        if !q.ordered {
            got.sort { $0.lexicographicallyPrecedes($1) }
            want.sort { $0.lexicographicallyPrecedes($1) }
        }
        if got == want { return nil }
        return """
            SQL: \(sql)
             tryg   (\(got.count) rows): \(got.prefix(12))
             sqlite (\(want.count) rows): \(want.prefix(12))
            """
    }

    static func describe(_ tables: [Table]) -> String {
        tables.map { t in
            "\(t.name)(\(t.columnNames.joined(separator: ", "))):\n" + t.rows.map { r in
                "  " + r.map { $0.isNull ? "NULL" : $0.display }.joined(separator: " | ")
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
