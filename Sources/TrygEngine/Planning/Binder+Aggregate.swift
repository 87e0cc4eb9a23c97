import TrygDomain

extension Binder {
    static var aggregateNames: Set<String> { Set(FunctionCatalog.aggregateNames) }

    /// `group by KEYS [compute AGGS]` and `compute AGGS`. Aggregates may sit inside expressions
    /// (`round(avg(severity), 1)`): they are computed first and the expression on top of them.
    mutating func bindAggregate(_ plan: LogicalPlan, _ scope: Scope, keys: [NamedExpr], aggregates: [NamedExpr],
                                stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        var boundKeys: [(String, BoundExpr)] = []
        var fields: [Field] = []
        for k in keys {
            if containsAggregate(k.expr) {
                throw Diagnostic(.error, "an aggregate cannot be a group key", code: .aggregateMisuse, span: k.expr.span,
                                 label: "put it after 'compute'")
            }
            let b = try bindExpr(k.expr, scope)
            var name = k.alias?.text ?? Binder.outputName(k.expr, b, scope)
            // `group by u.year, t.year`: the second is named with its table, as select does.
            if k.alias == nil, boundKeys.contains(where: { $0.0 == name }), case .column(let q?, let n) = k.expr.kind {
                name = "\(q.text).\(n.text)"
            }
            if boundKeys.contains(where: { $0.0 == name }) {
                throw Diagnostic(.error, "group key '\(name)' appears twice", code: .duplicateName, span: k.expr.span, label: "remove one")
            }
            var f = Field(name: name, type: b.type, role: .key)
            if case .column(let src, _) = b, let orig = scope.field(named: src) { f.origin = orig.origin }
            boundKeys.append((name, b))
            fields.append(f)
        }
        if let w = Binder.yearWeekWarning(fields, keys) { warnings.append(w) }
        var items = aggregates
        if items.isEmpty {
            items = [NamedExpr(expr: Expr(.call(name: Name(text: "count", span: stage.keywordSpan), args: [], distinct: false),
                                          stage.keywordSpan), alias: nil)]
        }
        var aggs: [BoundAggregate] = []
        var outputs: [(String, BoundExpr)] = []
        var needsProject = false
        for raw in items {
            let item = NamedExpr(expr: Binder.bareAggregatesAsCalls(raw.expr, columns: Set(scope.fields.map { $0.name.lowercased() })),
                                 alias: raw.alias)
            let name = uniqueName(item.alias?.text ?? Binder.name(of: item.expr),
                                  taken: fields.map(\.name))
            if case .call(let n, _, _) = item.expr.kind, Binder.aggregateNames.contains(n.text.lowercased()) {
                let a = try bindAggregateCall(item.expr, scope, name: name)
                aggs.append(a)
                outputs.append((name, .column(name, a.type)))
                fields.append(Field(name: name, type: a.type, role: .measure, countsRows: a.kind == .count))
                continue
            }
            if case .call(let n, _, _) = item.expr.kind, FunctionCatalog.scalar(n.text) == nil {
                throw Binder.unknownFunction(n)
            }
            guard containsAggregate(item.expr) else {
                throw Diagnostic(.error, "compute needs an aggregate here", code: .notAnAggregate, span: item.expr.span,
                                 label: "this is a value per row, not per group",
                                 notes: ["help: aggregates are \(FunctionCatalog.aggregateNames.joined(separator: ", ")), e.g. max(\(Binder.name(of: item.expr)))"]
                                     + (keys.isEmpty ? [] : ["help: to keep a column per group, add it to 'group by'"]))
            }
            needsProject = true
            var inner: [BoundAggregate] = []
            let e = try bindWithAggregates(item.expr, scope, collected: &inner, prefix: "__\(name)")
            aggs.append(contentsOf: inner)
            outputs.append((name, e))
            fields.append(Field(name: name, type: e.type, role: .measure))
        }
        var result: LogicalPlan = .aggregate(plan, keys: boundKeys, aggregates: aggs)
        if needsProject {
            result = .project(result, boundKeys.map { ($0.0, BoundExpr.column($0.0, $0.1.type)) } + outputs)
        }
        var out = Scope(fields: fields, sourceName: scope.sourceName)
        out.resultOf = keys.isEmpty ? "compute" : "group by"
        return (result, out)
    }

