import TrygDomain

extension Reshape {
    /// The most periods `trend` fills in (all partitions together), so a daily trend over
    /// centuries is an error rather than a memory bomb.
    static let maxTrendRows = 5_000_000

    /// Years of `group by year, month` or `year, week` lie strictly within ±this.
    static let maxTrendYear: Int64 = 1_000_000

    /// `change` and `change_pct` against the previous period in the calendar, per partition of
    /// the other keys. Every period between the first and the last the input holds appears in
    /// each partition; one without rows has 0 for counting measures and null for the others.
    /// Rows whose period is null come last in their partition, with no change, and before them
    /// those of a week the calendar does not have (week 53 of a year of 52 weeks: days at New
    /// Year counted under the calendar year), also with no change.
    static func trend(_ node: TrendNode, _ rel: Relation, cancellation: CancellationFlag) throws(Diagnostic) -> Relation {
        // The period's columns: the period, or the year and month of `group by year, month`.
        var periodNames = [node.period]
        switch node.step {
        case .month(let year), .week(let year): periodNames = [year, node.period]
        default: break
        }
        var periodCols: [Column] = []
        for n in periodNames { periodCols.append(try rel.column(n)) }
        let parts = try partitions(rel, keys: node.keys)
        let calendar = try periods(periodCols, names: periodNames, step: node.step, partitions: parts.count, span: node.span)
        var inCalendar: Set<[Value]> = []
        for v in calendar.values { inCalendar.insert(v) }
        // Each output row: an input row (>= 0), or a filled period (-1 - its calendar index).
        var rows: [Int] = []
        var partOf: [Int] = []
        // Output rows with no previous period: those outside the calendar.
        var apart = Set<Int>()
        for (p, (_, members)) in parts.enumerated() {
            try cancellation.check()
            var at: [[Value]: Int] = [:]
            var outside: [Int] = [], nulls: [Int] = []
            for r in members {
                if periodCols.contains(where: { $0.isNull(r) }) { nulls.append(r); continue }
                let v = periodCols.map { $0.value(at: r) }
                if inCalendar.contains(v) { at[v] = r } else { outside.append(r) }
            }
            for (i, v) in calendar.values.enumerated() {
                if let r = at[v] { rows.append(r) } else if calendar.fill { rows.append(-1 - i) }
            }
            for r in outside { apart.insert(rows.count); rows.append(r) }
            rows += nulls
            partOf += Array(repeating: p, count: rows.count - partOf.count)
        }
        var cols: [Column] = []
        for (name, column) in zip(rel.names, rel.columns) {
            var b = ColumnBuilder(type: column.type, capacity: rows.count)
            let keyIndex = node.keys.firstIndex(of: name)
            let periodIndex = periodNames.firstIndex(of: name)
            for (o, r) in rows.enumerated() {
                if r >= 0 {
                    b.append(column.value(at: r))
                } else if let k = keyIndex {
                    b.append(parts[partOf[o]].0[k])
                } else if let i = periodIndex {
                    b.append(calendar.values[-1 - r][i])
                } else {
                    b.append(node.zeroFill.contains(name) ? zero(column.type) : .null)
                }
            }
            cols.append(b.finish())
        }
        var out = Relation(names: rel.names, columns: cols, count: rows.count)
        let measure = try out.column(node.measure)
        var filledPeriod: [Column] = []
        for n in periodNames { filledPeriod.append(try out.column(n)) }
        var change = ColumnBuilder(type: measure.type), pct = ColumnBuilder(type: .float)
        for o in 0..<out.count {
            if o > 0, partOf[o] == partOf[o - 1], !apart.contains(o), !apart.contains(o - 1), !filledPeriod.contains(where: { $0.isNull(o) || $0.isNull(o - 1) }) {
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

    /// Every period from the first to the last one present, in calendar order (`fill`); for a
    /// period with no calendar (a timestamp) the ones present, so the previous row is the
    /// previous period. A period is one value, or a year and a month or week. A month outside
    /// 1…12, a week outside 1…53 or a year beyond the calendar is an error naming the column.
    static func periods(_ columns: [Column], names: [String], step: TrendStep,
                        partitions: Int, span: Span? = nil) throws(Diagnostic) -> (values: [[Value]], fill: Bool) {
        func invalid(_ i: Int, _ value: Int64, _ range: String) -> Diagnostic {
            Diagnostic(.error, "trend: \(names[i]) \(value) is outside \(range)", code: .invalidValue, span: span,
                       label: "\(names[i]) \(value) has no place in the calendar",
                       notes: ["help: trend finds the period before only for a \(names[i]) from \(range); filter the row out or fix its value"])
        }
        func year(_ y: Int64) throws(Diagnostic) -> Int64 {
            guard y > -maxTrendYear && y < maxTrendYear else { throw invalid(0, y, "-\(maxTrendYear - 1) to \(maxTrendYear - 1)") }
            return y
        }
        var lo = Int64.max, hi = Int64.min
        var present: [Value] = []
        var stride: Int64 = 1
        if case .month = step, columns.count == 2 {
            // Months counted from year 0: year * 12 + month - 1.
            for r in 0..<columns[0].count where !columns[0].isNull(r) && !columns[1].isNull(r) {
                guard case .int(let written) = columns[0].value(at: r), case .int(let m) = columns[1].value(at: r) else { continue }
                guard (1...12).contains(m) else { throw invalid(1, m, "1 to 12") }
                let y = try year(written)
                lo = min(lo, y * 12 + m - 1)
                hi = max(hi, y * 12 + m - 1)
            }
        } else if case .week = step, columns.count == 2 {
            // Weeks as the day number of their Monday, a week apart.
            stride = 7
            for r in 0..<columns[0].count where !columns[0].isNull(r) && !columns[1].isNull(r) {
                guard case .int(let y) = columns[0].value(at: r), case .int(let w) = columns[1].value(at: r) else { continue }
                guard (1...53).contains(w) else { throw invalid(1, w, "1 to 53") }
                // Week 53 of a year of 52 weeks stays outside the calendar (see `trend`).
                guard let monday = isoWeekMonday(year: try year(y), week: w) else { continue }
                lo = min(lo, monday)
                hi = max(hi, monday)
            }
        } else {
            present = ColumnStatistics.distinct(columns[0])
            switch (step, present.first, present.last) {
            case (.halfYear, .halfYear(let a)?, .halfYear(let b)?): lo = Int64(a.ordinal); hi = Int64(b.ordinal)
            case (.day, .date(let a)?, .date(let b)?): lo = a; hi = b
            case (.one, .int(let a)?, .int(let b)?): lo = a; hi = b
            default: return (present.map { [$0] }, false)
            }
        }
        guard lo <= hi else { return ([], false) }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        let (cells, overflow2) = (span / stride < Int64.max ? span / stride + 1 : span).multipliedReportingOverflow(by: Int64(max(partitions, 1)))
        if overflow || overflow2 || cells > maxTrendRows {
            throw Diagnostic(.error, "trend would fill in \(overflow || overflow2 ? "too many" : String(cells)) periods (at most \(maxTrendRows))",
                             code: .resultTooLarge, notes: ["help: group by a coarser period or filter first"])
        }
        let values = Swift.stride(from: lo, through: hi, by: Int(stride)).map { x -> [Value] in
            switch step {
            case .halfYear: return [.halfYear(HalfYear(ordinal: Int(x)))]
            case .day: return [.date(x)]
            case .week:
                let w = CivilDate(dayNumber: Int(x)).isoWeek
                return [.int(Int64(w.year)), .int(Int64(w.week))]
            case .month: return [.int(x >= 0 ? x / 12 : (x - 11) / 12), .int((x % 12 + 12) % 12 + 1)]
            default: return [.int(x)]
            }
        }
        return (values, true)
    }

    /// The day number of the Monday of ISO week `week` of ISO year `year` (week 1 holds the
    /// year's first Thursday); nil for a week the year does not have.
    static func isoWeekMonday(year: Int64, week: Int64) -> Int64? {
        guard year > -maxTrendYear && year < maxTrendYear, (1...53).contains(week) else { return nil }
        let jan4 = CivilDate.dayNumber(year: Int(year), month: 1, day: 4)
        let monday = Int64(jan4 - (CivilDate(dayNumber: jan4).isoWeekday - 1)) + (week - 1) * 7
        guard CivilDate(dayNumber: Int(monday)).isoWeek.year == Int(year) else { return nil }
        return monday
    }
}
