import TrygDomain

extension Binder {
    func groupKeys(_ scope: Scope) -> [Field] { scope.fields.filter { $0.role == .key } }
    func measures(_ scope: Scope) -> [Field] { scope.fields.filter { $0.role == .measure } }

    /// The most columns a pivot makes; more is an error that says how many it would be.
    static let maxPivotColumns = 1_000

    /// Measures that count or sum (`count`, `count(x)`, `count(distinct x)`, `sum`, `share`): a
    /// group with no rows has 0 of them; other measures of it are null.
    static func countingMeasures(_ plan: LogicalPlan) -> Set<String> {
        switch plan {
        case .aggregate(_, _, let aggs):
            let counting: Set<AggregateKind> = [.count, .countNonNull, .countDistinct, .sum, .share]
            return Set(aggs.filter { counting.contains($0.kind) }.map(\.name))
        case .filter(let i, _), .sort(let i, _), .limit(let i, _), .topN(let i, _, _):
            return countingMeasures(i)
        case .project(let i, let items):
            let inner = countingMeasures(i)
            return Set(items.compactMap { name, e in
                if case .column(let source, _) = e, inner.contains(source) { return name }
                return nil
            })
        case .trend(let t): return countingMeasures(t.input)
        default: return []
        }
    }

    /// `pivot COL [compute M, …]`: a column per value of COL and measure. The values are read now,
    /// so later stages know the columns (`… pivot halfyear top 3 by `vinter 2024/25``).
    mutating func bindPivot(_ plan: LogicalPlan, _ scope: Scope, column: Name,
                            measures chosen: [NamedExpr]) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let col = try scope.resolve(qualifier: nil, name: column, whole: column.span)
        guard col.role == .key else {
            throw Diagnostic(.error, "pivot needs '\(column.text)' to be a group key", code: .reshapeInput, span: column.span,
                             label: "group by \(column.text) first: … group by library, \(column.text) pivot \(column.text)")
        }
        let allMeasures = measures(scope)
        var ms = chosen.isEmpty ? allMeasures : []
        for aggregate in chosen {
            let name = aggregate.alias?.text ?? Binder.name(of: aggregate.expr)
            guard let m = allMeasures.first(where: { $0.name == name }) else {
                throw Diagnostic(.error, "pivot's measure '\(name)' is not computed by the group by", code: .reshapeInput, span: aggregate.expr.span,
                                 label: "measures here: \(allMeasures.map(\.name).joined(separator: ", "))")
            }
            if !ms.contains(where: { $0.name == m.name }) { ms.append(m) }
        }
        guard !ms.isEmpty else {
            throw Diagnostic(.error, "pivot needs a measure", code: .reshapeInput, span: column.span, label: "group by … compute count first")
        }
        // Run the input once, here: its values name the columns, and the pivot reads it in memory.
        let input = try Executor(cancellation: cancellation, domain: domain, kernels: kernels)
            .run(Optimizer.standard.optimize(plan))
        let values = ColumnStatistics.distinct(input, column: col.name, domain: domain) ?? []
        let hasNull = input.columnIndex(col.name).map { input.columns[$0].nulls != nil } ?? false
        let all = values + (hasNull ? [.null] : [])
        let keys = groupKeys(scope).filter { $0.name != col.name }
        if all.count * ms.count > Binder.maxPivotColumns {
            throw Diagnostic(.error, "pivot would make \(all.count * ms.count) columns (at most \(Binder.maxPivotColumns))",
                             code: .resultTooLarge, span: column.span, label: "\(column.text) has \(all.count) values here",
                             notes: ["help: filter first, pivot a column with fewer values, or keep \(column.text) as rows"])
        }
        var names: [String] = []
        var used = Set(keys.map(\.name))
        var fields = keys
        for v in all {
            let label = v.isNull ? "null" : v.display
            for m in ms {
                var name = ms.count == 1 ? label : "\(m.name) \(label)"
                while used.contains(name) { name += "_" }
                used.insert(name)
                names.append(name)
                fields.append(Field(name: name, type: m.type, role: .measure))
            }
        }
        let node = PivotNode(input: plan, keys: keys.map(\.name), column: col.name, measures: ms.map(\.name),
                             values: all, cellNames: names, zeroFill: Binder.countingMeasures(plan), inputRows: input)
        return (.pivot(node), Scope(fields: fields, sourceName: scope.sourceName))
    }

    mutating func bindCompare(_ plan: LogicalPlan, _ scope: Scope, column: Name, from: Expr, to: Expr,
                              stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let col = try scope.resolve(qualifier: nil, name: column, whole: column.span)
        guard col.role == .key else {
            throw Diagnostic(.error, "compare needs input grouped by '\(column.text)'", code: .reshapeInput, span: column.span,
                             label: "add it to the group by: … group by library, \(column.text) compare …")
        }
        let all = measures(scope)
        guard let m = all.first else {
            throw Diagnostic(.error, "compare needs a measure", code: .reshapeInput, span: stage.keywordSpan, label: "group by … compute count first")
        }
        // Its columns are one measure's (`2023`, `2025`, `change`): a second would be lost.
        if all.count > 1 {
            throw Diagnostic(.error, "compare takes one measure, but the input has \(all.count): \(all.map(\.name).joined(separator: ", "))",
                             code: .reshapeInput, span: stage.keywordSpan, label: "compute only the measure to compare",
                             notes: ["help: keep one measure in compute (a compare per measure), or pivot, which shows every measure"])
        }
        let a = try constant(from, as: col, scope)
        let b = try constant(to, as: col, scope)
        let keys = groupKeys(scope).filter { $0.name != col.name }
        var fields = keys
        // A value named like a key (`compare k "c" to "b"` beside a key `b`) gets a `_` as pivot's cells do.
        var used = Set(keys.map(\.name))
        var names: [String] = []
        // A null value is named `null`, as pivot names its column.
        let (from, to) = (a.isNull ? "null" : a.display, b.isNull ? "null" : b.display)
        for base in [from, to == from ? to + "_2" : to, "change", "change_pct"] {
            var name = base
            while used.contains(name) { name += "_" }
            used.insert(name)
            names.append(name)
        }
        for (name, type) in zip(names, [m.type, m.type, m.type, DataType.float]) {
            fields.append(Field(name: name, type: type, role: .measure))
        }
        let node = CompareNode(input: plan, keys: keys.map(\.name), column: col.name, measure: m.name, from: a, to: b,
                               zeroFill: Binder.countingMeasures(plan).contains(m.name), names: names)
        return (.compare(node), Scope(fields: fields, sourceName: scope.sourceName))
    }

    /// A literal coerced to a group key's type (for `compare`): any type a key can have.
    mutating func constant(_ e: Expr, as field: Field, _ scope: Scope) throws(Diagnostic) -> Value {
        let bound = try bindOperand(e, like: field.type, scope)
        guard case .literal(let v, _) = bound else {
            throw Diagnostic(.error, "compare takes values, not expressions", code: .reshapeInput, span: e.span, label: "e.g. \"2022/23\"")
        }
        let c = canonicalText(field, try coerceLiteral(v, e.span, to: field))
        if let w = missingValueWarning(field, c, e.span) { warnings.append(w) }
        return c
    }

    mutating func bindTrend(_ plan: LogicalPlan, _ scope: Scope, stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let keys = groupKeys(scope)
        let periodTypes: [DataType] = [.halfYear, .date, .timestamp]
        // The finest period among the keys: a calendar type, else a week, month or year.
        let named = { (n: String) in keys.first { $0.name == n && $0.type == .int } }
        guard let period = keys.first(where: { periodTypes.contains($0.type) })
                ?? named("week") ?? named("month") ?? named("year") else {
            throw Diagnostic(.error, "trend needs a period among the group keys", code: .reshapeInput, span: stage.keywordSpan,
                             label: "group by a period first: … group by halfyear trend")
        }
        guard let m = measures(scope).first else {
            throw Diagnostic(.error, "trend needs a measure", code: .reshapeInput, span: stage.keywordSpan, label: "group by … compute count first")
        }
        var step: TrendStep
        switch period.type {
        case .halfYear: step = .halfYear
        case .date: step = .day
        case .int: step = .one
        default: step = .none
        }
        // Months of several years are one calendar: the month before January 2025 is December 2024.
        if period.name == "month", let year = named("year") { step = .month(year: year.name) }
        // Weeks too: the week before week 1 of 2025 is week 52 of 2024.
        if period.name == "week", let year = named("year") { step = .week(year: year.name) }
        var fields = scope.fields
        fields.append(Field(name: "change", type: m.type, role: .measure))
        fields.append(Field(name: "change_pct", type: .float, role: .measure))
        let others = keys.filter {
            switch step {
            case .month(let year), .week(let year): if $0.name == year { return false }
            default: break
            }
            return $0.name != period.name
        }.map(\.name)
        let node = TrendNode(input: plan, keys: others, period: period.name, measure: m.name, step: step,
                             zeroFill: Binder.countingMeasures(plan), span: stage.keywordSpan)
        return (.trend(node), Scope(fields: fields, sourceName: scope.sourceName))
    }
}
