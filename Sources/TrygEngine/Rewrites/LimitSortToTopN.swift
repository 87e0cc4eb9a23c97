/// `order by … limit N` keeps only the best N rows while it scans, instead of sorting everything.
struct LimitSortToTopN: RewriteRule {
    let name = "limit_sort_to_topn"

    func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformUp { node in
            guard case .limit(let input, let n) = node else { return node }
            switch input {
            case .sort(let inner, let keys):
                return .topN(inner, n, keys)
            case .topN(let inner, let m, let keys):
                return .topN(inner, min(n, m), keys)
            default:
                return node
            }
        }
    }
}
