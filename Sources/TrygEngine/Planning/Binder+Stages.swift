import TrygDomain

extension Binder {
    mutating func bindStage(_ stage: Stage, _ plan: LogicalPlan, _ scope: Scope) throws(Diagnostic) -> (LogicalPlan, Scope) {
        switch stage.kind {
        case .filter(let e):
            let p = try bindExpr(e, scope)
            try expectBool(p, e.span, "where")
            return (.filter(plan, p), scope)

        case .groupBy(let keys, let aggs):
            for k in keys {
                try Binder.rejectParameter(k.expr, as: "group by")
                placeNumberWarning(k.expr, "group by", scope)
            }
            return try bindAggregate(plan, scope, keys: keys, aggregates: aggs, stage: stage)

        case .compute(let aggs):
            return try bindAggregate(plan, scope, keys: [], aggregates: aggs, stage: stage)

        case .count:
            let agg = BoundAggregate(kind: .count, argument: nil, name: "count", type: .int)
            let fields = [Field(name: "count", type: .int, role: .measure)]
            return (.aggregate(plan, keys: [], aggregates: [agg]), Scope(fields: fields, sourceName: scope.sourceName))

        case .distinct(let columns):
            return try bindDistinct(plan, scope, columns: columns, stage: stage)

        case .select(let items):
            var out: [(String, BoundExpr)] = []
            var fields: [Field] = []
            for item in items {
                switch item {
                case .star:
                    for f in scope.fields where !f.isUntouchedDerived {
                        out.append((f.name, .column(f.name, f.type)))
                        fields.append(f)
                    }
                case .starExcept(let names, _):
                    for n in names { _ = try scope.resolve(qualifier: nil, name: n, whole: n.span) }
                    let drop = Set(names.map(\.text))
                    for f in scope.fields where !drop.contains(f.name) && !f.isUntouchedDerived {
                        out.append((f.name, .column(f.name, f.type)))
                        fields.append(f)
                    }
                case .expr(let ne):
                    let b = try bindExpr(ne.expr, scope)
                    var name = ne.alias?.text ?? Binder.outputName(ne.expr, b, scope)
                    if ne.alias == nil, out.contains(where: { $0.0 == name }), case .column(let q?, let n) = ne.expr.kind {
                        name = "\(q.text).\(n.text)"
                    }
                    var f = Field(name: name, type: b.type)
                    if case .column(let src, _) = b, let orig = scope.field(named: src) {
                        f.role = orig.role
                        f.origin = orig.origin
                        f.qualifier = orig.qualifier
                    }
                    if let i = out.firstIndex(where: { $0.0 == name }) {
                        throw Diagnostic(.error, "column '\(name)' is selected twice", code: .duplicateName, span: ne.alias?.span ?? ne.expr.span,
                                         label: "name it with 'as'", notes: i >= 0 ? [] : [])
                    }
                    out.append((name, b))
                    fields.append(f)
                }
            }
            if fields.isEmpty, let first = items.first {
                let span: Span
                switch first {
                case .star(let sp), .starExcept(_, let sp): span = sp
                case .expr(let ne): span = ne.expr.span
                }
                throw Diagnostic(.error, "select keeps no column", code: .invalidValue, span: span,
                                 label: "'* except' names every column", notes: ["help: keep at least one column"])
            }
            var s = scope
            s.fields = fields
            s.resultOf = "select"
            // A name stays ambiguous only when `*` kept both sides' fields; a column selected by
            // name is the one its header shows.
            let starred = Set(items.contains { if case .expr = $0 { return false } else { return true } } ? scope.names : [])
            s.ambiguous = scope.ambiguous.filter { k, both in
                starred.contains(k) && fields.contains { $0.name == k } && both.contains { q in fields.contains { $0.name == q } }
            }
            return (.project(plan, out), s)

        case .derive(let items):
            var out: [(String, BoundExpr)] = scope.fields.map { ($0.name, .column($0.name, $0.type)) }
            var fields = scope.fields
            var s = scope
            // Each item sees the ones before it (`derive a = x + 1, b = a * 2`, as KQL's extend):
            // a name made in this stage stands for its expression over the stage's input.
            var made: [String: BoundExpr] = [:]
            for (name, e) in items {
                let b = try bindExpr(e, s).substituting(made)
                defer { made[name.text] = b }
                var f = Field(name: name.text, type: b.type)
                // A stored column under a new name keeps where its values come from (for the
                // warning when a compared value matches none of them); a calendar column's origin
                // would make the new one follow a replaced date.
                if case .column(let src, _) = b, let orig = scope.field(named: src)?.origin, case .stored = orig.column {
                    f.origin = orig
                }
                if let i = fields.firstIndex(where: { $0.name == name.text }) {
                    // The columns derived from the one replaced follow it (`halfyear` of a new
                    // `effort_start`); one that cannot be derived from the new value is gone.
                    var stale: [Int] = []
                    for (j, g) in fields.enumerated() {
                        guard let o = g.origin, case .derived(let kind, let source) = o.column, source < o.table.columnNames.count,
                              o.table.columnNames[source] == fields[i].name else { continue }
                        let call = Expr(.call(name: Name(text: kind.rawValue, span: e.span), args: [e], distinct: false), e.span)
                        if kind != .district, let again = (try? bindExpr(call, s))?.substituting(made) {
                            var h = Field(name: g.name, type: again.type)
                            h.rederived = g.isUntouchedDerived
                            fields[j] = h
                            out[j] = (g.name, again)
                        } else {
                            stale.append(j)
                        }
                    }
                    fields[i] = f
                    out[i] = (name.text, b)
                    for j in stale.reversed() {
                        fields.remove(at: j)
                        out.remove(at: j)
                    }
                } else {
                    fields.append(f)
                    out.append((name.text, b))
                }
                s.fields = fields
            }
            return (.project(plan, out), s)

        case .orderBy(let keys):
            var bound: [BoundSortKey] = []
            for k in keys {
                try Binder.rejectParameter(k.expr, as: "order by")
                placeNumberWarning(k.expr, "order by", scope)
                bound.append(BoundSortKey(expr: try bindExpr(k.expr, scope), descending: k.descending))
            }
            return (.sort(plan, bound), scope)

        case .limit(let n, _):
            return (.limit(plan, Int(n)), scope)

        case .top(let n, _, let key):
            try Binder.rejectParameter(key.expr, as: "top … by")
            let k = BoundSortKey(expr: try bindExpr(key.expr, scope), descending: key.direction ?? true)
            return (.topN(plan, Int(n), [k]), scope)

        case .join(let isLeft, let source, let alias, let on):
            return try bindJoin(plan, scope, isLeft: isLeft, source: source, alias: alias, on: on)

        case .pivot(let column, let measures):
            return try bindPivot(plan, scope, column: column, measures: measures)

        case .compare(let column, let from, let to):
            return try bindCompare(plan, scope, column: column, from: from, to: to, stage: stage)

        case .trend:
            return try bindTrend(plan, scope, stage: stage)

        case .suppress(let n, let span):
            suppressBelow = n
            suppressSpan = span
            return (plan, scope)

        case .chart(let kind, let column, let title, let file):
            guard let k = ChartHint.Kind(rawValue: kind.text.lowercased()) else {
                throw Diagnostic(.error, "unknown chart kind '\(kind.text)'", code: .invalidValue, span: kind.span, label: "write 'bar' or 'line'")
            }
            if let c = column {
                // `chart bar count` where no column is named so: the stage after a chart, as it reads.
                if Vocabulary.stage(c.text) != nil, (try? scope.resolve(qualifier: nil, name: c, whole: c.span)) == nil {
                    throw Diagnostic(.error, "chart must be the last stage", code: .stageOrder, span: stage.keywordSpan,
                                     label: "move it to the end of the query")
                }
                _ = try scope.resolve(qualifier: nil, name: c, whole: c.span)
            }
            if let file, ChartHint.imageFormat(of: file.text) == nil {
                let formats = ChartHint.imageFormats.map { "." + $0 }.joined(separator: ", ")
                throw Diagnostic(.error, "cannot tell the image format of '\(file.text)'", code: .invalidValue, span: file.span,
                                 label: "end the file name in \(formats)")
            }
            chart = ChartHint(kind: k, column: column?.text, title: title?.text, file: file?.text,
                              keys: scope.fields.filter { $0.role == .key }.map(\.name))
            return (plan, scope)
        }
    }

    func expectBool(_ e: BoundExpr, _ span: Span, _ stage: String) throws(Diagnostic) {
        guard e.type == .bool || e.type == .null else {
            throw Diagnostic(.error, "\(stage) needs a condition, but this is \(e.type)", code: .typeMismatch, span: span,
                             label: "compare it: e.g. = , >, contains, is null")
        }
    }
}
