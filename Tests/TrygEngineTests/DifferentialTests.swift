import Testing
@testable import TrygEngine

/// Runs the same questions through tryg and through SQLite over the same rows and compares
/// the results row by row. The SQL is written by hand: it is the oracle.
@Suite struct DifferentialTests {
    /// The half-year label computed in SQL from an ISO timestamp text.
    static let halfyearSQL = """
        (CASE WHEN CAST(substr(reported_at, 6, 2) AS INTEGER) BETWEEN 4 AND 9
              THEN 'sommer ' || substr(reported_at, 1, 4)
              WHEN CAST(substr(reported_at, 6, 2) AS INTEGER) >= 10
              THEN 'vinter ' || substr(reported_at, 1, 4) || '/' || printf('%02d', (CAST(substr(reported_at, 1, 4) AS INTEGER) + 1) % 100)
              ELSE 'vinter ' || (CAST(substr(reported_at, 1, 4) AS INTEGER) - 1) || '/' || substr(reported_at, 3, 2) END)
        """
    static let hourSQL = "CAST(substr(reported_at, 12, 2) AS INTEGER)"

    /// (tryg, SQL, ordered): ordered cases compare row order too.
    static let cases: [(String, String, Bool)] = [
        ("incidents count", "SELECT count(*) FROM incidents", false),
        ("incidents where library = \"Blågården\" count", "SELECT count(*) FROM incidents WHERE library = 'Blågården'", false),
        ("incidents where library = \"Blågården\" group by halfyear",
         "SELECT \(halfyearSQL) h, count(*) FROM incidents WHERE library = 'Blågården' GROUP BY h", false),
        ("incidents group by library", "SELECT library, count(*) FROM incidents GROUP BY library", false),
        ("incidents group by library, category compute count, avg(severity), sum(police_called)",
         "SELECT library, category, count(*), avg(severity), sum(police_called) FROM incidents GROUP BY library, category", false),
        ("incidents where severity >= 4 and police_called count",
         "SELECT count(*) FROM incidents WHERE severity >= 4 AND police_called", false),
        ("incidents where severity >= 4 or police_called count",
         "SELECT count(*) FROM incidents WHERE severity >= 4 OR police_called", false),
        ("incidents where not (severity >= 4) count", "SELECT count(*) FROM incidents WHERE NOT (severity >= 4)", false),
        ("incidents where severity is null count", "SELECT count(*) FROM incidents WHERE severity IS NULL", false),
        ("incidents where police_called is not null count", "SELECT count(*) FROM incidents WHERE police_called IS NOT NULL", false),
        ("incidents where severity in (1, 5) count", "SELECT count(*) FROM incidents WHERE severity IN (1, 5)", false),
        ("incidents where severity not in (1, 5) count", "SELECT count(*) FROM incidents WHERE severity NOT IN (1, 5)", false),
        ("incidents where severity between 2 and 4 count", "SELECT count(*) FROM incidents WHERE severity BETWEEN 2 AND 4", false),
        ("incidents where hour >= 20 count", "SELECT count(*) FROM incidents WHERE \(hourSQL) >= 20", false),
        ("incidents group by hour", "SELECT \(hourSQL) h, count(*) FROM incidents GROUP BY h", false),
        ("incidents compute count, count(severity), count(distinct library), sum(severity), min(severity), max(severity)",
         "SELECT count(*), count(severity), count(DISTINCT library), sum(severity), min(severity), max(severity) FROM incidents", false),
        ("incidents compute avg(score), sum(score), min(score), max(score)",
         "SELECT avg(score), sum(score), min(score), max(score) FROM incidents", false),
        ("incidents group by library compute pct(police_called)",
         "SELECT library, 100.0 * sum(CASE WHEN police_called THEN 1 ELSE 0 END) / count(*) FROM incidents GROUP BY library", false),
        ("incidents group by category compute share",
         "SELECT category, 100.0 * count(*) / (SELECT count(*) FROM incidents) FROM incidents GROUP BY category", false),
        ("incidents where description contains \"dør\" count",
         "SELECT count(*) FROM incidents WHERE instr(description, 'dør') > 0", false),
        ("incidents where category starts with \"Utry\" count",
         "SELECT count(*) FROM incidents WHERE category LIKE 'Utry%'", false),
        ("incidents select id, severity * 2 + 1 as x order by id limit 20",
         "SELECT id, severity * 2 + 1 FROM incidents ORDER BY id LIMIT 20", true),
        ("incidents select id, score / severity as r order by id limit 30",
         "SELECT id, score / severity FROM incidents ORDER BY id LIMIT 30", true),
        ("incidents select id, severity % 3 as m order by id limit 30",
         "SELECT id, severity % 3 FROM incidents ORDER BY id LIMIT 30", true),
        ("incidents where severity > 3 order by score desc, id limit 15 select id, score",
         "SELECT id, score FROM incidents WHERE severity > 3 ORDER BY score IS NULL, score DESC, id LIMIT 15", true),
        ("incidents top 10 by id select id, library",
         "SELECT id, library FROM incidents ORDER BY id DESC LIMIT 10", true),
        ("incidents top 5 by id asc select id",
         "SELECT id FROM incidents ORDER BY id LIMIT 5", true),
        ("incidents join libraries on library = name group by libraries.district",
         "SELECT l.district, count(*) FROM incidents i JOIN libraries l ON i.library = l.name GROUP BY l.district", false),
        ("incidents left join libraries on library = name where full_name is null count",
         "SELECT count(*) FROM incidents i LEFT JOIN libraries l ON i.library = l.name WHERE l.full_name IS NULL", false),
        ("incidents join libraries on library = name where effort_start is not null group by library",
         "SELECT library, count(*) FROM incidents i JOIN libraries l ON i.library = l.name WHERE l.effort_start IS NOT NULL GROUP BY library", false),
        ("incidents group by library where count > 250",
         "SELECT library, count(*) c FROM incidents GROUP BY library HAVING c > 250", false),
        ("incidents derive late = hour >= 20 group by late",
         "SELECT \(hourSQL) >= 20, count(*) FROM incidents GROUP BY 1", false),
        ("incidents where library = \"Valby\" compute median(severity)",
         """
         SELECT avg(severity) FROM (SELECT severity FROM incidents WHERE library = 'Valby' AND severity IS NOT NULL
             ORDER BY severity LIMIT 2 - (SELECT count(severity) FROM incidents WHERE library = 'Valby') % 2
             OFFSET ((SELECT count(severity) FROM incidents WHERE library = 'Valby') - 1) / 2)
         """, false),
        ("incidents where library = \"Vesterbro\" compute median(score)",
         """
         SELECT avg(score) FROM (SELECT score FROM incidents WHERE library = 'Vesterbro' AND score IS NOT NULL
             ORDER BY score LIMIT 2 - (SELECT count(score) FROM incidents WHERE library = 'Vesterbro') % 2
             OFFSET ((SELECT count(score) FROM incidents WHERE library = 'Vesterbro') - 1) / 2)
         """, false),
        ("incidents where library = \"Valby\" compute median(score - 60.5)",
         """
         SELECT avg(x) FROM (SELECT score - 60.5 AS x FROM incidents WHERE library = 'Valby' AND score IS NOT NULL
             ORDER BY x LIMIT 2 - (SELECT count(score) FROM incidents WHERE library = 'Valby') % 2
             OFFSET ((SELECT count(score) FROM incidents WHERE library = 'Valby') - 1) / 2)
         """, false),
        ("incidents where library = \"Valby\" compute count(distinct score - 60.5), count(distinct severity)",
         "SELECT count(DISTINCT score - 60.5), count(DISTINCT severity) FROM incidents WHERE library = 'Valby'", false),
        ("incidents where year = 2024 and month = 3 count",
         "SELECT count(*) FROM incidents WHERE substr(reported_at, 1, 7) = '2024-03'", false),
        ("incidents where reported_at >= 2025-01-01 and reported_at < 2025-04-01 count",
         "SELECT count(*) FROM incidents WHERE reported_at >= '2025-01-01' AND reported_at < '2025-04-01'", false),
        ("incidents order by id limit 40 select coalesce(severity, 0) as s, if(police_called, 1, 0) as p",
         "SELECT coalesce(severity, 0), CASE WHEN police_called THEN 1 ELSE 0 END FROM incidents ORDER BY id LIMIT 40", true),
        ("incidents where lower(reported_by) = \"vagt\" compute count, round(avg(severity), 2)",
         "SELECT count(*), round(avg(severity), 2) FROM incidents WHERE lower(reported_by) = 'vagt'", false),
        ("survey where year = 2025 group by library compute pct(safety >= \"tryg\")",
         "SELECT library, 100.0 * sum(safety >= 3) / count(*) FROM survey WHERE year = 2025 GROUP BY library", false),
        ("incidents where halfyear = \"V24/25\" and library = \"Vesterbro\" count",
         "SELECT count(*) FROM incidents WHERE \(halfyearSQL) = 'vinter 2024/25' AND library = 'Vesterbro'", false),
        ("incidents where length(description) > 30 count",
         "SELECT count(*) FROM incidents WHERE length(description) > 30", false),
    ]

    @Test(arguments: 0..<cases.count, TextLayout.allCases)
    func matchesSQLite(_ index: Int, _ layout: TextLayout) throws {
        let (tryg, sql, ordered) = DifferentialTests.cases[index]
        let catalog = TestTables.catalog(text: layout)
        let oracle = try SQLiteOracle(catalog.all)
        let session = Session(catalog: catalog)
        guard case .rows(let result) = try session.execute(tryg) else {
            Issue.record("no rows for \(tryg)")
            return
        }
        var got = result.table.rows.map { $0.map(SQLiteOracle.canonical) }
        var want = try oracle.query(sql)
        if !ordered {
            got.sort { $0.lexicographicallyPrecedes($1) }
            want.sort { $0.lexicographicallyPrecedes($1) }
        }
        #expect(got.count == want.count, "\(tryg): \(got.count) rows vs SQLite \(want.count)")
        #expect(got == want, "\(tryg)\n tryg:   \(got.prefix(8))\n sqlite: \(want.prefix(8))")
        #expect(!want.isEmpty)
    }
}
