/// Keeps only the columns later stages use, so scans skip unused (and derived) columns.
struct ColumnPruning: RewriteRule {
    let name = "column_pruning"

    func apply(_ plan: LogicalPlan) -> LogicalPlan { prune(plan, nil) }

    /// `required` nil means every output column is needed.
    func prune(_ plan: LogicalPlan, _ required: Set<String>?) -> LogicalPlan {
        switch plan {
        case .scan(let t, let cols):
            guard let required else { return plan }
            return .scan(t, cols.filter { required.contains($0.0) })
        case .values:
            return plan
        case .filter(let i, let p):
            return .filter(prune(i, required.map { $0.union(p.columns) }), p)
        case .project(let i, let items):
            let kept = required.map { r in items.filter { r.contains($0.0) } } ?? items
            let need = kept.reduce(into: Set<String>()) { $0.formUnion($1.1.columns) }
            return .project(prune(i, need), kept)
        case .aggregate(let i, let keys, let aggs):
            var need = Set<String>()
            for (_, k) in keys { need.formUnion(k.columns) }
            for a in aggs { if let e = a.argument { need.formUnion(e.columns) } }
            return .aggregate(prune(i, need), keys: keys, aggregates: aggs)
        case .sort(let i, let keys):
            return .sort(prune(i, required.map { r in keys.reduce(into: r) { $0.formUnion($1.expr.columns) } }), keys)
        case .limit(let i, let n):
            return .limit(prune(i, required), n)
        case .topN(let i, let n, let keys):
            return .topN(prune(i, required.map { r in keys.reduce(into: r) { $0.formUnion($1.expr.columns) } }), n, keys)
        case .join(let j):
            return pruneJoin(j, required)
        case .pivot, .compare, .trend:
            // Their outputs depend on every input column; prune below them from their own needs.
            return plan.with(children: plan.children.map { prune($0, nil) })
        }
    }

    func pruneJoin(_ j: JoinNode, _ required: Set<String>?) -> LogicalPlan {
        guard let required, let rightOut = j.right.outputNames else {
            return .join(JoinNode(left: prune(j.left, nil), right: prune(j.right, nil), isLeft: j.isLeft,
                                  leftKeys: j.leftKeys, rightKeys: j.rightKeys, rightNames: j.rightNames))
        }
        let leftNeed = required.union(j.leftKeys)
        var rightNeed = Set(j.rightKeys)
        for (i, n) in j.rightNames.enumerated() { if let n, required.contains(n) { rightNeed.insert(rightOut[i]) } }
        let newRight = prune(j.right, rightNeed)
        guard let newOut = newRight.outputNames else { return .join(j) }
        var names: [String?] = []
        for col in newOut {
            guard let i = rightOut.firstIndex(of: col) else { names.append(nil); continue }
            if let n = j.rightNames[i], required.contains(n) { names.append(n) } else { names.append(nil) }
        }
        return .join(JoinNode(left: prune(j.left, leftNeed), right: newRight, isLeft: j.isLeft,
                              leftKeys: j.leftKeys, rightKeys: j.rightKeys, rightNames: names))
    }
}
