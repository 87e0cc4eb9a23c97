/// The fields visible to a stage, with the names a join made ambiguous.
struct Scope {
    var fields: [Field]
    /// Bare names that stand for more than one field after a join → the qualified names.
    var ambiguous: [String: [String]] = [:]
    /// The source's name, for messages (`unknown column 'x' in incidents`).
    var sourceName: String
    /// The stage whose result this is, when not the source's rows (`group by`): messages
    /// then name it (`unknown column 'severity' in the result of group by`).
    var resultOf: String?
    /// Per joined table, the key columns `join t on k` merged into the left side's (`t.k`).
    var mergedKeys: [String: Set<String>] = [:]

    func field(named name: String) -> Field? { fields.first { $0.name == name } }

    var names: [String] { fields.map(\.name) }

    /// Resolves `name` or `qualifier.name` to a field: an exact match first, then the one field
    /// whose name matches ignoring case (`bibliotek` finds `Bibliotek`); two such are an error.
    func resolve(qualifier: Name?, name: Name, whole: Span) throws(Diagnostic) -> Field {
        if let q = qualifier {
            let qualifiers = Array(Set(fields.compactMap(\.qualifier))).sorted()
            guard let table = try Scope.match(q, in: qualifiers, kind: "table") else {
                throw Diagnostic(.error, "no table '\(q.text)' in this query", code: .unknownTable, span: q.span,
                                 label: Suggest.nearest(q.text, in: qualifiers).map { "did you mean '\($0)'?" }
                                     ?? "tables here: \(qualifiers.joined(separator: ", "))")
            }
            let candidates = fields.filter { $0.qualifier == table }
            if let n = try Scope.match(name, in: candidates.map(\.bareName), kind: "column"),
               let f = candidates.first(where: { $0.bareName == n }) {
                return f
            }
            // `join t on k` makes one column `k` of both sides' keys: `t.k` is that column.
            if mergedKeys[table]?.contains(name.text) == true, let key = fields.first(where: { $0.bareName == name.text }) {
                throw Diagnostic(.error, "'\(table).\(name.text)' is the join key, one column of both sides",
                                 code: .unknownColumn, span: name.span, label: "write \(key.name)",
                                 notes: ["note: a join on a name both tables have keeps one '\(name.text)'"])
            }
            throw unknown(name, in: table)
        }
        let visible = names + ambiguous.keys.filter { field(named: $0) == nil }
        guard let n = try Scope.match(name, in: visible, kind: "column") else { throw unknown(name, in: shownName) }
        if let both = ambiguous[n] {
            throw Diagnostic(.error, "column '\(n)' is in both sides of the join", code: .ambiguousName, span: name.span,
                             label: "write \(both.map { "'\($0)'" }.joined(separator: " or "))")
        }
        if let f = field(named: n) { return f }
        throw unknown(name, in: shownName)
    }

    /// The name `name` stands for among `names`: itself, or the one name equal ignoring case;
    /// nil when none; an error naming them when several differ only in case.
    static func match(_ name: Name, in names: [String], kind: String) throws(Diagnostic) -> String? {
        if names.contains(name.text) { return name.text }
        let folded = name.text.lowercased()
        var seen: [String] = []
        for n in names where n.lowercased() == folded && !seen.contains(n) { seen.append(n) }
        if seen.count > 1 {
            throw Diagnostic(.error, "'\(Diagnostic.shown(name.text))' could be any of \(seen.count) \(kind)s", code: .ambiguousName, span: name.span,
                             label: "write \(seen.map { "`\($0)`" }.joined(separator: " or ")) exactly")
        }
        return seen.first
    }

    /// Where the columns come from, for messages.
    var shownName: String { resultOf.map { "the result of \($0)" } ?? sourceName }

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
        return Diagnostic(.error, "unknown column '\(Diagnostic.shown(name.text))' in \(where_)", code: .unknownColumn, span: name.span, label: label, notes: notes)
    }
}

extension Field {
    /// The name without the `table.` a join put in front of it.
    var bareName: String {
        guard let q = qualifier, name.hasPrefix(q + ".") else { return name }
        return String(name.dropFirst(q.count + 1))
    }
}
