@testable import TrygEngine

/// A tryg query and the SQL that means the same, over `RandomTables` (SQLite reads `tv`, `uv`).
struct RandomQuery {
    let tryg: String
    /// The SQL; some need the oracle first (a pivot's columns are the data's values).
    let sql: (SQLiteOracle) throws -> String
    /// Rows compare in order (otherwise as multisets).
    var ordered = false
    /// Set when tryg must refuse the query: a text the error must contain.
    var error: String?
}

/// Builds random queries from the grammar: filters with nulls and `in` lists, group by with
/// several keys, joins (shared names, self-joins), aggregates, order/top, compare, trend, pivot.
struct RandomQueryGenerator {
    var rng: TestTables.Rng

    mutating func pick<T>(_ xs: [T]) -> T { xs[rng.int(xs.count)] }
    mutating func chance(_ n: Int) -> Bool { rng.int(n) == 0 }

    // MARK: predicates

    /// A predicate over `t`'s columns that may be true, false or null, as (tryg, SQL).
    mutating func predicate(depth: Int = 0) -> (String, String) {
        if depth < 2, chance(3) {
            let (a, sa) = predicate(depth: depth + 1), (b, sb) = predicate(depth: depth + 1)
            switch rng.int(3) {
            case 0: return ("(\(a) and \(b))", "(\(sa) AND \(sb))")
            case 1: return ("(\(a) or \(b))", "(\(sa) OR \(sb))")
            default: return ("not (\(a))", "NOT (\(sa))")
            }
        }
        return atom()
    }

    mutating func intLiteral(_ column: String) -> Int {
        switch column {
        case "g": return rng.int(5) - 1
        case "id": return rng.int(40)
        case "year": return pick(RandomTables.years + [2020])
        default: return rng.int(121) - 60
        }
    }

    mutating func atom() -> (String, String) {
        let intColumn = pick(["id", "g", "v", "v", "year"])
        switch rng.int(11) {
        case 0, 1:
            let op = pick(["=", "!=", "<", "<=", ">", ">="])
            let n = intLiteral(intColumn)
            return ("\(intColumn) \(op) \(n)", "\(intColumn) \(op) \(n)")
        case 2:
            // An empty list too: no value is in it, not even null.
            var items = (0..<rng.int(4)).map { _ in String(intLiteral(intColumn)) }
            if chance(2) { items.insert("null", at: rng.int(items.count + 1)) }
            let not = chance(2) ? "not " : ""
            let list = items.joined(separator: ", ")
            return ("\(intColumn) \(not)in (\(list))", "\(intColumn) \(not.uppercased())IN (\(list))")
        case 3:
            var items = (0..<(1 + rng.int(3))).map { _ in "\"\(pick(RandomTables.keys))\"" }
            if chance(2) { items.insert("null", at: rng.int(items.count + 1)) }
            let not = chance(2) ? "not " : ""
            let list = items.joined(separator: ", ")
            return ("k \(not)in (\(list))", "k \(not.uppercased())IN (\(list.replacingOccurrences(of: "\"", with: "'")))")
        case 4:
            let a = intLiteral(intColumn), b = a + rng.int(30)
            let not = chance(3) ? "not " : ""
            return ("\(intColumn) \(not)between \(a) and \(b)", "\(intColumn) \(not.uppercased())BETWEEN \(a) AND \(b)")
        case 5:
            let c = pick(["v", "k", "g", "b", "s", "year"])
            return chance(2) ? ("\(c) is null", "\(c) IS NULL") : ("\(c) is not null", "\(c) IS NOT NULL")
        case 6:
            let key = pick(RandomTables.keys)
            let op = pick(["=", "!="])
            return ("k \(op) \"\(key)\"", "k \(op) '\(key)'")
        case 7:
            let value = chance(2)
            return chance(2) ? ("b", "b") : ("b = \(value)", "b = \(value ? 1 : 0)")
        case 8:
            let op = pick(["<", "=", ">="])
            return ("g \(op) v", "g \(op) v")
        case 9:
            let n = rng.int(20)
            return ("s = \"s\(n)\"", "s = 's\(n)'")
        default:
            let n = rng.int(40) - 20
            return ("v + g > \(n)", "v + g > \(n)")
        }
    }
}
