/// Moves filters below projections, sorts and other filters, and into the sides of a join,
/// so fewer rows flow through the plan.
struct FilterPushDown: RewriteRule {
    let name = "filter_pushdown"

    func apply(_ plan: LogicalPlan) -> LogicalPlan {
        let children = plan.children.map(apply)
        let node = plan.with(children: children)
        guard case .filter(let input, let predicate) = node else { return node }
        return push(predicate, into: input)
    }

    func push(_ p: BoundExpr, into input: LogicalPlan) -> LogicalPlan {
        switch input {
        case .project(let inner, let items):
            var map: [String: BoundExpr] = [:]
            for (n, e) in items { map[n] = e }
            return .project(push(p.substituting(map), into: inner), items)
        case .sort(let inner, let keys):
            return .sort(push(p, into: inner), keys)
        case .filter(let inner, let q):
            return push(.call(.and, [q, p], .bool, .none), into: inner)
        case .join(let j):
            return pushIntoJoin(p, j)
        default:
            return .filter(input, p)
        }
    }

    static func conjuncts(_ e: BoundExpr) -> [BoundExpr] {
        if case .call(.and, let args, _, _) = e { return args.flatMap(conjuncts) }
        return [e]
    }

    /// The conjuncts joined by `and`: left to right when few, as a balanced tree when many
    /// (as the parser builds a long chain), so the expression nests log₂ n deep.
    static func conjoin(_ xs: [BoundExpr]) -> BoundExpr? {
        guard var acc = xs.first else { return nil }
        if xs.count > Parser.chainFoldLimit { return balanced(xs[...]) }
        for x in xs.dropFirst() { acc = .call(.and, [acc, x], .bool, .none) }
        return acc
    }

    private static func balanced(_ xs: ArraySlice<BoundExpr>) -> BoundExpr? {
        if xs.count <= 1 { return xs.first }
        let mid = xs.startIndex + xs.count / 2
        guard let l = balanced(xs[..<mid]), let r = balanced(xs[mid...]) else { return nil }
        return .call(.and, [l, r], .bool, .none)
    }

    func pushIntoJoin(_ p: BoundExpr, _ j: JoinNode) -> LogicalPlan {
        guard let leftNames = j.left.outputNames.map(Set.init), let rightOut = j.right.outputNames else {
            return .filter(.join(j), p)
        }
        // Output name of a right column → its name inside the right input.
        var rightMap: [String: BoundExpr] = [:]
        for (i, n) in j.rightNames.enumerated() {
            if let n { rightMap[n] = .column(rightOut[i], .null) }
        }
        var toLeft: [BoundExpr] = [], toRight: [BoundExpr] = [], stay: [BoundExpr] = []
        for c in FilterPushDown.conjuncts(p) {
            let cols = c.columns
            if cols.isSubset(of: leftNames) {
                toLeft.append(c)
            } else if !j.isLeft, cols.isSubset(of: Set(rightMap.keys)) {
                toRight.append(c.substitutingColumnsKeepingTypes(rightMap))
            } else {
                stay.append(c)
            }
        }
        var left = j.left, right = j.right
        if let l = FilterPushDown.conjoin(toLeft) { left = push(l, into: left) }
        if let r = FilterPushDown.conjoin(toRight) { right = push(r, into: right) }
        let joined = LogicalPlan.join(JoinNode(left: left, right: right, isLeft: j.isLeft, leftKeys: j.leftKeys,
                                               rightKeys: j.rightKeys, rightNames: j.rightNames))
        if let s = FilterPushDown.conjoin(stay) { return .filter(joined, s) }
        return joined
    }
}

extension BoundExpr {
    /// Renames column references, keeping each reference's own type.
    func substitutingColumnsKeepingTypes(_ map: [String: BoundExpr]) -> BoundExpr {
        switch self {
        case .column(let n, let t):
            if case .column(let m, _)? = map[n] { return .column(m, t) }
            return self
        case .literal: return self
        case .call(let op, let args, let t, let s):
            return .call(op, args.map { $0.substitutingColumnsKeepingTypes(map) }, t, s)
        }
    }
}
