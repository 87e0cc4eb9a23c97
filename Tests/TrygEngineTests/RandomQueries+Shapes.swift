@testable import TrygEngine

/// An aggregate as tryg writes it, as SQL writes it, its default name, and whether a missing
/// group counts as 0 (`count`, `sum`) rather than null.
struct RandomAggregate {
    let tryg: String
    let sql: String
    let countLike: Bool

    static let all = [
        RandomAggregate(tryg: "count", sql: "count(*)", countLike: true),
        RandomAggregate(tryg: "count(v)", sql: "count(v)", countLike: true),
        RandomAggregate(tryg: "sum(v)", sql: "sum(v)", countLike: true),
        RandomAggregate(tryg: "min(v)", sql: "min(v)", countLike: false),
        RandomAggregate(tryg: "max(g)", sql: "max(g)", countLike: false),
        RandomAggregate(tryg: "avg(v)", sql: "avg(v)", countLike: false),
        RandomAggregate(tryg: "count(distinct k)", sql: "count(DISTINCT k)", countLike: true),
    ]
}

extension RandomQueryGenerator {
    /// One random query of any shape.
    mutating func query() -> RandomQuery {
        switch rng.int(10) {
        case 0: return filterSelect()
        case 1: return filterCount()
        case 2, 3: return grouped()
        case 4: return orderLimit()
        case 5: return join()
        case 6: return compare()
        case 7: return trend()
        case 8: return pivot()
        default: return sharedName()
        }
    }

    /// `where` clause text for both sides, maybe empty.
    mutating func maybeWhere() -> (String, String) {
        guard !chance(3) else { return ("", "") }
        let (p, s) = predicate()
        return (" where \(p)", " WHERE \(s)")
    }

    mutating func aggregates(_ n: Int) -> [RandomAggregate] {
        var out: [RandomAggregate] = []
        while out.count < n {
            let a = pick(RandomAggregate.all)
            if !out.contains(where: { $0.tryg == a.tryg }) { out.append(a) }
        }
        return out
    }

    mutating func groupKeys(_ n: Int, from: [String] = ["k", "g", "year", "b", "halfyear"]) -> [String] {
        var out: [String] = []
        while out.count < n {
            let k = pick(from)
            if !out.contains(k) { out.append(k) }
        }
        return out
    }

    mutating func filterSelect() -> RandomQuery {
        let (w, sw) = maybeWhere()
        return RandomQuery(tryg: "t\(w) select id, k, v, b", sql: { _ in "SELECT id, k, v, b FROM tv\(sw)" })
    }

    mutating func filterCount() -> RandomQuery {
        let (w, sw) = maybeWhere()
        return RandomQuery(tryg: "t\(w) count", sql: { _ in "SELECT count(*) FROM tv\(sw)" })
    }

