/// Aggregates of numbers.
enum NumericAggregates {
    static let family = "numeric"

    static func numeric(_ name: String, _ kind: AggregateKind, _ usage: String, _ summary: String, _ example: String) -> AggregateFunction {
        AggregateFunction(
            help: FunctionHelp(name: name, usage: usage, summary: summary, example: example, isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                let t = c.args[0].type
                let bool = kind == .sum && t == .bool
                guard t.isNumeric || t == .null || bool else {
                    throw Diagnostic(.error, "\(name) needs a number, but this is \(t)", code: .typeMismatch, span: c.exprs[0].span,
                                     label: t == .bool ? "use pct(…) for the share where it holds, or count"
                                         : t.isOrdered ? "use median, mode, min or max for \(t)" : "use min, max or count(distinct …)")
                }
                // sum keeps the type (exact for ints and decimals); avg and stddev are floats.
                let type: DataType
                switch (kind, t) {
                case (.sum, .int), (.sum, .bool), (.sum, .null): type = .int
                case (.sum, let t): type = t
                default: type = .float
                }
                return c.aggregate(kind, type)
            })
    }

    static let all: [AggregateFunction] = [
        numeric("sum", .sum, "sum(x)", "the total", "incidents compute sum(severity)"),
        numeric("avg", .avg, "avg(x)", "the mean", "incidents group by library compute avg(severity)"),
        numeric("stddev", .stddev, "stddev(x)", "the sample standard deviation (null for fewer than two values)",
                "incidents group by library compute round(stddev(severity), 3) as sd"),
    ]
}
