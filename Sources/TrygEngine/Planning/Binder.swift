import TrygDomain

/// A query bound to a logical plan, with the warnings binding found.
struct BoundQuery: Sendable {
    let plan: LogicalPlan
    let fields: [Field]
    let warnings: [Diagnostic]
    let chart: ChartHint?
    /// `suppress below N`: N, and the result's count columns.
    var suppress: (below: Int64, counts: Set<String>, rowCount: String?, measures: Set<String>, keys: [String])? = nil
}

/// Resolves names and types and turns the AST into a logical plan.
struct Binder {
    let catalog: Catalog
    let domain: DomainContext
    var warnings: [Diagnostic] = []
    var chart: ChartHint?
    var suppressBelow: Int64?
    /// Where the query's own `suppress` stage is (nil for `--suppress`, which every result takes).
    var suppressSpan: Span?
    /// Polled when binding has to read data (a pivot's values); the session's flag.
    var cancellation = CancellationFlag()
    var kernels = ExecutionKernels.all
    /// The connected server and its cache of column values, asked for the values of its tables' columns.
    var server: (database: any RemoteDatabase, values: ServerValues)?

    init(catalog: Catalog, domain: DomainContext) {
        self.catalog = catalog
        self.domain = domain
    }

    mutating func bind(_ query: QueryAST) throws(Diagnostic) -> BoundQuery {
        let (plan, scope) = try bindQuery(query)
        var bound = BoundQuery(plan: plan, fields: scope.fields, warnings: warnings, chart: chart)
        if let n = suppressBelow {
            // Count cells: the result's `count` of rows when it has one, else its int measures
            // (pivot cells, compare's values); every other measure of a row goes with its count.
            let rowCount = scope.fields.first { $0.role == .measure && $0.countsRows }?.name
            let counts = rowCount.map { [$0] }
                ?? scope.fields.filter { $0.role == .measure && $0.type == .int && $0.name != "change" }.map(\.name)
            let measures = scope.fields.filter { $0.role == .measure }.map(\.name)
            // A share or percent tells a group's count from the total: without the count itself,
            // nothing says which groups are small.
            if counts.isEmpty, let span = suppressSpan, scope.fields.contains(where: { $0.role == .key }),
               let measure = scope.fields.first(where: { $0.role == .measure }) {
                throw Diagnostic(.error, "suppress needs the groups' count of rows; \(measure.name) alone can give small groups away",
                                 code: .query, span: span,
                                 notes: ["help: compute count beside it (compute count, \(measure.name)), so small groups are found and hidden"])
            }
            let keys = scope.fields.filter { $0.role == .key }.map(\.name)
            bound.suppress = (n, Set(counts), rowCount, Set(measures), keys)
        }
        return bound
    }

    mutating func bindQuery(_ query: QueryAST) throws(Diagnostic) -> (LogicalPlan, Scope) {
        var (plan, scope) = try bindSource(query.source)
        for (i, stage) in query.stages.enumerated() {
            if case .suppress = stage.kind, query.stages[(i + 1)...].contains(where: {
                if case .chart = $0.kind { return false } else { return true }
            }) {
                throw Diagnostic(.error, "suppress must come last (before a chart)", code: .stageOrder, span: stage.keywordSpan,
                                 label: "move it to the end of the query")
            }
            if case .chart = stage.kind, i != query.stages.count - 1 {
                throw Diagnostic(.error, "chart must be the last stage", code: .stageOrder, span: stage.keywordSpan,
                                 label: "move it to the end of the query")
            }
            (plan, scope) = try bindStage(stage, plan, scope)
        }
        // Without a stage that shapes the output, show the stored columns, as `select *` does;
        // derived columns are there by name.
        let shaping = query.stages.contains { stage in
            switch stage.kind {
            case .select, .distinct, .derive, .groupBy, .compute, .count, .pivot, .compare, .trend: return true
            default: return false
            }
        }
        if !shaping, scope.fields.contains(where: \.isUntouchedDerived) {
            let kept = scope.fields.filter { !$0.isUntouchedDerived }
            plan = .project(plan, kept.map { ($0.name, BoundExpr.column($0.name, $0.type)) })
            scope.fields = kept
        }
        return (plan, scope)
    }

    mutating func bindSource(_ source: SourceRef) throws(Diagnostic) -> (LogicalPlan, Scope) {
        switch source {
        case .query(let q, _):
            var (plan, scope) = try bindQuery(q)
            scope.sourceName = "the sub-query"
            return (plan, scope)
        case .table(let name):
            // An exact name first, then the one table whose name matches ignoring case.
            guard let found = try Scope.match(name, in: catalog.names, kind: "table"), let table = catalog.table(found) else {
                let names = catalog.names
                let near = Suggest.nearest(name.text, in: names)
                throw Diagnostic(.error, "unknown table '\(Diagnostic.shown(name.text))'", code: .unknownTable, span: name.span,
                                 label: near.map { "did you mean '\($0)'?" } ?? "not a table",
                                 notes: ["help: tables are \(names.isEmpty ? "(none loaded)" : names.joined(separator: ", "))"])
            }
            return scan(table)
        }
    }

    /// A scan of every stored and derived column; pruning later keeps only those used.
    func scan(_ table: Table) -> (LogicalPlan, Scope) {
        var cols: [(String, ScanColumn)] = []
        var fields: [Field] = []
        for (i, n) in table.columnNames.enumerated() {
            cols.append((n, .stored(i)))
            fields.append(Field(name: n, type: table.columns[i].type,
                                origin: FieldOrigin(table: table, column: .stored(i)), qualifier: table.name))
        }
        for (kind, source) in DerivedColumns.available(in: table) {
            cols.append((kind.rawValue, .derived(kind, source: source)))
            fields.append(Field(name: kind.rawValue, type: kind.type,
                                origin: FieldOrigin(table: table, column: .derived(kind, source: source)),
                                qualifier: table.name))
        }
        return (.scan(table, cols), Scope(fields: fields, sourceName: table.name))
    }
}
