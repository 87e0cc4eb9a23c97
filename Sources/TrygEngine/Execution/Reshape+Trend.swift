import TrygDomain

extension Reshape {
    /// The most periods `trend` fills in (all partitions together), so a daily trend over
    /// centuries is an error rather than a memory bomb.
    static let maxTrendRows = 5_000_000

    /// `change` and `change_pct` against the previous period in the calendar, per partition of
    /// the other keys. Every period between the first and the last the input holds appears in
    /// each partition; one without rows has 0 for counting measures and null for the others.
    /// Rows whose period is null come last in their partition, with no change.
    static func trend(_ node: TrendNode, _ rel: Relation, cancellation: CancellationFlag) throws(Diagnostic) -> Relation {
        let period = try rel.column(node.period)
        let parts = try partitions(rel, keys: node.keys)
        let calendar = try periods(period, step: node.step, partitions: parts.count)
        // Each output row: an input row (>= 0), or a filled period (-1 - its calendar index).
        var rows: [Int] = []
        var partOf: [Int] = []
        for (p, (_, members)) in parts.enumerated() {
            try cancellation.check()
            var at: [Value: Int] = [:]
            var nulls: [Int] = []
            for r in members {
                let v = period.value(at: r)
                if v.isNull { nulls.append(r) } else { at[v] = r }
            }
            for (i, v) in calendar.values.enumerated() {
                if let r = at[v] { rows.append(r) } else if calendar.fill { rows.append(-1 - i) }
            }
            rows += nulls
            partOf += Array(repeating: p, count: rows.count - partOf.count)
        }
        var cols: [Column] = []
        for (name, column) in zip(rel.names, rel.columns) {
            var b = ColumnBuilder(type: column.type, capacity: rows.count)
            let keyIndex = node.keys.firstIndex(of: name)
            for (o, r) in rows.enumerated() {
                if r >= 0 {
                    b.append(column.value(at: r))
                } else if let k = keyIndex {
                    b.append(parts[partOf[o]].0[k])
                } else if name == node.period {
                    b.append(calendar.values[-1 - r])
                } else {
                    b.append(node.zeroFill.contains(name) ? zero(column.type) : .null)
                }
            }
            cols.append(b.finish())
        }
        var out = Relation(names: rel.names, columns: cols, count: rows.count)
        let measure = try out.column(node.measure)
        let filledPeriod = try out.column(node.period)
        var change = ColumnBuilder(type: measure.type), pct = ColumnBuilder(type: .decimal)
        for o in 0..<out.count {
            if o > 0, partOf[o] == partOf[o - 1], !filledPeriod.isNull(o), !filledPeriod.isNull(o - 1) {
                let (c, p) = difference(measure.value(at: o - 1), measure.value(at: o))
                change.append(c)
                pct.append(p)
            } else {
                change.appendNull()
                pct.appendNull()
            }
        }
        out.names += ["change", "change_pct"]
        out.columns += [change.finish(), pct.finish()]
        // Partitions in the order of their keys; periods stay in calendar order within each.
        var sortKeys: [BoundSortKey] = []
        for k in node.keys { sortKeys.append(BoundSortKey(expr: .column(k, try out.column(k).type), descending: false)) }
        if sortKeys.isEmpty { return out }
        return try out.gather(try Sorter(relation: out, cancellation: cancellation).order(sortKeys, limit: nil), cancellation)
    }

    /// Every period from the first to the last non-null one, in calendar order (`fill`); for a
    /// period with no calendar (a timestamp) the values present, so the previous row is the previous period.
    static func periods(_ column: Column, step: TrendStep, partitions: Int) throws(Diagnostic) -> (values: [Value], fill: Bool) {
        let present = ColumnStatistics.distinct(column)
        guard let first = present.first, let last = present.last else { return ([], false) }
        var lo: Int64, hi: Int64
        switch (step, first, last) {
        case (.halfYear, .halfYear(let a), .halfYear(let b)): lo = Int64(a.ordinal); hi = Int64(b.ordinal)
        case (.day, .date(let a), .date(let b)): lo = a; hi = b
        case (.one, .int(let a), .int(let b)): lo = a; hi = b
        default: return (present, false)
        }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        let (cells, overflow2) = (span < Int64.max ? span + 1 : span).multipliedReportingOverflow(by: Int64(max(partitions, 1)))
        if overflow || overflow2 || cells > maxTrendRows {
            throw Diagnostic(.error, "trend would fill in \(overflow || overflow2 ? "too many" : String(cells)) periods (at most \(maxTrendRows))",
                             notes: ["help: the periods run from \(first.display) to \(last.display); group by a coarser period or filter first"])
        }
        let values = (lo...hi).map { x -> Value in
            switch step {
            case .halfYear: return .halfYear(HalfYear(ordinal: Int(x)))
            case .day: return .date(x)
            default: return .int(x)
            }
        }
        return (values, true)
    }
}
