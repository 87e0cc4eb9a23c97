/// Numeric functions.
enum NumericFunctions {
    static let family = "numeric"

    static let all: [ScalarFunction] = [
        ScalarFunction(
            help: FunctionHelp(name: "round", usage: "round(x [, digits])",
                               summary: "rounded half away from zero: a decimal on its exact value, a float as it prints",
                               example: "incidents compute round(avg(severity), 1)", isAggregate: false, family: family),
            arity: 1...2,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "a number", { $0.isNumeric })
                if c.args.count == 2 {
                    guard c.args[1].type == .int, c.args[1].isLiteral else {
                        throw Diagnostic(.error, "round's digits must be a whole number", code: .wrongArguments,
                                         span: c.exprs[1].span, label: "e.g. round(x, 1)")
                    }
                }
                // An int rounds as a decimal (round(x, -1) to tens); a decimal stays exact, a float a float.
                let x = Binder.cast(c.args[0], to: c.args[0].type == .int ? .decimal : c.args[0].type, c.span)
                return .call(.round, [x] + c.args.dropFirst(), x.type, c.span)
            },
            evaluate: nil),
        ScalarFunction(
            help: FunctionHelp(name: "abs", usage: "abs(x)", summary: "the value without its sign",
                               example: "incidents select abs(severity - 3) limit 3", isAggregate: false, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "a number", { $0.isNumeric })
                return .call(.abs, c.args, c.args[0].type == .null ? .int : c.args[0].type, c.span)
            },
            evaluate: nil),
    ]
}
