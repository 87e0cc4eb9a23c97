/// The fields visible to a stage, with the names a join made ambiguous.
struct Scope {
    var fields: [Field]
    /// Bare names that stand for more than one field after a join → the qualified names.
    var ambiguous: [String: [String]] = [:]
    /// The source's name, for messages (`unknown column 'x' in incidents`).
    var sourceName: String

    func field(named name: String) -> Field? { fields.first { $0.name == name } }

    var names: [String] { fields.map(\.name) }

    /// Resolves `name` or `qualifier.name` to a field.
    func resolve(qualifier: Name?, name: Name, whole: Span) throws(Diagnostic) -> Field {
        if let q = qualifier {
            if let f = fields.first(where: { $0.name == "\(q.text).\(name.text)" }) { return f }
            if let f = fields.first(where: { $0.name == name.text && $0.qualifier == q.text }) { return f }
            let qualifiers = Set(fields.compactMap(\.qualifier))
            if !qualifiers.contains(q.text) {
                let hint = Suggest.nearest(q.text, in: Array(qualifiers).sorted())
                throw Diagnostic(.error, "no table '\(q.text)' in this query", span: q.span,
                                 label: hint.map { "did you mean '\($0)'?" } ?? "tables here: \(qualifiers.sorted().joined(separator: ", "))")
            }
            throw unknown(name, in: "\(q.text)")
        }
        if let both = ambiguous[name.text] {
            throw Diagnostic(.error, "column '\(name.text)' is ambiguous after the join", span: name.span,
                             label: "write \(both.map { "'\($0)'" }.joined(separator: " or "))")
        }
        if let f = field(named: name.text) { return f }
        throw unknown(name, in: sourceName)
    }

    func unknown(_ name: Name, in where_: String) -> Diagnostic {
        let near = Suggest.nearest(name.text, in: names, max: 3)
        let label: String
        if let first = near.first {
            label = "did you mean '\(first)'?"
        } else {
            label = "not a column here"
        }
        var notes: [String] = []
        if near.isEmpty {
            notes.append("help: columns are \(names.prefix(20).joined(separator: ", "))\(names.count > 20 ? ", …" : "")")
        }
        return Diagnostic(.error, "unknown column '\(name.text)' in \(where_)", span: name.span, label: label, notes: notes)
    }
}
