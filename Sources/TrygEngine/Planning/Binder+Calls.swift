import TrygDomain

extension Binder {
    /// Every function and aggregate name, for suggestions.
    static var functionNames: [String] { FunctionCatalog.scalarNames + FunctionCatalog.aggregateNames }

    /// The error for a name that is no function, with the nearest one.
    static func unknownFunction(_ n: Name) -> Diagnostic {
        let near = Suggest.nearest(n.text.lowercased(), in: functionNames)
        return Diagnostic(.error, "unknown function '\(Diagnostic.shown(n.text))'", code: .unknownFunction, span: n.span,
                          label: near.map { "did you mean '\($0)'?" } ?? "not a function",
                          notes: ["help: functions are \(FunctionCatalog.scalarNames.joined(separator: ", ")); "
                                  + "aggregates are \(FunctionCatalog.aggregateNames.joined(separator: ", "))"])
    }

    /// The error for a call with the wrong number of arguments.
    static func arityError(_ name: String, _ arity: ClosedRange<Int>, given: Int, span: Span, usage: String) -> Diagnostic {
        let count = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)"
            : arity.upperBound >= 64 ? (given > arity.upperBound ? "at most \(arity.upperBound)" : "at least \(arity.lowerBound)")
            : "\(arity.lowerBound) to \(arity.upperBound)"
        let noun = arity.upperBound == 1 && arity.lowerBound == 1 ? "argument" : "arguments"
        return Diagnostic(.error, "\(name) takes \(count) \(noun), not \(given)", code: .wrongArguments, span: span,
                          label: "written \(usage)")
    }

    mutating func bindCall(_ n: Name, _ args: [Expr], _ span: Span, _ scope: Scope) throws(Diagnostic) -> BoundExpr {
        let fn = n.text.lowercased()
        if FunctionCatalog.isAggregate(fn) {
            throw Diagnostic(.error, "aggregate '\(fn)' is not allowed here", code: .notAnAggregate, span: span,
                             label: "aggregates go in 'group by … compute' or 'compute'")
        }
        guard let f = FunctionCatalog.scalar(fn) else { throw Binder.unknownFunction(n) }
        guard f.arity.contains(args.count) else {
            throw Binder.arityError(fn, f.arity, given: args.count, span: span, usage: f.help.usage)
        }
        var bound: [BoundExpr] = []
        for a in args { bound.append(try bindExpr(a, scope)) }
        return try f.bind(CallBinding(name: fn, args: bound, exprs: args, span: span, example: f.help.usage))
    }

    /// An operator the catalog defines (`||`, `ends with`), bound like a call.
    mutating func bindCatalogOperator(_ spelling: String, _ a: Expr, _ b: Expr, _ span: Span,
                                      _ scope: Scope) throws(Diagnostic) -> BoundExpr? {
        guard let f = FunctionCatalog.operator(spelling) else { return nil }
        let args = [try bindExpr(a, scope), try bindExpr(b, scope)]
        return try f.bind(CallBinding(name: spelling, args: args, exprs: [a, b], span: span, example: f.help.example))
    }
}
