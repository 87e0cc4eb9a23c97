import Foundation
import Testing
@testable import TrygEngine

/// Random queries from the grammar, run by tryg and by SQLite over random tables, compared row
/// by row. A fixed seed in the test suite; `TRYG_DIFF_SEED` and `TRYG_DIFF_QUERIES` choose
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
                // Every query runs with the text columns stored both ways.
                for layout in TextLayout.allCases {
                    let stored = tables.map { $0.withTextLayout(layout) }
                    if let problem = Self.check(q, tables: stored, oracle: oracle) {
                        failures += 1
                        Issue.record("seed \(Self.seed), query \(ran), text \(layout): \(q.tryg)\n\(problem)\n\(Self.describe(tables))")
                    }
                }
            }
        }
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
