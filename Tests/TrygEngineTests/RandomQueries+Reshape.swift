@testable import TrygEngine

/// `compare`, `trend` and `pivot` with their SQL: a grouped CTE `x`, the partitions by the
/// other keys, and left joins for the cells (a missing group is 0 for counting measures).
extension RandomQueryGenerator {
    /// A literal of a group key's type, as tryg writes it and as SQL's `x` holds it.
    mutating func keyLiteral(_ key: String) -> (String, String) {
        switch key {
        case "g": let n = rng.int(5); return ("\(n)", "\(n)")
        case "k": let s = pick(RandomTables.keys); return ("\"\(s)\"", "'\(s)'")
        case "year": let y = pick(RandomTables.years + [2020]); return ("\(y)", "\(y)")
        case "b": let b = chance(2); return ("\(b)", b ? "1" : "0")
        default:
            let y = pick(RandomTables.years)
            if chance(2) { return ("\"S\(y % 100)\"", "'sommer \(y)'") }
            return ("\"\(y)/\(String(format: "%02d", (y + 1) % 100))\"", "'vinter \(y)/\(String(format: "%02d", (y + 1) % 100))'")
        }
    }

    /// `null IS NULL`-safe equality of the other keys between two relations.
    static func sameKeys(_ keys: [String], _ a: String, _ b: String) -> String {
        keys.isEmpty ? "1" : keys.map { "\(a).\($0) IS \(b).\($0)" }.joined(separator: " AND ")
    }

    static func partitions(_ keys: [String]) -> String {
        "SELECT DISTINCT \(keys.isEmpty ? "1 AS one" : keys.joined(separator: ", ")) FROM x"
    }

    static func cell(_ alias: String, _ agg: RandomAggregate) -> String {
        "CASE WHEN \(alias).present IS NULL THEN \(agg.countLike ? "0" : "NULL") ELSE \(alias).m END"
    }

