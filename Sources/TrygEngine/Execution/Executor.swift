import TrygDomain

/// Runs a physical plan over in-memory columns, operator by operator, with the kernels the
/// `PhysicalPlanner` chose.
struct Executor {
    let cancellation: CancellationFlag
    let domain: DomainContext
    let kernels: ExecutionKernels
    let budget: MemoryBudget

    init(cancellation: CancellationFlag, domain: DomainContext = .standard, kernels: ExecutionKernels = .all,
         budget: MemoryBudget = .standard) {
        self.cancellation = cancellation
        self.domain = domain
        self.kernels = kernels
        self.budget = budget
    }

    /// Plans (choosing kernels) and runs an optimised logical plan.
    func run(_ plan: LogicalPlan) throws(Diagnostic) -> Table {
        try execute(PhysicalPlanner(kernels: kernels, domain: domain).plan(plan)).table(named: "result")
    }

    func select(_ rel: Relation, _ predicate: BoundExpr, _ kernel: PhysicalPlan.Kernel) throws(Diagnostic) -> [Int32] {
        let ev = Evaluator(relation: rel, cancellation: cancellation)
        return kernel == .booleanColumn ? try ev.selection(predicate) : try ev.select(predicate, within: nil)
    }

    func execute(_ plan: PhysicalPlan) throws(Diagnostic) -> Relation {
        try cancellation.check()
        switch plan.logical {
        case .values(let t):
            return Relation(names: t.columnNames, columns: t.columns, count: t.rowCount)
        case .scan(let table, let cols):
            return Relation(names: cols.map(\.0), columns: cols.map { Executor.scanColumn(table, $0.1, domain: domain) },
                            count: table.rowCount)
        case .filter(_, let predicate):
            let rel = try execute(plan.inputs[0])
            let selection = try select(rel, predicate, plan.kernel)
            if selection.count == rel.count { return rel }
            return try rel.gather(selection, cancellation)
        case .project(_, let items):
            let rel = try execute(plan.inputs[0])
            let ev = Evaluator(relation: rel, cancellation: cancellation)
            var cols: [Column] = []
            for (_, e) in items { cols.append(try ev.evaluate(e)) }
            return Relation(names: items.map(\.0), columns: cols, count: rel.count)
        case .aggregate(_, let keys, let aggs):
            return try aggregate(plan, keys: keys, aggregates: aggs)
        case .sort(_, let keys):
            let rel = try execute(plan.inputs[0])
            let order = try Sorter(relation: rel, cancellation: cancellation).order(keys, limit: nil)
            return try rel.gather(order, cancellation)
        case .limit(_, let n):
            let rel = try execute(plan.inputs[0])
            if rel.count <= n || n < 0 { return rel }
            return rel.gather((0..<Int32(n)).map { $0 })
        case .topN(_, let n, let keys):
            let rel = try execute(plan.inputs[0])
            let order = try Sorter(relation: rel, cancellation: cancellation).order(keys, limit: n)
            return try rel.gather(order, cancellation)
        case .join(let node):
            return try HashJoin(cancellation: cancellation, budget: budget)
                .run(node, left: try execute(plan.inputs[0]), right: try execute(plan.inputs[1]))
        case .pivot(let node):
            if let t = node.inputRows {
                return try Reshape.pivot(node, Relation(names: t.columnNames, columns: t.columns, count: t.rowCount))
            }
            return try Reshape.pivot(node, try execute(plan.inputs[0]))
        case .compare(let node):
            return try Reshape.compare(node, try execute(plan.inputs[0]))
        case .trend(let node):
            return try Reshape.trend(node, try execute(plan.inputs[0]), cancellation: cancellation)
        }
    }

    /// `group by … compute` and `compute` with the planned kernel. A filter right below hands
    /// over its selection instead of gathering every column.
    private func aggregate(_ plan: PhysicalPlan, keys: [(String, BoundExpr)],
                           aggregates aggs: [BoundAggregate]) throws(Diagnostic) -> Relation {
        let input = plan.inputs[0]
        if case .join(let node) = input.logical {
            switch plan.kernel {
            case .joinCount:
                let n = try HashJoin(cancellation: cancellation, budget: budget)
                    .count(node, left: try execute(input.inputs[0]), right: try execute(input.inputs[1]))
                return Relation(names: aggs.map(\.name),
                                columns: aggs.map { _ in Column.constant(.int(Int64(n)), type: .int, count: 1) }, count: 1)
            case .joinAggregate:
                return try JoinAggregate(cancellation: cancellation)
                    .run(node, left: try execute(input.inputs[0]), right: try execute(input.inputs[1]), aggregates: aggs)
            default: break
            }
        }
        let rel: Relation
        var selection: [Int32]?
        if case .filter(_, let predicate) = input.logical {
            rel = try execute(input.inputs[0])
            if case .denseFolded(let name, let value) = plan.kernel, let column = rel.index(name).map({ rel.columns[$0] }),
               let filter = DenseAggregate.FilterKey(column: column, value: value),
               let result = try DenseAggregate(cancellation: cancellation)
                   .run(rel, selection: nil, keys: keys, aggregates: aggs, filter: filter) {
                return try HashAggregate.ordered(result, keys: keys, cancellation: cancellation)
            }
            selection = try select(rel, predicate, input.kernel)
        } else {
            rel = try execute(input)
        }
        switch plan.kernel {
        case .dense, .denseFolded:
            if let result = try DenseAggregate(cancellation: cancellation)
                .run(rel, selection: selection, keys: keys, aggregates: aggs) {
                return try HashAggregate.ordered(result, keys: keys, cancellation: cancellation)
            }
        default: break
        }
        return try HashAggregate(cancellation: cancellation).run(rel, selection: selection, keys: keys, aggregates: aggs)
    }

    /// `column = "text"` (either way round): the column's name and the text.
    static func columnEqualsText(_ p: BoundExpr) -> (String, String)? {
        guard case .call(.eq, let args, _, _) = p, args.count == 2 else { return nil }
        if case .column(let c, _) = args[0], case .literal(.text(let v), _) = args[1] { return (c, v) }
        if case .column(let c, _) = args[1], case .literal(.text(let v), _) = args[0] { return (c, v) }
        return nil
    }

    /// A stored column, or a derived one computed once per table and cached.
    static func scanColumn(_ table: Table, _ column: ScanColumn, domain: DomainContext) -> Column {
        switch column {
        case .stored(let i):
            return table.columns[i]
        case .derived(let kind, let source):
            return table.derived("\(kind.rawValue):\(source)") {
                DerivedKernels.compute(kind, from: table.columns[source], domain: domain)
            }
        }
    }
}
