/// Computes expressions whose inputs are all literals once, at plan time (`1 + 2` → `3`),
/// and drops `and true` / `or false`.
struct ConstantFolding: RewriteRule {
    let name = "constant_folding"

    func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformUp { $0.mapExpressions(fold) }
    }

    func fold(_ e: BoundExpr) -> BoundExpr {
        guard case .call(let op, let args, let type, let span) = e else { return e }
        let folded = args.map(fold)
        if op == .and || op == .or {
            let neutral = op == .and
            let kept = folded.filter { if case .literal(.bool(let b), _) = $0 { return b != neutral } else { return true } }
            if kept.count == 1, folded.count == 2 { return kept[0] }
        }
        guard folded.allSatisfy(\.isLiteral) else { return .call(op, folded, type, span) }
        let one = Relation(names: [], columns: [], count: 1)
        let ev = Evaluator(relation: one, cancellation: CancellationFlag())
        // An error (overflow) is left for run time, where it is reported with its position.
        guard let c = try? ev.evaluate(.call(op, folded, type, span)), c.count == 1 else { return .call(op, folded, type, span) }
        return .literal(c.value(at: 0), type)
    }
}
