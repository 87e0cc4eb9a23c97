/// Aggregates that give percentages.
enum PercentAggregates {
    static let family = "percent"

    static let all: [AggregateFunction] = [
        AggregateFunction(
            help: FunctionHelp(name: "pct", usage: "pct(PREDICATE)", summary: "percent of rows where it holds",
                               example: "survey group by year compute pct(safety in (\"tryg\", \"meget tryg\"))",
                               isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "a condition (true or false)", hint: "e.g. pct(severity >= 4)") { $0 == .bool }
                return c.aggregate(.pct, .float)
            }),
        AggregateFunction(
            help: FunctionHelp(name: "share", usage: "share",
                               summary: "this group's count as a percent of all rows that reached the group by",
                               example: "incidents group by library compute share", isAggregate: true, family: family),
            arity: 0...0,
            bind: { c throws(Diagnostic) in BoundAggregate(kind: .share, argument: nil, name: c.output, type: .float) }),
    ]
}
