/// Aggregates that count rows.
enum CountingAggregates {
    static let family = "counting"

    static let all: [AggregateFunction] = [
        AggregateFunction(
            help: FunctionHelp(name: "count", usage: "count, count(EXPR), count(distinct EXPR)",
                               summary: "rows, non-null values, distinct values",
                               example: "incidents compute count, count(distinct library)", isAggregate: true, family: family),
            arity: 0...1,
            bind: { c throws(Diagnostic) in
                if c.args.isEmpty {
                    guard !c.distinct else {
                        throw Diagnostic(.error, "count(distinct …) needs a value", code: .wrongArguments, span: c.span,
                                         label: "count, count(x) or count(distinct x)")
                    }
                    return BoundAggregate(kind: .count, argument: nil, name: c.output, type: .int)
                }
                return c.aggregate(c.distinct ? .countDistinct : .countNonNull, .int)
            }),
    ]
}
