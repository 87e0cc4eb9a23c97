import TrygDomain

/// The fast paths the planner may choose; each has a general path that gives the same result.
/// Tests turn them off (`.general`) to compare.
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

/// Chooses each operator's kernel once, from the optimised logical plan and the statistics of
/// the columns it reads (dictionary sizes, the known ranges of calendar codes and categories).
///
/// The model is DuckDB's `plan_aggregate.cpp`, which picks its perfect-hash aggregate when the
/// group keys' statistics show small domains. A column the statistics can be traced to is one
/// read by a scan (or a table of values) through filters, sorts, limits and renaming
/// projections; a key computed by an expression or made by a join has statistics only when
/// it runs, and the dense kernel then checks them there and hands over to the hash table when
/// they do not fit.
struct PhysicalPlanner {
    let kernels: ExecutionKernels
    let domain: DomainContext

    func plan(_ logical: LogicalPlan) -> PhysicalPlan {
        let chosen = kernel(logical)
        var inputs = logical.children.map(plan)
        // A filter folded into the aggregate above is not run on its own.
        if case .denseFolded = chosen, let filter = inputs.first, case .filter = filter.logical {
            inputs[0] = PhysicalPlan(logical: filter.logical, kernel: .foldedIntoAggregate, inputs: filter.inputs)
        }
        return PhysicalPlan(logical: logical, kernel: chosen, inputs: inputs)
    }

    private func kernel(_ logical: LogicalPlan) -> PhysicalPlan.Kernel {
        switch logical {
        case .filter: return kernels.selection ? .selectionVector : .booleanColumn
        case .aggregate(let input, let keys, let aggs): return aggregateKernel(input, keys, aggs)
        default: return .standard
        }
    }

    private func aggregateKernel(_ input: LogicalPlan, _ keys: [(String, BoundExpr)],
                                 _ aggs: [BoundAggregate]) -> PhysicalPlan.Kernel {
        if keys.isEmpty, case .join = input, !aggs.isEmpty, aggs.allSatisfy({ $0.kind == .count && $0.argument == nil }) {
            return .joinCount
        }
        if keys.isEmpty, kernels.joinAggregation, case .join = input, JoinAggregate.applies(aggs) { return .joinAggregate }
        guard kernels.denseAggregation, DenseAggregate.accepts(aggs) else { return .hash }
        if !keys.isEmpty, case .filter(let inner, let predicate) = input, let folded = foldable(predicate, inner) {
            return .denseFolded(column: folded.column, value: folded.value)
        }
        var groups = 1
        var known = true
        for (_, key) in keys {
            // Only a key that is a column has codes; decimals and floats have none.
            guard case .column(let name, let type) = key, DenseAggregate.hasCodes(type) else { return .hash }
            // Plain text (mostly different values) has no codes to index by.
            if column(name, in: input)?.textLayout == .plain { return .hash }
            guard let column = column(name, in: input), let k = DenseAggregate.knownCardinality(column) else {
                known = false
                continue
            }
            let (product, overflow) = groups.multipliedReportingOverflow(by: k)
            if overflow || product > DenseAggregate.maxDomain { return .hash }
            groups = product
        }
        return .dense(groups: known ? groups : nil)
    }

    /// `column = "text"` on a column whose dictionary is small and holds the value: the filter
    /// the dense kernel folds into its grouping.
    private func foldable(_ predicate: BoundExpr, _ input: LogicalPlan) -> (column: String, value: String)? {
        guard let (name, value) = Executor.columnEqualsText(predicate), let c = column(name, in: input),
              DenseAggregate.FilterKey(column: c, value: value) != nil else { return nil }
        return (name, value)
    }

    /// The column `name` of `plan`'s output when it is a stored (or derived) column of a table,
    /// read through filters, sorts, limits and projections that only pass it on; nil otherwise.
    func column(_ name: String, in plan: LogicalPlan) -> Column? {
        switch plan {
        case .scan(let table, let columns):
            guard let c = columns.first(where: { $0.0 == name }) else { return nil }
            return Executor.scanColumn(table, c.1, domain: domain)
        case .values(let table):
            return table.columnIndex(name).map { table.columns[$0] }
        case .filter(let input, _), .sort(let input, _), .limit(let input, _), .topN(let input, _, _):
            return column(name, in: input)
        case .project(let input, let items):
            guard let item = items.first(where: { $0.0 == name }), case .column(let source, _) = item.1 else { return nil }
            return column(source, in: input)
        default:
            return nil
        }
    }
}
