import TrygDomain

extension Binder {
    /// `[left] join SOURCE [as ALIAS] on …`. A name both sides have, stored or derived, keeps
    /// the left field under its name and the right one as `ALIAS.name`; the bare name is then an
    /// error naming both (`t.year` or `u.year`), never a silent pick of a side.
    mutating func bindJoin(_ left: LogicalPlan, _ scope: Scope, isLeft: Bool, source: SourceRef, alias: Name?,
                           on: [(Expr, Expr?)]) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let (right, rscope) = try bindSource(source)
        let rightName: String
        if let alias {
            rightName = alias.text
        } else if case .table = source {
            rightName = rscope.sourceName
        } else {
            rightName = "right"
        }
        if rightName == scope.sourceName || scope.fields.contains(where: { $0.qualifier == rightName }) {
            let span = alias?.span ?? source.span
            throw Diagnostic(.error, "'\(rightName)' is already a name in this query", code: .duplicateName, span: span,
                             label: "name the joined table: join \(rightName) as \(rightName)2 on …")
        }
        let (leftKeys, rightKeys, dropRight) = try joinKeys(on, scope, rscope, rightName: rightName)
        var fields = scope.fields
        var ambiguous = scope.ambiguous
        var rightNames: [String?] = []
        for f in rscope.fields {
            if dropRight.contains(f.name) { rightNames.append(nil); continue }
            var g = f
            g.qualifier = rightName
            if let i = fields.firstIndex(where: { $0.name == f.name }) {
                g.name = "\(rightName).\(f.name)"
                let leftQualified = "\(fields[i].qualifier ?? scope.sourceName).\(f.name)"
                ambiguous[f.name] = [leftQualified, g.name]
            }
            rightNames.append(g.name)
            fields.append(g)
        }
        let node = JoinNode(left: left, right: right, isLeft: isLeft, leftKeys: leftKeys, rightKeys: rightKeys,
                            rightNames: rightNames)
        var s = Scope(fields: fields, ambiguous: ambiguous, sourceName: scope.sourceName)
        s.mergedKeys = scope.mergedKeys
        if !dropRight.isEmpty { s.mergedKeys[rightName] = Set(dropRight) }
        // `incidents.library` must resolve to the left field.
        for i in s.fields.indices where s.fields[i].qualifier == nil { s.fields[i].qualifier = scope.sourceName }
        return (.join(node), s)
    }

    /// The key columns of each side; `on COL` (one name for both) leaves the right copy out.
    func joinKeys(_ on: [(Expr, Expr?)], _ scope: Scope, _ rscope: Scope,
                  rightName: String) throws(Diagnostic) -> ([String], [String], Set<String>) {
        var leftKeys: [String] = [], rightKeys: [String] = []
        var dropRight: Set<String> = []
        for (l, r) in on {
            guard case .column(let lq, let ln) = l.kind else {
                throw Diagnostic(.error, "join keys are columns", code: .invalidJoin, span: l.span, label: "e.g. join libraries on library = name")
            }
            let lf = try scope.resolve(qualifier: lq, name: ln, whole: l.span)
            let rf: Field
            if let r {
                guard case .column(let rq, let rn) = r.kind else {
                    throw Diagnostic(.error, "join keys are columns", code: .invalidJoin, span: r.span, label: "a column of \(rightName)")
                }
                // `on g = t2.g`: the right side's own qualifier is its alias here.
                let q = rq.map { Name(text: $0.text == rightName ? rscope.sourceName : $0.text, span: $0.span) }
                rf = try rscope.resolve(qualifier: q, name: rn, whole: r.span)
            } else {
                rf = try rscope.resolve(qualifier: nil, name: ln, whole: l.span)
                dropRight.insert(rf.name)
            }
            guard joinable(lf.type, rf.type) else {
                throw Diagnostic(.error, "cannot join \(lf.type) with \(rf.type)", code: .typeMismatch, span: r?.span ?? l.span,
                                 label: "join keys must have the same type")
            }
            leftKeys.append(lf.name)
            rightKeys.append(rf.name)
        }
        return (leftKeys, rightKeys, dropRight)
    }

    func joinable(_ a: DataType, _ b: DataType) -> Bool {
        a == b || (a.isNumeric && b.isNumeric) || (a == .date && b == .timestamp) || (a == .timestamp && b == .date)
    }
}
