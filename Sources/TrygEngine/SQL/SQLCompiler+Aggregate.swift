/// `group by … compute`, `compute`, `count` and `distinct`: one row per group, in the order of the keys.
extension SQLCompiler {
    mutating func aggregate(_ rel: Rel, _ keys: [(String, BoundExpr)], _ aggregates: [BoundAggregate]) throws(Diagnostic) -> Rel {
        var items: [String] = []
        var groupBy: [String] = []
        var order: [String] = []
        for (name, e) in keys {
            let sql = try expr(e, rel)
            items.append("\(sql) AS \(try id(name))")
            // A constant key (`group by "alle" as total`) is one group: SQL reads a constant in
            // GROUP BY or ORDER BY as a column's place or refuses it, so it is only selected.
            if case .literal = e { continue }
            groupBy.append(sql)
            order.append(try sortTerm(e, rel, descending: false, explicit: false))
        }
        for agg in aggregates { items.append("\(try aggregate(agg, rel)) AS \(try id(agg.name))") }
        if !order.isEmpty {
            items.append("ROW_NUMBER() OVER (ORDER BY \(order.joined(separator: ", "))) AS \(try id(SQLCompiler.orderColumn))")
        }
        var body = "SELECT \(try selectList(items))\nFROM \(rel.name)"
        if !groupBy.isEmpty {
            body += "\nGROUP BY \(groupBy.joined(separator: ", "))"
        } else if !keys.isEmpty {
            // Keys all constant: one group, and none for no rows, as a grouping gives.
            body += "\nHAVING COUNT(*) > 0"
        }
        let fields = keys.map { ($0.0, $0.1.type) } + aggregates.map { ($0.name, $0.type) }
        return add(body, fields, ordered: !order.isEmpty)
    }

    /// One aggregate over the group's rows.
    func aggregate(_ agg: BoundAggregate, _ rel: Rel) throws(Diagnostic) -> String {
        let double = dialect.doubleType
        if agg.kind == .count { return "COUNT(*)" }
        if agg.kind == .share {
            // This group's rows as a percent of all rows the grouping saw (0 when it saw none).
            return "COALESCE(CAST(COUNT(*) AS \(double)) * 100 / NULLIF(CAST(SUM(COUNT(*)) OVER () AS \(double)), 0), 0)"
        }
        guard let argument = agg.argument else { throw Diagnostic.internalError("aggregate \(agg.kind) without its argument") }
        let x = try expr(argument, rel)
        let t = argument.type
        switch agg.kind {
        case .count, .share: return "COUNT(*)"
        case .countNonNull: return "COUNT(\(x))"
        case .countDistinct: return "COUNT(DISTINCT \(x))"
        case .sum:
            if t == .bool { return "CAST(SUM(CASE WHEN \(x) THEN 1 WHEN NOT \(x) THEN 0 END) AS BIGINT)" }
            if t == .int || t == .null {
                if dialect == .spark {
                    throw unsupported("sum of whole numbers", agg.span, "Spark SQL wraps an overflowing sum instead of failing; sum decimals")
                }
                return "CAST(SUM(\(x)) AS BIGINT)"
            }
            return "SUM(\(x))"
        case .avg:
            return t == .float ? "AVG(\(x))" : "CAST(AVG(\(x)) AS \(double))"
        case .min, .max:
            var arg = x
            if t == .text, let danish = dialect.danishOrder(x) { arg = danish } else if t == .text {
                throw unsupported("\(agg.kind.rawValue) of text", agg.span, "\(dialect.title) has no Danish collation")
            }
            return dialect.extreme(arg, t, least: agg.kind == .min)
        case .median:
            return dialect.continuousQuantile("CAST(\(x) AS \(double))", "0.5")
        case .quantile:
            let q = agg.fraction ?? 0.5
            if agg.type == .float { return dialect.continuousQuantile("CAST(\(x) AS \(double))", Value.format(q)) }
            // The value at 0-based rank floor(q × (n - 1)) of the sorted non-null values, as tryg picks it.
            let rank = "CAST(FLOOR(CAST(\(try text(Value.format(q))) AS \(double)) * CAST(COUNT(\(x)) - 1 AS \(double))) AS INTEGER) + 1"
            return dialect.element(ofSorted: x, at: rank)
        case .pct:
            return "CAST(COUNT(CASE WHEN \(x) THEN 1 END) AS \(double)) * 100 / NULLIF(CAST(COUNT(*) AS \(double)), 0)"
        case .stddev:
            return "STDDEV_SAMP(CAST(\(x) AS \(double)))"
        case .mode:
            guard dialect == .postgres else {
                throw unsupported("mode", agg.span, "\(dialect.title) breaks a tie between equally frequent values its own way")
            }
            let key = t == .text ? dialect.danishOrder(x) ?? x : x
            return "MODE() WITHIN GROUP (ORDER BY \(key))"
        }
    }
}
