/// `trend` in SQL: every period of the calendar between the first and the last the input holds,
/// in each partition of the other keys, then each row's change against the period before.
extension SQLCompiler {
    mutating func trend(_ node: TrendNode) throws(Diagnostic) -> Rel {
        let rel = try relation(node.input)
        let order = try id(SQLCompiler.orderColumn)
        let p = try id(node.period)
        var keys: [String] = []
        for k in node.keys { keys.append(try id(k)) }
        // The period as one int for the calendar (a day as its number, a month counted from year 0).
        let periodNames: [String]
        let index: String
        switch node.step {
        case .halfYear, .one, .none:
            periodNames = [node.period]
            index = p
        case .day:
            periodNames = [node.period]
            index = dialect.daysBetween("DATE '1970-01-01'", p)
        case .month(let year):
            periodNames = [year, node.period]
            index = "(\(try id(year)) * 12 + \(p) - 1)"
        case .week:
            throw unsupported("trend over a year and its ISO weeks", nil,
                              "SQL engines number weeks of a year differently; run this trend in tryg")
        }
        var rows = rel
        if node.step != .none {
            rows = try filled(rel, node, periodNames: periodNames, index: index, keys: keys)
        }
        // The change against the previous period of the partition (rows whose period is null have none).
        let m = try id(node.measure)
        guard let measure = rel.fields.first(where: { $0.name == node.measure }) else { throw Diagnostic.internalError("no measure") }
        let double = dialect.doubleType
        var periodTerms: [String] = []
        for n in periodNames { periodTerms.append("\(try id(n)) ASC NULLS LAST") }
        let window = "OVER (\(keys.isEmpty ? "" : "PARTITION BY \(keys.joined(separator: ", ")) ")ORDER BY \(periodTerms.joined(separator: ", ")))"
        var notNull: [String] = []
        for n in periodNames { notNull.append("\(try id(n)) IS NOT NULL") }
        let prevNotNull = try periodNames.map { (n) throws(Diagnostic) in "LAG(\(try id(n))) \(window) IS NOT NULL" }
        let guarded = (notNull + prevNotNull).joined(separator: " AND ")
        let previous = "CASE WHEN \(guarded) THEN LAG(\(m)) \(window) END"
        var items = try columns(rows, order: false)
        items.append("\(m) - \(previous) AS \(try id("change"))")
        items.append("(CAST(\(m) AS \(double)) - CAST(\(previous) AS \(double))) * 100 / NULLIF(CAST(\(previous) AS \(double)), 0) AS \(try id("change_pct"))")
        var sortTerms: [String] = []
        for k in node.keys {
            guard let f = rows.fields.first(where: { $0.name == k }) else { continue }
            sortTerms.append(try sortTerm(.column(k, f.type), rows, descending: false, explicit: false))
        }
        items.append("ROW_NUMBER() OVER (ORDER BY \((sortTerms + periodTerms).joined(separator: ", "))) AS \(order)")
        let fields = rows.fields + [("change", measure.type), ("change_pct", .float)]
        return add("SELECT \(items.joined(separator: ", "))\nFROM \(rows.name)", fields, ordered: true)
    }

    /// The input with a row for every period of the calendar missing from a partition: counting
    /// measures 0 there, other measures null.
    private mutating func filled(_ rel: Rel, _ node: TrendNode, periodNames: [String], index: String,
                                 keys: [String]) throws(Diagnostic) -> Rel {
        let g = try id("tryg_period")
        var bounds = "SELECT MIN(\(index)) AS lo, MAX(\(index)) AS hi FROM \(rel.name)"
        if periodNames.count == 2 {
            // A month without its year (or a year without a month) has no place in the calendar.
            bounds += " WHERE \(try id(periodNames[0])) IS NOT NULL AND \(try id(periodNames[1])) IS NOT NULL"
        }
        let calendar = add("SELECT \(dialect.series("lo", "hi")) AS \(g)\nFROM (\(bounds)) AS b", [], ordered: false)
        let parts = add("SELECT DISTINCT \(keys.isEmpty ? "1 AS \(try id("tryg_one"))" : keys.joined(separator: ", "))\nFROM \(rel.name)", [],
                        ordered: false)
        // Every (partition, period): the input's row where there is one.
        var items: [String] = []
        var on: [String] = []
        for k in keys { on.append(dialect.nullSafeEqual("i.\(k)", "k.\(k)")) }
        on.append("\(qualify(index, "i", periodNames)) = c.\(g)")
        for f in rel.fields {
            let name = try id(f.name)
            if node.keys.contains(f.name) {
                items.append("k.\(name) AS \(name)")
            } else if let at = periodNames.firstIndex(of: f.name) {
                items.append("\(try periodValue(node.step, "c.\(g)", part: at)) AS \(name)")
            } else if node.zeroFill.contains(f.name) {
                // 0 where the period has no row; a row's own null (a sum of nulls) stays null.
                let zero = f.type == .float ? "CAST(0 AS \(dialect.doubleType))" : "0"
                items.append("CASE WHEN \(qualify(index, "i", periodNames)) IS NULL THEN \(zero) ELSE i.\(name) END AS \(name)")
            } else {
                items.append("i.\(name) AS \(name)")
            }
        }
        var body = "SELECT \(items.joined(separator: ", "))\nFROM \(parts.name) AS k\nCROSS JOIN \(calendar.name) AS c\n"
            + "LEFT JOIN \(rel.name) AS i ON \(on.joined(separator: " AND "))"
        // Rows whose period is null stay, after the calendar's.
        var nullPeriod: [String] = []
        for n in periodNames { nullPeriod.append("\(try id(n)) IS NULL") }
        body += "\nUNION ALL\nSELECT \(try columns(rel, order: false).joined(separator: ", "))\nFROM \(rel.name)\n"
            + "WHERE \(nullPeriod.joined(separator: " OR "))"
        return add(body, rel.fields, ordered: false)
    }

    /// `index` (written over bare column names) with each period column read from `alias`.
    private func qualify(_ index: String, _ alias: String, _ names: [String]) -> String {
        var out = index
        for n in names {
            guard let quoted = try? id(n) else { continue }
            out = out.replacingOccurrences(of: quoted, with: "\(alias).\(quoted)")
        }
        return out
    }

    /// A calendar index back as the period's value (or, for months, its year and month).
    private func periodValue(_ step: TrendStep, _ g: String, part: Int) throws(Diagnostic) -> String {
        switch step {
        case .day: return dialect.addDays("DATE '1970-01-01'", g, subtract: false)
        case .month:
            // Floor division: months before year 0 do not occur in dates SQL can hold.
            return part == 0 ? dialect.intDivide(g, "12") : "(\(g) % 12 + 1)"
        default: return g
        }
    }
}