    mutating func grouped() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let keys = groupKeys(rng.int(3))
        let aggs = aggregates(1 + rng.int(3))
        var tryg = "t\(w) "
        tryg += keys.isEmpty ? "compute " : "group by \(keys.joined(separator: ", ")) compute "
        tryg += aggs.map(\.tryg).joined(separator: ", ")
        var sql = "SELECT \((keys + aggs.map(\.sql)).joined(separator: ", ")) FROM tv\(sw)"
        if !keys.isEmpty { sql += " GROUP BY \(keys.joined(separator: ", "))" }
        if !keys.isEmpty, aggs[0].tryg == "count", chance(2) {
            let n = rng.int(6)
            tryg += " where count > \(n)"
            sql += " HAVING count(*) > \(n)"
        }
        return RandomQuery(tryg: tryg, sql: { _ in sql })
    }

    mutating func orderLimit() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let n = rng.int(12)
        if chance(3) {
            let desc = chance(2)
            return RandomQuery(tryg: "t\(w) top \(n) by id\(desc ? "" : " asc") select id, v",
                               sql: { _ in "SELECT id, v FROM tv\(sw) ORDER BY id\(desc ? " DESC" : "") LIMIT \(n)" },
                               ordered: true)
        }
        let c = pick(["v", "g", "year"])
        let desc = chance(2)
        return RandomQuery(tryg: "t\(w) order by \(c)\(desc ? " desc" : ""), id limit \(n) select id, \(c)",
                           sql: { _ in "SELECT id, \(c) FROM tv\(sw) ORDER BY \(c) IS NULL, \(c)\(desc ? " DESC" : ""), id LIMIT \(n)" },
                           ordered: true)
    }

    mutating func join() -> RandomQuery {
        let (w, sw) = maybeWhere()
        let left = chance(2)
        let kind = left ? "left join" : "join"
        let sqlKind = left ? "LEFT JOIN" : "JOIN"
        // The filter applies to `t` before the join; in SQL a sub-query keeps names unambiguous.
        let tv = sw.isEmpty ? "tv" : "(SELECT * FROM tv\(sw)) AS tv"
        switch rng.int(6) {
        case 4:
            // A filter after the join, on either side's copy of a shared name.
            let y = pick(RandomTables.years)
            let side = pick(["t", "u"])
            let n = rng.int(21) - 10
            return RandomQuery(tryg: "t\(w) \(kind) u on k where \(side).year >= \(y) or w < \(n) select id, w, \(side).d",
                               sql: { _ in "SELECT id, w, \(side)v.d FROM \(tv) \(sqlKind) uv ON tv.k = uv.k WHERE \(side)v.year >= \(y) OR w < \(n)" })
        case 5:
            // A grouped join compared across the right side's keys.
            let (a, b) = (pick(RandomTables.keys), pick(RandomTables.keys))
            return RandomQuery(tryg: "t\(w) \(kind) u on k = k group by g, u.k as uk compare uk \"\(a)\" to \"\(b)\"",
                               sql: { _ in """
                                   WITH x AS (SELECT g, uv.k AS uk, count(*) AS m, 1 AS present
                                              FROM \(tv) \(sqlKind) uv ON tv.k = uv.k GROUP BY g, uv.k),
                                        c AS (SELECT p.g, \(Self.cell("a", RandomAggregate.all[0])) AS ma, \(Self.cell("b", RandomAggregate.all[0])) AS mb
                                              FROM (SELECT DISTINCT g FROM x) p
                                              LEFT JOIN x a ON a.g IS p.g AND a.uk = '\(a)'
                                              LEFT JOIN x b ON b.g IS p.g AND b.uk = '\(b)')
                                   SELECT g, ma, mb, mb - ma, CASE WHEN ma = 0 THEN NULL ELSE (mb - ma) * 100.0 / ma END FROM c
                                   """ })
        case 0:
            return RandomQuery(tryg: "t\(w) \(kind) u on k select id, k, w, u.d, t.d, u.year",
                               sql: { _ in "SELECT id, tv.k, w, uv.d, tv.d, uv.year FROM \(tv) \(sqlKind) uv ON tv.k = uv.k" })
        case 1:
            let aggs = ["count", "sum(w)", "count(w)", "max(w)"]
            let a = pick(aggs)
            let sa = a == "count" ? "count(*)" : a
            return RandomQuery(tryg: "t\(w) \(kind) u on k = k group by t.k compute \(a)",
                               sql: { _ in "SELECT tv.k, \(sa) FROM \(tv) \(sqlKind) uv ON tv.k = uv.k GROUP BY tv.k" })
        case 2:
            // A self-join: the alias names the second copy.
            return RandomQuery(tryg: "t\(w) \(kind) t as t2 on g = g select t.id, t2.id, t2.v",
                               sql: { _ in "SELECT tv.id, t2.id, t2.v FROM \(tv) \(sqlKind) tv t2 ON tv.g = t2.g" })
        default:
            return RandomQuery(tryg: "t\(w) \(kind) u on k = k group by u.year, t.year",
                               sql: { _ in "SELECT uv.year, tv.year, count(*) FROM \(tv) \(sqlKind) uv ON tv.k = uv.k GROUP BY uv.year, tv.year" })
        }
    }

    /// A bare name both sides of a join have: an error that names both.
    mutating func sharedName() -> RandomQuery {
        let name = pick(["d", "year", "halfyear", "month"])
        let stage = pick(["select \(name)", "where \(name) is null", "group by \(name)", "order by \(name)"])
        return RandomQuery(tryg: "t join u on k \(stage)", sql: { _ in "" }, error: "'t.\(name)' or 'u.\(name)'")
    }
}
