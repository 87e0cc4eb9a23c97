/// Functions that choose between values.
enum LogicFunctions {
    static let family = "logic"

    static let all: [ScalarFunction] = [
        ScalarFunction(
            help: FunctionHelp(name: "coalesce", usage: "coalesce(a, b, …)", summary: "the first value that is not null",
                               example: "libraries select name, coalesce(effort_start, 2099-01-01) as start",
                               isAggregate: false, family: family),
            arity: 1...64,
            bind: { c throws(Diagnostic) in
                let t = try CallBinding.commonType(c.args, c.exprs)
                return .call(.coalesce, c.args.enumerated().map { CallBinding.convert($1, to: t, c.exprs[$0].span) }, t, c.span)
            },
            evaluate: nil),
        ScalarFunction(
            help: FunctionHelp(name: "if", usage: "if(cond, a, b)", summary: "a where cond holds, else b",
                               example: "incidents derive late = if(hour >= 20, \"late\", \"day\") group by late",
                               isAggregate: false, family: family),
            arity: 3...3,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "a condition (true or false)", { $0 == .bool })
                let t = try CallBinding.commonType(Array(c.args[1...]), Array(c.exprs[1...]))
                return .call(.ifThen, [c.args[0], CallBinding.convert(c.args[1], to: t, c.exprs[1].span),
                                       CallBinding.convert(c.args[2], to: t, c.exprs[2].span)], t, c.span)
            },
            evaluate: nil),
    ]
}
