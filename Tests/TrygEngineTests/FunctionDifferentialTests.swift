import Foundation
import Testing
@testable import TrygEngine

/// The catalog's text and date functions against SQLite, and its ordered aggregates against
/// each other (SQLite has no quantile or mode): the whole kind, over every row of the test tables.
@Suite struct FunctionDifferentialTests {
    static let cases: [(String, String)] = [
        ("incidents order by id select library || \"-\" || category",
         "SELECT library || '-' || category FROM incidents ORDER BY id"),
        ("libraries order by name select concat(name, \"/\", district, effort_start)",
         "SELECT coalesce(name, '') || '/' || coalesce(district, '') || coalesce(effort_start, '') FROM libraries ORDER BY name"),
        ("libraries order by name select name || effort_start",
         "SELECT name || effort_start FROM libraries ORDER BY name"),
        ("incidents order by id select substr(description, 3, 5) as a, substr(description, -4) as b, substr(description, 0, 3) as c, substr(description, 2) as d, substr(description, 4, -2) as e, substr(description, -2, -3) as f, substr(description, 0) as g, substr(description, -100, 102) as h",
         "SELECT substr(description, 3, 5), substr(description, -4), substr(description, 0, 3), substr(description, 2), substr(description, 4, -2), substr(description, -2, -3), substr(description, 0), substr(description, -100, 102) FROM incidents ORDER BY id"),
        ("incidents where description ends with \"dør\" count",
         "SELECT count(*) FROM incidents WHERE substr(description, -3) = 'dør'"),
        ("libraries order by name select effort_start + 30 as a, effort_start - 400 as b, 2025-06-30 - effort_start as c",
         "SELECT date(effort_start, '+30 days'), date(effort_start, '-400 days'), CAST(julianday('2025-06-30') - julianday(effort_start) AS INTEGER) FROM libraries ORDER BY name"),
        ("incidents order by id select date_diff(\"day\", reported_at, 2025-01-01) as a, date_diff(\"month\", reported_at, 2025-01-01) as b, date_diff(\"year\", reported_at, 2025-01-01) as c",
         "SELECT CAST(julianday('2025-01-01') - julianday(date(reported_at)) AS INTEGER), (2025 * 12 + 1) - (strftime('%Y', reported_at) * 12 + strftime('%m', reported_at)), 2025 - strftime('%Y', reported_at) FROM incidents ORDER BY id"),
        ("incidents order by id select date_trunc(\"day\", reported_at) as a, date_trunc(\"week\", reported_at) as b, date_trunc(\"month\", reported_at) as c, date_trunc(\"year\", reported_at) as d",
         "SELECT date(reported_at), date(reported_at, '-6 days', 'weekday 1'), date(reported_at, 'start of month'), date(reported_at, 'start of year') FROM incidents ORDER BY id"),
        ("incidents order by id select date_trunc(\"hour\", reported_at) as a, date_diff(\"hour\", reported_at, 2025-01-01) as b, date_diff(\"hour\", 2022-10-01, reported_at) as c",
         "SELECT strftime('%Y-%m-%dT%H:00', reported_at), CAST(floor((julianday('2025-01-01') - julianday(strftime('%Y-%m-%d %H:00:00', reported_at))) * 24 + 0.5) AS INTEGER), CAST(floor((julianday(strftime('%Y-%m-%d %H:00:00', reported_at)) - julianday('2022-10-01')) * 24 + 0.5) AS INTEGER) FROM incidents ORDER BY id"),
        ("incidents group by library compute round(stddev(severity) * stddev(severity), 6)",
         "SELECT library, round((sum(severity * severity) - sum(severity) * sum(severity) * 1.0 / count(severity)) / (count(severity) - 1), 6) FROM incidents GROUP BY library ORDER BY library"),
    ]

    @Test(arguments: 0..<cases.count, TextLayout.allCases)
    func matchesSQLite(_ index: Int, _ layout: TextLayout) throws {
        let (tryg, sql) = FunctionDifferentialTests.cases[index]
        let catalog = TestTables.catalog(text: layout)
        let oracle = try SQLiteOracle(catalog.all)
        guard case .rows(let result) = try Session(catalog: catalog).execute(tryg) else {
            Issue.record("no rows for \(tryg)")
            return
        }
        let got = result.table.rows.map { $0.map(SQLiteOracle.canonical) }
        let want = try oracle.query(sql)
        #expect(got.count == want.count, "\(tryg)")
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("row \(i) of \(tryg): tryg \(g), SQLite \(w)")
            break
        }
    }

    /// quantile at 0, 0.5 and 1 is min, median and max; mode is a value no other value outnumbers.
    @Test(arguments: ["library", "season", "halfyear", "category", "police_called"], TextLayout.allCases)
    func orderedAggregatesAgree(_ key: String, _ layout: TextLayout) throws {
        let session = Session(catalog: TestTables.catalog(text: layout))
        let q = "incidents group by \(key) compute quantile(severity, 0) as q0, min(severity) as lo, quantile(severity, 0.5) as q5, "
            + "median(severity) as med, quantile(severity, 1) as q1, max(severity) as hi, mode(severity) as m"
        guard case .rows(let r) = try session.execute(q) else { return }
        for row in r.table.rows {
            let v = row.map { $0.numeric }
            #expect(v[1] == v[2] && v[5] == v[6] && v[3] == v[4], "\(row.map(\.display))")
            if row[0].isNull { continue }
            guard case .rows(let counts) = try session.execute(
                "incidents where \(key) = \(literal(row[0])) and severity is not null group by severity") else { continue }
            let best = counts.table.rows.map { $0[1].numeric ?? 0 }.max()
            let modeCount = counts.table.rows.first { $0[0].numeric == v[7] }?[1].numeric
            #expect(modeCount == best, "mode \(row[7].display) of \(row[0].display)")
        }
    }

    func literal(_ v: Value) -> String {
        switch v {
        case .int, .bool: return v.display
        default: return "\"\(v.display)\""
        }
    }
}
