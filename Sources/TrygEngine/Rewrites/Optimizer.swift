/// A rewrite rule with the name `explain` prints.
protocol RewriteRule: Sendable {
    var name: String { get }
    func apply(_ plan: LogicalPlan) -> LogicalPlan
}

/// Runs the rewrite rules in order, by name.
struct Optimizer: Sendable {
    let rules: [any RewriteRule]

    static let standard = Optimizer(rules: [ConstantFolding(), FilterPushDown(), LimitSortToTopN(), ColumnPruning()])

    func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        rules.reduce(plan) { $1.apply($0) }
    }

    /// The plan after each rule, for `explain`.
    func trace(_ plan: LogicalPlan) -> [(rule: String, plan: LogicalPlan)] {
        var out: [(String, LogicalPlan)] = []
        var p = plan
        for r in rules {
            p = r.apply(p)
            out.append((r.name, p))
        }
        return out
    }
}

extension LogicalPlan {
    /// The plan's output column names.
    var outputNames: [String]? {
        switch self {
        case .scan(_, let cols): return cols.map(\.0)
        case .values(let t): return t.columnNames
        case .filter(let i, _), .sort(let i, _), .limit(let i, _), .topN(let i, _, _): return i.outputNames
        case .project(_, let items): return items.map(\.0)
        case .aggregate(_, let keys, let aggs): return keys.map(\.0) + aggs.map(\.name)
        case .join(let j):
            guard let l = j.left.outputNames else { return nil }
            return l + j.rightNames.compactMap { $0 }
        case .pivot(let p): return p.keys + p.cellNames
        case .compare(let c): return c.keys + c.names
        case .trend(let t): return t.input.outputNames.map { $0 + ["change", "change_pct"] }
        }
    }

    /// Rebuilds the node with new children (same order as `children`).
    func with(children c: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(_, let p): return .filter(c[0], p)
        case .project(_, let items): return .project(c[0], items)
        case .aggregate(_, let k, let a): return .aggregate(c[0], keys: k, aggregates: a)
        case .sort(_, let k): return .sort(c[0], k)
        case .limit(_, let n): return .limit(c[0], n)
        case .topN(_, let n, let k): return .topN(c[0], n, k)
        case .join(let j):
            return .join(JoinNode(left: c[0], right: c[1], isLeft: j.isLeft, leftKeys: j.leftKeys,
                                  rightKeys: j.rightKeys, rightNames: j.rightNames))
        case .pivot(var p):
            p.input = c[0]
            return .pivot(p)
        case .compare(var x):
            x.input = c[0]
            return .compare(x)
        case .trend(var t):
            t.input = c[0]
            return .trend(t)
        }
    }

    /// Applies `f` to every expression of this node (not the children).
    func mapExpressions(_ f: (BoundExpr) -> BoundExpr) -> LogicalPlan {
        switch self {
        case .filter(let i, let p): return .filter(i, f(p))
        case .project(let i, let items): return .project(i, items.map { ($0.0, f($0.1)) })
        case .aggregate(let i, let k, let a):
            return .aggregate(i, keys: k.map { ($0.0, f($0.1)) },
                              aggregates: a.map { BoundAggregate(kind: $0.kind, argument: $0.argument.map(f), name: $0.name, type: $0.type, fraction: $0.fraction, span: $0.span) })
        case .sort(let i, let k): return .sort(i, k.map { BoundSortKey(expr: f($0.expr), descending: $0.descending) })
        case .topN(let i, let n, let k): return .topN(i, n, k.map { BoundSortKey(expr: f($0.expr), descending: $0.descending) })
        default: return self
        }
    }

    /// Rewrites every node bottom-up.
    func transformUp(_ f: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        f(with(children: children.map { $0.transformUp(f) }))
    }
}