    /// `count` and `share` written without parentheses are the aggregates.
    static func bareAggregatesAsCalls(_ e: Expr, columns: Set<String> = [], insideAggregate: Bool = false) -> Expr {
        func walk(_ x: Expr) -> Expr { bareAggregatesAsCalls(x, columns: columns, insideAggregate: insideAggregate) }
        switch e.kind {
        case .column(nil, let n) where ["count", "share"].contains(n.text.lowercased()):
            // Inside an aggregate (`sum(count)` after a group by) a column of that name is meant:
            // an aggregate of an aggregate is no query.
            if insideAggregate, columns.contains(n.text.lowercased()) { return e }
            return Expr(.call(name: n, args: [], distinct: false), e.span)
        case .call(let n, let args, let d):
            let inner = insideAggregate || aggregateNames.contains(n.text.lowercased())
            return Expr(.call(name: n, args: args.map { bareAggregatesAsCalls($0, columns: columns, insideAggregate: inner) },
                              distinct: d), e.span)
        case .unary(let op, let a):
            return Expr(.unary(op: op, walk(a)), e.span)
        case .binary(let op, let a, let b):
            return Expr(.binary(op: op, walk(a), walk(b)), e.span)
        default:
            return e
        }
    }

    func uniqueName(_ base: String, taken: [String]) -> String {
        var name = base, i = 2
        while taken.contains(name) { name = "\(base)_\(i)"; i += 1 }
        return name
    }

    func containsAggregate(_ e: Expr) -> Bool {
        switch e.kind {
        case .call(let n, let args, _):
            return Binder.aggregateNames.contains(n.text.lowercased()) || args.contains(where: containsAggregate)
        case .unary(_, let a): return containsAggregate(a)
        case .binary(_, let a, let b): return containsAggregate(a) || containsAggregate(b)
        case .inList(let a, let xs, _): return containsAggregate(a) || xs.contains(where: containsAggregate)
        case .between(let a, let b, let c, _): return containsAggregate(a) || containsAggregate(b) || containsAggregate(c)
        case .isNull(let a, _): return containsAggregate(a)
        case .literal, .column: return false
        }
    }

    /// Binds an expression whose aggregate calls become references to hidden aggregate outputs.
    mutating func bindWithAggregates(_ e: Expr, _ scope: Scope, collected: inout [BoundAggregate],
                                     prefix: String) throws(Diagnostic) -> BoundExpr {
        // Bind each aggregate call, then bind the outer expression over a scope of their outputs.
        var aggScope = Scope(fields: [], sourceName: scope.sourceName)
        var rewritten = e
        rewritten = try replaceAggregates(e, scope, &collected, &aggScope, prefix)
        return try bindExpr(rewritten, aggScope)
    }

    private mutating func replaceAggregates(_ e: Expr, _ scope: Scope, _ collected: inout [BoundAggregate],
                                            _ aggScope: inout Scope, _ prefix: String) throws(Diagnostic) -> Expr {
        switch e.kind {
        case .call(let n, let args, let distinct):
            if Binder.aggregateNames.contains(n.text.lowercased()) {
                let name = "\(prefix)_\(collected.count)"
                let a = try bindAggregateCall(e, scope, name: name)
                collected.append(a)
                aggScope.fields.append(Field(name: name, type: a.type))
                return Expr(.column(qualifier: nil, name: Name(text: name, span: e.span)), e.span)
            }
            var out: [Expr] = []
            for a in args { out.append(try replaceAggregates(a, scope, &collected, &aggScope, prefix)) }
            return Expr(.call(name: n, args: out, distinct: distinct), e.span)
        case .unary(let op, let a):
            return Expr(.unary(op: op, try replaceAggregates(a, scope, &collected, &aggScope, prefix)), e.span)
        case .binary(let op, let a, let b):
            let l = try replaceAggregates(a, scope, &collected, &aggScope, prefix)
            let r = try replaceAggregates(b, scope, &collected, &aggScope, prefix)
            return Expr(.binary(op: op, l, r), e.span)
        case .literal:
            return e
        case .column(_, let n):
            throw Diagnostic(.error, "column '\(n.text)' is used outside an aggregate", code: .notAnAggregate, span: n.span,
                             label: "wrap it in an aggregate (e.g. max(\(n.text))) or group by it")
        default:
            throw Diagnostic(.error, "this expression cannot mix with aggregates", code: .notAnAggregate, span: e.span,
                             label: "compute the aggregate first, then derive from it")
        }
    }

