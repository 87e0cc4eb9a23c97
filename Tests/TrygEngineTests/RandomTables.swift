import TrygDomain
@testable import TrygEngine

/// Small random tables for the differential and metamorphic tests: nulls in every column,
/// duplicate keys, groups that a filter empties, sparse years and high-cardinality text.
///
/// `t(id, k, g, v, d, s, b)` and `u(k, w, d, name)`: both have `k` and `d`, so a join meets a
/// stored shared name (`d`) and the derived names made from it (`year`, `halfyear`, …).
enum RandomTables {
    /// Years with gaps, so `trend` meets missing periods.
    static let years = [2019, 2021, 2022, 2025]
    static let keys = ["a", "b", "c", "d", "e"]

    static func make(_ rng: inout TestTables.Rng) -> [Table] {
        [t(&rng, rows: rng.int(4) == 0 ? rng.int(4) : 5 + rng.int(60)), u(&rng, rows: rng.int(9))]
    }

    static func t(_ rng: inout TestTables.Rng, rows: Int) -> Table {
        var id = ColumnBuilder(type: .int), k = ColumnBuilder(type: .text), g = ColumnBuilder(type: .int)
        var v = ColumnBuilder(type: .int), d = ColumnBuilder(type: .date), s = ColumnBuilder(type: .text)
        var b = ColumnBuilder(type: .bool)
        for i in 0..<rows {
            id.append(.int(Int64(i + 1)))
            if rng.int(8) == 0 { k.appendNull() } else { k.append(.text(keys[rng.int(keys.count - 1)])) }
            if rng.int(8) == 0 { g.appendNull() } else { g.append(.int(Int64(rng.int(4)))) }
            if rng.int(6) == 0 { v.appendNull() } else { v.append(.int(Int64(rng.int(101) - 50))) }
            if rng.int(10) == 0 { d.appendNull() } else { d.append(date(&rng)) }
            if rng.int(9) == 0 { s.appendNull() } else { s.append(.text("s\(rng.int(rows * 3 + 1))")) }
            if rng.int(7) == 0 { b.appendNull() } else { b.append(.bool(rng.int(2) == 0)) }
        }
        return Table(name: "t", columnNames: ["id", "k", "g", "v", "d", "s", "b"],
                     columns: [id, k, g, v, d, s, b].map { $0.finish() })
    }

    static func u(_ rng: inout TestTables.Rng, rows: Int) -> Table {
        var k = ColumnBuilder(type: .text), w = ColumnBuilder(type: .int), d = ColumnBuilder(type: .date)
        var name = ColumnBuilder(type: .text)
        for i in 0..<rows {
            // One key more than `t` has, and repeats, so joins both miss and fan out.
            if rng.int(8) == 0 { k.appendNull() } else { k.append(.text(keys[rng.int(keys.count)])) }
            if rng.int(6) == 0 { w.appendNull() } else { w.append(.int(Int64(rng.int(21) - 10))) }
            if rng.int(5) == 0 { d.appendNull() } else { d.append(date(&rng)) }
            name.append(.text("n\(i)"))
        }
        return Table(name: "u", columnNames: ["k", "w", "d", "name"], columns: [k, w, d, name].map { $0.finish() })
    }

    static func date(_ rng: inout TestTables.Rng) -> Value {
        let year = years[rng.int(years.count)]
        let day = CivilDate(year: year, month: 1 + rng.int(12), day: 1 + rng.int(28))?.dayNumber ?? 0
        return .date(Int64(day))
    }

    /// The derived columns the tests use, as SQL over the date column `d` (ISO text in SQLite).
    static let yearSQL = "CAST(substr(d, 1, 4) AS INTEGER)"
    static let halfyearSQL = """
        (CASE WHEN d IS NULL THEN NULL WHEN CAST(substr(d, 6, 2) AS INTEGER) BETWEEN 4 AND 9
              THEN 'sommer ' || substr(d, 1, 4)
              WHEN CAST(substr(d, 6, 2) AS INTEGER) >= 10
              THEN 'vinter ' || substr(d, 1, 4) || '/' || printf('%02d', (CAST(substr(d, 1, 4) AS INTEGER) + 1) % 100)
              ELSE 'vinter ' || (CAST(substr(d, 1, 4) AS INTEGER) - 1) || '/' || substr(d, 3, 2) END)
        """

    /// A half-year as a number that counts half-years (`HalfYear.ordinal`): winters odd.
    static let halfyearOrdinalSQL = """
        (CASE WHEN d IS NULL THEN NULL WHEN CAST(substr(d, 6, 2) AS INTEGER) BETWEEN 4 AND 9
              THEN 2 * CAST(substr(d, 1, 4) AS INTEGER)
              WHEN CAST(substr(d, 6, 2) AS INTEGER) >= 10 THEN 2 * CAST(substr(d, 1, 4) AS INTEGER) + 1
              ELSE 2 * CAST(substr(d, 1, 4) AS INTEGER) - 1 END)
        """

    /// The label of a half-year ordinal `o`, as tryg prints it.
    static func halfyearLabelSQL(_ o: String) -> String {
        "(CASE WHEN \(o) IS NULL THEN NULL WHEN \(o) % 2 = 0 THEN 'sommer ' || (\(o) / 2) "
            + "ELSE 'vinter ' || (\(o) / 2) || '/' || printf('%02d', (\(o) / 2 + 1) % 100) END)"
    }

    /// Views that give SQLite the derived columns tryg has without declaration.
    static let views = [
        "CREATE VIEW tv AS SELECT *, \(yearSQL) AS year, \(halfyearSQL) AS halfyear, \(halfyearOrdinalSQL) AS hyo, CAST(substr(d, 6, 2) AS INTEGER) AS month, \(yearSQL) * 12 + CAST(substr(d, 6, 2) AS INTEGER) - 1 AS ymo FROM t",
        "CREATE VIEW uv AS SELECT *, \(yearSQL) AS year FROM u",
    ]
}
