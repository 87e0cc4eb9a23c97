import TrygDomain

/// Runs a logical plan over in-memory columns, operator by operator.
/// The fast paths the executor may take; each has a general path that gives the same result.
struct ExecutionKernels: Sendable {
    /// Predicates straight to selection vectors.
    var selection: Bool
    /// Array-indexed aggregation for small key domains.
    var denseAggregation: Bool
    /// Sums, averages, minima and maxima over a join from each side's multiplicities, without
    /// making the join's rows (`JoinAggregate`; counting a join never makes them).
    var joinAggregation = true

    static let all = ExecutionKernels(selection: true, denseAggregation: true)
    static let general = ExecutionKernels(selection: false, denseAggregation: false, joinAggregation: false)
}

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

    func select(_ rel: Relation, _ predicate: BoundExpr) throws(Diagnostic) -> [Int32] {
        let ev = Evaluator(relation: rel, cancellation: cancellation)
        return kernels.selection ? try ev.select(predicate, within: nil) : try ev.selection(predicate)
    }

    func run(_ plan: LogicalPlan) throws(Diagnostic) -> Table {
        try execute(plan).table(named: "result")
    }

    func execute(_ plan: LogicalPlan) throws(Diagnostic) -> Relation {
        try cancellation.check()
        switch plan {
        case .values(let t):
            return Relation(names: t.columnNames, columns: t.columns, count: t.rowCount)
        case .scan(let table, let cols):
            return Relation(names: cols.map(\.0), columns: cols.map { Executor.scanColumn(table, $0.1, domain: domain) },
                            count: table.rowCount)
        case .filter(let input, let predicate):
            let rel = try execute(input)
            let selection = try select(rel, predicate)
            if selection.count == rel.count { return rel }
            return try rel.gather(selection, cancellation)
        case .project(let input, let items):
            let rel = try execute(input)
            let ev = Evaluator(relation: rel, cancellation: cancellation)
            var cols: [Column] = []
            for (_, e) in items { cols.append(try ev.evaluate(e)) }
            return Relation(names: items.map(\.0), columns: cols, count: rel.count)
        case .aggregate(let input, let keys, let aggs):
            // Counting a join needs only how many rows it makes, not the rows.
            if keys.isEmpty, case .join(let node) = input, !aggs.isEmpty,
               aggs.allSatisfy({ $0.kind == .count && $0.argument == nil }) {
                let n = try HashJoin(cancellation: cancellation, budget: budget)
                    .count(node, left: try execute(node.left), right: try execute(node.right))
                return Relation(names: aggs.map(\.name), columns: aggs.map { _ in Column.constant(.int(Int64(n)), type: .int, count: 1) },
                                count: 1)
            }
            if keys.isEmpty, kernels.joinAggregation, case .join(let node) = input, JoinAggregate.applies(aggs) {
                return try JoinAggregate(cancellation: cancellation)
                    .run(node, left: try execute(node.left), right: try execute(node.right), aggregates: aggs)
            }
            // A filter right below an aggregate hands over its selection instead of gathering every column.
            if case .filter(let inner, let predicate) = input {
                let rel = try execute(inner)
                if kernels.denseAggregation, let filter = try Executor.foldableFilter(predicate, rel),
                   let result = try DenseAggregate(cancellation: cancellation)
                       .run(rel, selection: nil, keys: keys, aggregates: aggs, filter: filter) {
                    return try HashAggregate.ordered(result, keys: keys, cancellation: cancellation)
                }
                let selection = try select(rel, predicate)
                return try HashAggregate(cancellation: cancellation, dense: kernels.denseAggregation).run(rel, selection: selection, keys: keys, aggregates: aggs)
            }
            let rel = try execute(input)
            return try HashAggregate(cancellation: cancellation, dense: kernels.denseAggregation).run(rel, selection: nil, keys: keys, aggregates: aggs)
        case .sort(let input, let keys):
            let rel = try execute(input)
            let order = try Sorter(relation: rel, cancellation: cancellation).order(keys, limit: nil)
            return try rel.gather(order, cancellation)
        case .limit(let input, let n):
            let rel = try execute(input)
            if rel.count <= n || n < 0 { return rel }
            return rel.gather((0..<Int32(n)).map { $0 })
        case .topN(let input, let n, let keys):
            let rel = try execute(input)
            let order = try Sorter(relation: rel, cancellation: cancellation).order(keys, limit: n)
            return try rel.gather(order, cancellation)
        case .join(let node):
            return try HashJoin(cancellation: cancellation, budget: budget).run(node, left: try execute(node.left), right: try execute(node.right))
        case .pivot(let node):
            if let t = node.inputRows {
                return try Reshape.pivot(node, Relation(names: t.columnNames, columns: t.columns, count: t.rowCount))
            }
            return try Reshape.pivot(node, try execute(node.input))
        case .compare(let node):
            return try Reshape.compare(node, try execute(node.input))
        case .trend(let node):
            return try Reshape.trend(node, try execute(node.input), cancellation: cancellation)
        }
    }

    /// `column = "value"` on a text column with a small dictionary, as a filter the dense
    /// aggregation can fold into its grouping.
    static func foldableFilter(_ p: BoundExpr, _ rel: Relation) throws(Diagnostic) -> DenseAggregate.FilterKey? {
        guard case .call(.eq, let args, _, _) = p, args.count == 2 else { return nil }
        var column: String?, value: String?
        if case .column(let c, _) = args[0], case .literal(.text(let v), _) = args[1] { column = c; value = v }
        if case .column(let c, _) = args[1], case .literal(.text(let v), _) = args[0] { column = c; value = v }
        guard let column, let value, let c = rel.index(column).map({ rel.columns[$0] }),
              case .text(_, let dict) = c.storage, dict.values.count <= 64, let code = dict.code(of: value),
              c.nulls == nil || !dict.values.isEmpty else { return nil }
        return DenseAggregate.FilterKey(column: c, code: code)
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
