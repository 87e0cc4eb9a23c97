/// The plan the executor runs: the optimised logical plan, node for node, with the kernel of
/// each operator that has a choice, chosen once by `PhysicalPlanner`.
///
/// `explain` prints it under "physical plan:", as DataFusion's EXPLAIN shows its physical plan.
struct PhysicalPlan {
    let logical: LogicalPlan
    let kernel: Kernel
    /// The plans of `logical.children`, in that order.
    let inputs: [PhysicalPlan]

    /// How an operator runs. Each fast kernel has a general one that gives the same result
    /// (the kernel-equivalence tests compare them).
    enum Kernel: Equatable {
        /// The operator has one way to run.
        case standard
        /// A filter: the predicate evaluated into a selection vector of row numbers, with fast
        /// paths for comparisons on dictionary codes and one-byte calendar codes.
        case selectionVector
        /// A filter: the predicate evaluated as a column of booleans, row by row.
        case booleanColumn
        /// A filter the aggregate above folds into its grouping (`denseFolded`); should the
        /// fold not apply when it runs, it is a selection vector.
        case foldedIntoAggregate
        /// `count` over a join: how many rows it would make, from each key's multiplicities.
        case joinCount
        /// Sums, averages, minima and maxima over a join from multiplicities (`JoinAggregate`).
        case joinAggregate
        /// Array-indexed aggregation with `column = value` folded into the grouping: one pass
        /// over all rows instead of a selection vector (`DenseAggregate.FilterKey`).
        case denseFolded(column: String, value: String)
        /// Array-indexed aggregation over the keys' codes; `groups` is the size of the array
        /// (nil when the statistics are known only when it runs, and then a key whose codes
        /// do not fit hands the work to the hash table).
        case dense(groups: Int?)
        /// A hash table of the key values.
        case hash
    }

    /// The kernel as `explain` shows it; nil for `.standard`.
    var kernelText: String? {
        switch kernel {
        case .standard: return nil
        case .selectionVector: return "selection vector"
        case .booleanColumn: return "boolean column"
        case .foldedIntoAggregate: return "folded into the aggregate"
        case .joinCount: return "join count: multiplicities, no join rows"
        case .joinAggregate: return "join aggregate: multiplicities, no join rows"
        case .denseFolded(let c, let v): return "dense aggregate, filter \(c) = \"\(v)\" folded into the grouping"
        case .dense(let groups?): return "dense aggregate: \(PlanPrinter.format(groups)) slots"
        case .dense(nil): return "dense aggregate if the keys' codes fit (checked when it runs), else hash"
        case .hash: return "hash aggregate"
        }
    }
}
