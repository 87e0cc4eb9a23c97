import TrygDomain

extension Binder {
    mutating func bindJoin(_ left: LogicalPlan, _ scope: Scope, isLeft: Bool, source: SourceRef,
                           on: [(Expr, Expr?)]) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let (right, rscope) = try bindSource(source)
        let rightName: String
        if case .table(let n) = source { rightName = n.text } else { rightName = "right" }
        var leftKeys: [String] = [], rightKeys: [String] = []
        var dropRight: Set<String> = []
        for (l, r) in on {
            guard case .column(let lq, let ln) = l.kind else {
                throw Diagnostic(.error, "join keys are columns", span: l.span, label: "e.g. join libraries on library = name")
            }
            let lf = try scope.resolve(qualifier: lq, name: ln, whole: l.span)
            let rf: Field
            if let r {
                guard case .column(let rq, let rn) = r.kind else {
                    throw Diagnostic(.error, "join keys are columns", span: r.span, label: "a column of \(rightName)")
                }
                rf = try rscope.resolve(qualifier: rq, name: rn, whole: r.span)
            } else {
                guard let f = rscope.field(named: ln.text) else {
                    throw rscope.unknown(ln, in: rightName)
                }
                rf = f
                dropRight.insert(f.name)
            }
            guard joinable(lf.type, rf.type) else {
                throw Diagnostic(.error, "cannot join \(lf.type) with \(rf.type)", span: r?.span ?? l.span,
                                 label: "join keys must have the same type")
            }
            leftKeys.append(lf.name)
            rightKeys.append(rf.name)
        }
        var fields = scope.fields
        var ambiguous = scope.ambiguous
        var rightNames: [String?] = []
        var renamedLeft: [String: String] = [:]
        let leftNames = Set(scope.fields.map(\.name))
        for f in rscope.fields {
            if dropRight.contains(f.name) { rightNames.append(nil); continue }
            var g = f
            g.qualifier = rightName
            if leftNames.contains(f.name), let i = fields.firstIndex(where: { $0.name == f.name }) {
                if case .derived? = f.origin?.column {
                    // The right side's derived column yields to the left's; reachable qualified.
                    g.name = "\(rightName).\(f.name)"
                } else if case .derived? = fields[i].origin?.column, case .stored? = f.origin?.column {
                    // A stored column beats a derived one of the same name (`district` from libraries).
                    fields[i].name = "\(fields[i].qualifier ?? scope.sourceName).\(f.name)"
                    renamedLeft[f.name] = fields[i].name
                } else {
                    g.name = "\(rightName).\(f.name)"
                    let leftQualified = fields[i].qualifier.map { "\($0).\(f.name)" } ?? f.name
                    ambiguous[f.name] = [leftQualified, g.name]
                }
            }
            if !isLeft { g.origin = f.origin } else { g.origin = nil }
            rightNames.append(g.name)
            fields.append(g)
        }
        // A left-side field named `left.x` must stay reachable as `x` only when unambiguous.
        var leftPlan = left
        if !renamedLeft.isEmpty {
            leftPlan = .project(left, scope.fields.map { f in (renamedLeft[f.name] ?? f.name, BoundExpr.column(f.name, f.type)) })
            leftKeys = leftKeys.map { renamedLeft[$0] ?? $0 }
        }
        let node = JoinNode(left: leftPlan, right: right, isLeft: isLeft, leftKeys: leftKeys, rightKeys: rightKeys,
                            rightNames: rightNames)
        var s = Scope(fields: fields, ambiguous: ambiguous, sourceName: scope.sourceName)
        // `incidents.library` must resolve to the left field.
        for i in s.fields.indices where s.fields[i].qualifier == nil { s.fields[i].qualifier = scope.sourceName }
        return (.join(node), s)
    }

    func joinable(_ a: DataType, _ b: DataType) -> Bool {
        a == b || (a.isNumeric && b.isNumeric) || (a == .date && b == .timestamp) || (a == .timestamp && b == .date)
    }

    func groupKeys(_ scope: Scope) -> [Field] { scope.fields.filter { $0.role == .key } }
    func measures(_ scope: Scope) -> [Field] { scope.fields.filter { $0.role == .measure } }

    mutating func bindPivot(_ plan: LogicalPlan, _ scope: Scope, column: Name,
                            aggregate: NamedExpr?) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let col = try scope.resolve(qualifier: nil, name: column, whole: column.span)
        guard col.role == .key else {
            throw Diagnostic(.error, "pivot needs '\(column.text)' to be a group key", span: column.span,
                             label: "group by \(column.text) first: … group by library, \(column.text) pivot \(column.text)")
        }
        let ms = measures(scope)
        var measure = ms.first
        if let aggregate {
            let name = aggregate.alias?.text ?? Binder.name(of: aggregate.expr)
            measure = ms.first { $0.name == name }
            if measure == nil {
                throw Diagnostic(.error, "pivot's measure '\(name)' is not computed by the group by", span: aggregate.expr.span,
                                 label: "measures here: \(ms.map(\.name).joined(separator: ", "))")
            }
        }
        guard let m = measure else {
            throw Diagnostic(.error, "pivot needs a measure", span: column.span, label: "group by … compute count first")
        }
        let keys = groupKeys(scope).filter { $0.name != col.name }
        let node = PivotNode(input: plan, keys: keys.map(\.name), column: col.name, measure: m.name,
                             zeroFill: m.name == "count" && m.type == .int)
        // The pivoted columns depend on the data; the scope keeps the row keys.
        return (.pivot(node), Scope(fields: keys, sourceName: scope.sourceName))
    }

    mutating func bindCompare(_ plan: LogicalPlan, _ scope: Scope, column: Name, from: Expr, to: Expr,
                              stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let col = try scope.resolve(qualifier: nil, name: column, whole: column.span)
        guard col.role == .key else {
            throw Diagnostic(.error, "compare needs input grouped by '\(column.text)'", span: column.span,
                             label: "add it to the group by: … group by library, \(column.text) compare …")
        }
        guard let m = measures(scope).first else {
            throw Diagnostic(.error, "compare needs a measure", span: stage.keywordSpan, label: "group by … compute count first")
        }
        let a = try constant(from, as: col, scope)
        let b = try constant(to, as: col, scope)
        let keys = groupKeys(scope).filter { $0.name != col.name }
        var fields = keys
        let la = a.display, lb = b.display
        fields.append(Field(name: la, type: m.type, role: .measure))
        fields.append(Field(name: lb == la ? lb + "_2" : lb, type: m.type, role: .measure))
        fields.append(Field(name: "change", type: m.type, role: .measure))
        fields.append(Field(name: "change_pct", type: .float, role: .measure))
        let node = CompareNode(input: plan, keys: keys.map(\.name), column: col.name, measure: m.name, from: a, to: b)
        return (.compare(node), Scope(fields: fields, sourceName: scope.sourceName))
    }

    /// A literal coerced to a field's type (for `compare`).
    mutating func constant(_ e: Expr, as field: Field, _ scope: Scope) throws(Diagnostic) -> Value {
        let bound = try bindExpr(e, scope)
        guard case .literal(let v, _) = bound else {
            throw Diagnostic(.error, "compare takes values, not expressions", span: e.span, label: "e.g. \"2022/23\"")
        }
        let c = try coerceLiteral(v, e.span, to: field)
        if let w = missingValueWarning(field, c, e.span) { warnings.append(w) }
        return c
    }

    mutating func bindTrend(_ plan: LogicalPlan, _ scope: Scope, stage: Stage) throws(Diagnostic) -> (LogicalPlan, Scope) {
        let keys = groupKeys(scope)
        let periodTypes: [DataType] = [.halfYear, .date, .timestamp]
        guard let period = keys.first(where: { periodTypes.contains($0.type) })
                ?? keys.first(where: { ["year", "month", "week"].contains($0.name) && $0.type == .int }) else {
            throw Diagnostic(.error, "trend needs a period among the group keys", span: stage.keywordSpan,
                             label: "group by a period first: … group by halfyear trend")
        }
        guard let m = measures(scope).first else {
            throw Diagnostic(.error, "trend needs a measure", span: stage.keywordSpan, label: "group by … compute count first")
        }
        var fields = scope.fields
        fields.append(Field(name: "change", type: m.type, role: .measure))
        fields.append(Field(name: "change_pct", type: .float, role: .measure))
        let others = keys.filter { $0.name != period.name }.map(\.name)
        return (.trend(TrendNode(input: plan, keys: others, period: period.name, measure: m.name)),
                Scope(fields: fields, sourceName: scope.sourceName))
    }
}
