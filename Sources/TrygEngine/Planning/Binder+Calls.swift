import TrygDomain

extension Binder {
    mutating func bindCall(_ n: Name, _ args: [Expr], _ span: Span, _ scope: Scope) throws(Diagnostic) -> BoundExpr {
        let fn = n.text.lowercased()
        if Binder.aggregateNames.contains(fn) {
            throw Diagnostic(.error, "aggregate '\(fn)' is not allowed here", span: span,
                             label: "aggregates go in 'group by … compute' or 'compute'")
        }
        guard Binder.scalarFunctions.contains(fn) else {
            let near = Suggest.nearest(fn, in: Binder.scalarFunctions + Binder.aggregateNames.sorted())
            throw Diagnostic(.error, "unknown function '\(n.text)'", span: n.span,
                             label: near.map { "did you mean '\($0)'?" } ?? "not a function",
                             notes: ["help: functions are \(Binder.scalarFunctions.joined(separator: ", "))"])
        }
        var bound: [BoundExpr] = []
        for a in args { bound.append(try bindExpr(a, scope)) }
        func arity(_ range: ClosedRange<Int>, _ example: String) throws(Diagnostic) {
            guard range.contains(bound.count) else {
                throw Diagnostic(.error, "\(fn) takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") argument\(range.upperBound == 1 ? "" : "s"), not \(bound.count)",
                                 span: span, label: "e.g. \(example)")
            }
        }
        func expect(_ i: Int, _ ok: (DataType) -> Bool, _ what: String) throws(Diagnostic) {
            let t = bound[i].type
            guard t == .null || ok(t) else {
                throw Diagnostic(.error, "\(fn) needs \(what), but this is \(t)", span: args[i].span,
                                 label: "\(fn)(\(what == "text" ? "library" : what == "a number" ? "severity" : "reported_at"))")
            }
        }
        let isTime: (DataType) -> Bool = { $0 == .date || $0 == .timestamp }
        switch fn {
        case "year", "month", "week", "weekday", "hour", "date", "halfyear", "season":
            try arity(1...1, "\(fn)(reported_at)")
            try expect(0, fn == "hour" ? { $0 == .timestamp } : isTime, fn == "hour" ? "a timestamp" : "a date or timestamp")
            let ops: [String: (ScalarOp, DataType)] = [
                "year": (.year, .int), "month": (.month, .int), "week": (.week, .int),
                "weekday": (.weekday, DerivedColumn.weekday.type), "hour": (.hour, .int), "date": (.date, .date),
                "halfyear": (.halfyear, .halfYear), "season": (.season, DerivedColumn.season.type),
            ]
            let (op, t) = ops[fn] ?? (.year, .int)
            return .call(op, bound, t, span)
        case "lower", "upper", "trim":
            try arity(1...1, "\(fn)(library)")
            try expect(0, { $0 == .text || $0.isCategory }, "text")
            let x = bound[0].type.isCategory ? BoundExpr.call(.lower, [bound[0]], .text, span) : bound[0]
            return .call(fn == "lower" ? .lower : fn == "upper" ? .upper : .trim, [x], .text, span)
        case "length":
            try arity(1...1, "length(description)")
            try expect(0, { $0 == .text }, "text")
            return .call(.length, bound, .int, span)
        case "abs":
            try arity(1...1, "abs(change)")
            try expect(0, { $0.isNumeric }, "a number")
            return .call(.abs, bound, bound[0].type == .null ? .int : bound[0].type, span)
        case "round":
            try arity(1...2, "round(avg_severity, 1)")
            try expect(0, { $0.isNumeric }, "a number")
            if bound.count == 2 {
                guard bound[1].type == .int, bound[1].isLiteral else {
                    throw Diagnostic(.error, "round's digits must be a whole number", span: args[1].span, label: "e.g. round(x, 1)")
                }
            }
            // An int rounds as a decimal (round(x, -1) to tens); a decimal stays exact, a float a float.
            let x = Binder.cast(bound[0], to: bound[0].type == .int ? .decimal : bound[0].type, span)
            return .call(.round, [x] + bound.dropFirst(), x.type, span)
        case "coalesce":
            guard !bound.isEmpty else { try arity(1...64, "coalesce(district, \"ukendt\")"); return bound[0] }
            let t = try commonType(bound, args)
            return .call(.coalesce, try bound.enumerated().map { (i, b) throws(Diagnostic) in try convert(b, to: t, args[i].span) }, t, span)
        default:   // if
            try arity(3...3, "if(severity >= 4, \"alvorlig\", \"mindre\")")
            try expectBool(bound[0], args[0].span, "if")
            let t = try commonType(Array(bound[1...]), Array(args[1...]))
            return .call(.ifThen, [bound[0], try convert(bound[1], to: t, args[1].span), try convert(bound[2], to: t, args[2].span)], t, span)
        }
    }

    /// The one type several values can share (ints widen to decimals; nulls fit anything).
    func commonType(_ xs: [BoundExpr], _ spans: [Expr]) throws(Diagnostic) -> DataType {
        var t: DataType = .null
        for (i, x) in xs.enumerated() {
            if x.type == .null || x.type == t { continue }
            if t == .null { t = x.type; continue }
            if t.isNumeric && x.type.isNumeric { t = Binder.numericCommon(t, x.type); continue }
            if (t == .date && x.type == .timestamp) || (t == .timestamp && x.type == .date) { t = .timestamp; continue }
            throw Diagnostic(.error, "cannot mix \(t) and \(x.type) here", span: spans[i].span,
                             label: "give every value the type \(t)")
        }
        return t
    }

    func convert(_ x: BoundExpr, to t: DataType, _ span: Span) throws(Diagnostic) -> BoundExpr {
        if x.type == t { return x }
        if case .literal(.null, _) = x { return .literal(.null, t) }
        if t.isNumeric && x.type.isNumeric { return Binder.cast(x, to: t, span) }
        if t == .timestamp && x.type == .date { return .call(.dateToTimestamp, [x], .timestamp, span) }
        return x
    }
}
