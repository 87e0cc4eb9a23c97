extension Binder {
    /// `distinct [COL, …]`: one row per distinct combination of the columns (every shown column
    /// when none are named), in key order, as `group by` without a measure.
    mutating func bindDistinct(_ plan: LogicalPlan, _ scope: Scope, columns: [Name],
                               stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        var names: [Name] = columns
        if names.isEmpty {
            names = scope.fields.filter { !$0.isUntouchedDerived }.map { Name(text: $0.name, span: stage.keywordSpan) }
        }
        var keys: [(String, BoundExpr)] = []
        var fields: [Field] = []
        for n in names {
            let f = try scope.resolve(qualifier: nil, name: n, whole: n.span)
            guard !keys.contains(where: { $0.0 == f.name }) else {
                throw Diagnostic(.error, "column '\(f.name)' appears twice", code: .duplicateName, span: n.span, label: "remove one")
            }
            keys.append((f.name, .column(f.name, f.type)))
            var out = Field(name: f.name, type: f.type, role: .key)
            out.origin = f.origin
            fields.append(out)
        }
        return (.aggregate(plan, keys: keys, aggregates: []), Scope(fields: fields, sourceName: scope.sourceName))
    }
}