    mutating func compare() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let column = pick(["k", "g", "year", "b", "halfyear"])
        let others = groupKeys(rng.int(2), from: ["k", "g", "b"].filter { $0 != column })
        let agg = pick(RandomAggregate.all)
        let (a, sa) = keyLiteral(column), (b, sb) = keyLiteral(column)
        let tryg = "t\(w) group by \((others + [column]).joined(separator: ", ")) compute \(agg.tryg) compare \(column) \(a) to \(b)"
        let sel = others.map { "p.\($0)" }
        let sql = """
            WITH x AS (SELECT \((others + [column]).joined(separator: ", ")), \(agg.sql) AS m, 1 AS present
                       FROM tv\(sw) GROUP BY \((others + [column]).joined(separator: ", "))),
                 c AS (SELECT \((sel + ["\(Self.cell("a", agg)) AS ma", "\(Self.cell("b", agg)) AS mb"]).joined(separator: ", "))
                       FROM (\(Self.partitions(others))) p
                       LEFT JOIN x a ON \(Self.sameKeys(others, "a", "p")) AND a.\(column) = \(sa)
                       LEFT JOIN x b ON \(Self.sameKeys(others, "b", "p")) AND b.\(column) = \(sb))
            SELECT \((others + ["ma", "mb", "mb - ma", "CASE WHEN ma = 0 THEN NULL ELSE (mb - ma) * 100.0 / ma END"]).joined(separator: ", ")) FROM c
            """
        return RandomQuery(tryg: tryg, sql: { _ in sql })
    }

    /// `trend` over years or half-years with gaps: every period between the first and last
    /// appears in each partition; change against the period before in the calendar.
    mutating func trend() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let others = groupKeys(rng.int(2), from: ["k", "g", "b"])
        let agg = pick(RandomAggregate.all)
        let kind = rng.int(3)
        // SQL steps through `p`: the year, the half-year's ordinal, or months counted from year 0.
        let period = ["year", "hyo", "ymo"][kind]
        let trygKeys = [["year"], ["halfyear"], ["year", "month"]][kind]
        let tryg = "t\(w) group by \((others + trygKeys).joined(separator: ", ")) compute \(agg.tryg) trend"
        let keys = others + [period]
        let grid = others.map { "parts.\($0)" }
        let order = "ORDER BY p IS NULL, p"
        let window = others.isEmpty ? order : "PARTITION BY \(others.joined(separator: ", ")) \(order)"
        let shown = [["p"], [RandomTables.halfyearLabelSQL("p")], ["p / 12", "p % 12 + 1"]][kind].joined(separator: ", ")
        let sql = """
            WITH RECURSIVE x AS (SELECT \(others.map { $0 + ", " }.joined())\(period) AS p, \(agg.sql) AS m, 1 AS present
                       FROM tv\(sw) GROUP BY \(keys.joined(separator: ", "))),
                 r(p) AS (SELECT min(p) FROM x UNION ALL SELECT p + 1 FROM r WHERE p < (SELECT max(p) FROM x)),
                 parts AS (\(Self.partitions(others))),
                 filled AS (SELECT \((grid + ["r.p AS p", "\(Self.cell("x", agg)) AS m"]).joined(separator: ", "))
                            FROM parts CROSS JOIN r
                            LEFT JOIN x ON \(Self.sameKeys(others, "x", "parts")) AND x.p = r.p
                            WHERE r.p IS NOT NULL
                            UNION ALL SELECT \((others + ["p", "m"]).joined(separator: ", ")) FROM x WHERE p IS NULL),
                 l AS (SELECT *, CASE WHEN p IS NULL THEN NULL ELSE lag(m) OVER (\(window)) END AS prev FROM filled)
            SELECT \((others + [shown, "m", "m - prev", "CASE WHEN prev = 0 THEN NULL ELSE (m - prev) * 100.0 / prev END"]).joined(separator: ", ")) FROM l
            """
        return RandomQuery(tryg: tryg, sql: { _ in sql })
    }

    /// `pivot` with one or two measures: a column per value (and measure), in the value's order.
    mutating func pivot() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let column = pick(["k", "g", "year", "b"])
        let others = groupKeys(rng.int(2), from: ["k", "g", "b"].filter { $0 != column })
        let aggs = aggregates(1 + rng.int(2))
        let names = aggs.enumerated().map { "m\($0.offset)" }
        let measures = zip(aggs, names).map { "\($0.tryg) as \($1)" }
        let tryg = "t\(w) group by \((others + [column]).joined(separator: ", ")) compute \(measures.joined(separator: ", ")) pivot \(column)"
        let x = """
            WITH x AS (SELECT \((others + [column]).joined(separator: ", ")), \(zip(aggs, names).map { "\($0.sql) AS \($1)" }.joined(separator: ", ")), 1 AS present
                       FROM tv\(sw) GROUP BY \((others + [column]).joined(separator: ", ")))
            """
        return RandomQuery(tryg: tryg, sql: { oracle in
            let values = try oracle.query("\(x) SELECT DISTINCT \(column) FROM x ORDER BY \(column) IS NULL, \(column)").map { $0[0] }
            var cells: [String] = []
            for v in values {
                let match = v == "NULL" ? "\(column) IS NULL" : "\(column) = \(column == "k" ? "'\(v)'" : v)"
                for (agg, name) in zip(aggs, names) {
                    let missing = agg.countLike ? "0" : "NULL"
                    cells.append("CASE WHEN max(CASE WHEN \(match) THEN 1 END) IS NULL THEN \(missing) ELSE max(CASE WHEN \(match) THEN \(name) END) END")
                }
            }
            let select = (others + cells).joined(separator: ", ")
            let group = others.isEmpty ? "" : " GROUP BY \(others.joined(separator: ", "))"
            // Without other keys a pivot of nothing is no row, as in SQL's grouped form.
            return "\(x) SELECT \(select.isEmpty ? "1" : select) FROM x\(group)\(others.isEmpty ? " LIMIT (SELECT count(*) > 0 FROM x)" : "")"
        })
    }
}