    mutating func bindAggregateCall(_ e: Expr, _ scope: Scope, name: String) throws(Diagnostic) -> BoundAggregate {
        guard case .call(let n, let args, let distinct) = e.kind, let f = FunctionCatalog.aggregate(n.text) else {
            throw Diagnostic.internalError("an aggregate call expected", span: e.span)
        }
        let fn = n.text.lowercased()
        guard f.arity.contains(args.count) else {
            throw Binder.arityError(fn, f.arity, given: args.count, span: e.span, usage: f.help.usage)
        }
        for a in args where containsAggregate(a) {
            throw Diagnostic(.error, "aggregates cannot be nested", code: .aggregateMisuse, span: a.span, label: "compute the inner one in an earlier stage")
        }
        var bound: [BoundExpr] = []
        for a in args { bound.append(try bindExpr(a, scope)) }
        return try f.bind(AggregateBinding(name: fn, args: bound, exprs: args, distinct: distinct, span: e.span,
                                           output: name, example: f.help.usage))
    }

    /// `group by year, week` over a column holding days at New Year whose ISO week belongs to
    /// the other year (2024-12-30 is in week 1 of 2025): year is the calendar year, so those
    /// days are counted apart from the rest of their week. Nil when no such day is stored.
    static func yearWeekWarning(_ keys: [Field], _ written: [NamedExpr]) -> Diagnostic? {
        func derived(_ kind: DerivedColumn) -> (origin: FieldOrigin, source: Int, at: Int)? {
            for (i, f) in keys.enumerated() {
                if let o = f.origin, case .derived(kind, let source) = o.column { return (o, source, i) }
            }
            return nil
        }
        guard let year = derived(.year), let week = derived(.week), year.source == week.source,
              year.origin.table === week.origin.table, year.source < year.origin.table.columns.count, week.at < written.count
        else { return nil }
        let column = year.origin.table.columns[year.source]
        guard case .ints(let values) = column.storage, column.type == .date || column.type == .timestamp,
              let lo = values.min(), let hi = values.max() else { return nil }
        let perDay: Int64 = column.type == .timestamp ? LocalTime.secondsPerDay : 1
        func dayOf(_ v: Int64) -> Int64 { v >= 0 ? v / perDay : (v - perDay + 1) / perDay }
        // The days of the stored span whose ISO year is not their calendar year, then the first row on one.
        let first = dayOf(lo), last = dayOf(hi)
        guard last - first < 1_000_000 else { return nil }
        var odd = [Bool](repeating: false, count: Int(last - first) + 1)
        var any = false
        for day in first...last {
            let d = CivilDate(dayNumber: Int(day))
            guard (d.month == 12 && d.day >= 29) || (d.month == 1 && d.day <= 3) else { continue }
            if d.isoWeek.year != d.year { odd[Int(day - first)] = true; any = true }
        }
        guard any, let r = values.indices.first(where: { !column.isNull($0) && odd[Int(dayOf(values[$0]) - first)] }) else { return nil }
        let day = dayOf(values[r])
        let d = CivilDate(dayNumber: Int(day))
        return Diagnostic(.warning, "week is the ISO week and year the calendar year: \(Value.date(day).display) is in week \(d.isoWeek.week) of \(d.isoWeek.year) but counts under \(d.year)",
                          span: written[week.at].expr.span, label: "days at New Year are counted apart from the rest of their week",
                          notes: ["help: for whole weeks group by date_trunc(\"week\", \(year.origin.table.columnNames[year.source])) as week_start"])
    }
}
