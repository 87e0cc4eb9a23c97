/// Stable sorting and top-N: periods and ordered categories in their own order, text in Danish
/// collation, nulls last.
struct Sorter {
    let relation: Relation
    let cancellation: CancellationFlag

    /// A per-row comparable key for one sort expression.
    private enum Key {
        case ints([Int64], Bitmap?)
        case doubles([Double], Bitmap?)

        func compare(_ a: Int, _ b: Int) -> Int {
            switch self {
            case .ints(let v, let n):
                let an = n?[a] ?? false, bn = n?[b] ?? false
                if an || bn { return an == bn ? 0 : (an ? 1 : -1) }
                return v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            case .doubles(let v, let n):
                let an = n?[a] ?? false, bn = n?[b] ?? false
                if an || bn { return an == bn ? 0 : (an ? 1 : -1) }
                return v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            }
        }
    }

    /// The row order for the keys; with `limit`, only the first rows of it.
    func order(_ keys: [BoundSortKey], limit: Int?) throws(Diagnostic) -> [Int32] {
        let ev = Evaluator(relation: relation, cancellation: cancellation)
        var prepared: [(Key, Bool)] = []
        for k in keys {
            let c = try ev.evaluate(k.expr)
            switch c.storage {
            case .ints(let v): prepared.append((.ints(v, c.nulls), k.descending))
            case .bytes(let v, let base): prepared.append((.ints(v.map { base &+ Int64($0) }, c.nulls), k.descending))
            case .decimals(let v, _): prepared.append((.ints(v, c.nulls), k.descending))
            case .floats(let v): prepared.append((.doubles(v, c.nulls), k.descending))
            case .text, .strings:
                let (codes, dict) = c.knownTextCodes
                let rank = Collation.ranks(dict)
                prepared.append((.ints(codes.map { Int64(rank[Int($0)]) }, c.nulls), k.descending))
            }
        }
        func less(_ a: Int32, _ b: Int32) -> Bool {
            for (key, desc) in prepared {
                var c = key.compare(Int(a), Int(b))
                // Nulls stay last in both directions.
                if desc {
                    let isNullCmp: Bool
                    switch key {
                    case .ints(_, let n), .doubles(_, let n):
                        isNullCmp = (n?[Int(a)] ?? false) || (n?[Int(b)] ?? false)
                    }
                    if !isNullCmp { c = -c }
                }
                if c != 0 { return c < 0 }
            }
            return a < b   // stable: ties keep input order
        }
        var rows = (0..<Int32(relation.count)).map { $0 }
        try cancellation.check()
        if let limit, limit < rows.count / 8 {
            // Top-N: keep a sorted window of the best `limit` rows.
            var best: [Int32] = []
            best.reserveCapacity(limit + 1)
            for r in rows {
                if best.count == limit, let last = best.last, !less(r, last) { continue }
                var lo = 0, hi = best.count
                while lo < hi { let m = (lo + hi) / 2; if less(best[m], r) { lo = m + 1 } else { hi = m } }
                best.insert(r, at: lo)
                if best.count > limit { best.removeLast() }
            }
            return best
        }
        // Poll the cancellation flag every 64K comparisons: a sort of millions of rows is long.
        var comparisons = 0
        let flag = cancellation
        do {
            try rows.sort { (a, b) throws(Diagnostic) -> Bool in
                comparisons &+= 1
                if comparisons & 0xFFFF == 0 { try flag.check() }
                return less(a, b)
            }
        } catch {
            throw (error as? Diagnostic) ?? Diagnostic.cancelled
        }
        if let limit, limit < rows.count { return Array(rows.prefix(limit)) }
        return rows
    }
}
