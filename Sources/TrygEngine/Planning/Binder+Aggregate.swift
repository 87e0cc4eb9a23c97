import TrygDomain

extension Binder {
    static let aggregateNames = Set(Vocabulary.aggregateFunctions)

    /// `group by KEYS [compute AGGS]` and `compute AGGS`. Aggregates may sit inside expressions
    /// (`round(avg(severity), 1)`): they are computed first and the expression on top of them.
    mutating func bindAggregate(_ plan: LogicalPlan, _ scope: Scope, keys: [NamedExpr], aggregates: [NamedExpr],
                                stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        var boundKeys: [(String, BoundExpr)] = []
        var fields: [Field] = []
        for k in keys {
            if containsAggregate(k.expr) {
                throw Diagnostic(.error, "an aggregate cannot be a group key", span: k.expr.span,
                                 label: "put it after 'compute'")
            }
            let b = try bindExpr(k.expr, scope)
            var name = k.alias?.text ?? Binder.outputName(k.expr, b, scope)
            // `group by u.year, t.year`: the second is named with its table, as select does.
            if k.alias == nil, boundKeys.contains(where: { $0.0 == name }), case .column(let q?, let n) = k.expr.kind {
                name = "\(q.text).\(n.text)"
            }
            if boundKeys.contains(where: { $0.0 == name }) {
                throw Diagnostic(.error, "group key '\(name)' appears twice", span: k.expr.span, label: "remove one")
            }
            var f = Field(name: name, type: b.type, role: .key)
            if case .column(let src, _) = b, let orig = scope.field(named: src) { f.origin = orig.origin }
            boundKeys.append((name, b))
            fields.append(f)
        }
        var items = aggregates
        if items.isEmpty {
            items = [NamedExpr(expr: Expr(.call(name: Name(text: "count", span: stage.keywordSpan), args: [], distinct: false),
                                          stage.keywordSpan), alias: nil)]
        }
        var aggs: [BoundAggregate] = []
        var outputs: [(String, BoundExpr)] = []
        var needsProject = false
        for raw in items {
            let item = NamedExpr(expr: Binder.bareAggregatesAsCalls(raw.expr), alias: raw.alias)
            let name = uniqueName(item.alias?.text ?? Binder.name(of: item.expr).replacingOccurrences(of: "(", with: "_"),
                                  taken: fields.map(\.name))
            if case .call(let n, _, _) = item.expr.kind, Binder.aggregateNames.contains(n.text.lowercased()) {
                let a = try bindAggregateCall(item.expr, scope, name: name)
                aggs.append(a)
                outputs.append((name, .column(name, a.type)))
                fields.append(Field(name: name, type: a.type, role: .measure))
                continue
            }
            if case .call(let n, _, _) = item.expr.kind, !Binder.scalarFunctions.contains(n.text.lowercased()) {
                let near = Suggest.nearest(n.text.lowercased(), in: Binder.aggregateNames.sorted() + Binder.scalarFunctions)
                throw Diagnostic(.error, "unknown function '\(n.text)'", span: n.span,
                                 label: near.map { "did you mean '\($0)'?" } ?? "not a function",
                                 notes: ["help: aggregates are count, sum, avg, min, max, median, pct, share"])
            }
            guard containsAggregate(item.expr) else {
                throw Diagnostic(.error, "'\(Binder.name(of: item.expr))' is not an aggregate", span: item.expr.span,
                                 label: "compute takes aggregates: count, sum, avg, min, max, median, pct, share",
                                 notes: keys.isEmpty ? [] : ["help: to keep a column per group, add it to 'group by'"])
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
        return (result, Scope(fields: fields, sourceName: scope.sourceName))
    }

    /// `count` and `share` written without parentheses are the aggregates.
    static func bareAggregatesAsCalls(_ e: Expr) -> Expr {
        switch e.kind {
        case .column(nil, let n) where ["count", "share"].contains(n.text.lowercased()):
            return Expr(.call(name: n, args: [], distinct: false), e.span)
        case .call(let n, let args, let d):
            return Expr(.call(name: n, args: args.map(bareAggregatesAsCalls), distinct: d), e.span)
        case .unary(let op, let a):
            return Expr(.unary(op: op, bareAggregatesAsCalls(a)), e.span)
        case .binary(let op, let a, let b):
            return Expr(.binary(op: op, bareAggregatesAsCalls(a), bareAggregatesAsCalls(b)), e.span)
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
            throw Diagnostic(.error, "column '\(n.text)' is used outside an aggregate", span: n.span,
                             label: "wrap it in an aggregate (e.g. max(\(n.text))) or group by it")
        default:
            throw Diagnostic(.error, "this expression cannot mix with aggregates", span: e.span,
                             label: "compute the aggregate first, then derive from it")
        }
    }

    mutating func bindAggregateCall(_ e: Expr, _ scope: Scope, name: String) throws(Diagnostic) -> BoundAggregate {
        guard case .call(let n, let args, let distinct) = e.kind else {
            throw Diagnostic(.error, "expected an aggregate", span: e.span)
        }
        let fn = n.text.lowercased()
        func arity(_ k: Int) throws(Diagnostic) {
            guard args.count == k else {
                throw Diagnostic(.error, "\(fn) takes \(k == 0 ? "no arguments" : k == 1 ? "one argument" : "\(k) arguments"), not \(args.count)",
                                 span: e.span, label: fn == "count" ? "count, count(x) or count(distinct x)" : "e.g. \(fn)(severity)")
            }
        }
        for a in args where containsAggregate(a) {
            throw Diagnostic(.error, "aggregates cannot be nested", span: a.span, label: "compute the inner one in an earlier stage")
        }
        switch fn {
        case "count":
            if args.isEmpty {
                if distinct { try arity(1) }
                return BoundAggregate(kind: .count, argument: nil, name: name, type: .int)
            }
            try arity(1)
            let a = try bindExpr(args[0], scope)
            return BoundAggregate(kind: distinct ? .countDistinct : .countNonNull, argument: a, name: name, type: .int)
        case "share":
            try arity(0)
            return BoundAggregate(kind: .share, argument: nil, name: name, type: .float)
        case "pct":
            try arity(1)
            let a = try bindExpr(args[0], scope)
            try expectBool(a, args[0].span, "pct")
            return BoundAggregate(kind: .pct, argument: a, name: name, type: .float)
        case "sum", "avg", "median":
            try arity(1)
            let a = try bindExpr(args[0], scope)
            guard a.type.isNumeric || a.type == .null || (fn == "sum" && a.type == .bool) else {
                throw Diagnostic(.error, "\(fn) needs a number, but this is \(a.type)", span: args[0].span,
                                 label: a.type == .bool ? "use pct(…) for the share where it holds, or count" : "use min, max or count(distinct …)")
            }
            let kind: AggregateKind = fn == "sum" ? .sum : fn == "avg" ? .avg : .median
            // sum keeps the type (exact for ints and decimals); avg is a float; the median of ints
            // or decimals is an exact decimal (the midpoint of two values needs one more decimal).
            let type: DataType
            switch (kind, a.type) {
            case (.sum, .int), (.sum, .bool), (.sum, .null): type = .int
            case (.sum, let t): type = t
            case (.median, .int), (.median, .decimal), (.median, .null): type = .decimal
            default: type = .float
            }
            return BoundAggregate(kind: kind, argument: a, name: name, type: type, span: args[0].span)
        default:   // min, max
            try arity(1)
            let a = try bindExpr(args[0], scope)
            return BoundAggregate(kind: fn == "min" ? .min : .max, argument: a, name: name, type: a.type)
        }
    }
}
