import Foundation

/// `group by` and `compute`: groups rows by key columns and computes aggregates per group.
struct HashAggregate {
    let cancellation: CancellationFlag

    func run(_ rel: Relation, selection: [Int32]?, keys: [(String, BoundExpr)],
             aggregates: [BoundAggregate]) throws(Diagnostic) -> Relation {
        let ev = Evaluator(relation: rel, cancellation: cancellation)
        var keyCols: [Column] = []
        for (_, e) in keys { keyCols.append(try ev.evaluate(e)) }
        let groups = try GroupKeys(keys: keyCols, rows: selection, count: rel.count, cancellation: cancellation)
        let inputRows = selection?.count ?? rel.count
        var outCols: [Column] = keyCols.map { $0.gather(groups.firstRow) }
        if keys.isEmpty { outCols = [] }
        for agg in aggregates {
            try cancellation.check()
            var arg: Column?
            if let a = agg.argument { arg = try ev.evaluate(a) }
            outCols.append(try Accumulate.run(agg, arg: arg, groups: groups, rows: selection, totalRows: inputRows,
                                              cancellation: cancellation))
        }
        var out = Relation(names: keys.map(\.0) + aggregates.map(\.name), columns: outCols, count: groups.groupCount)
        if keys.isEmpty && inputRows == 0 { out.count = 1 }
        if keys.isEmpty { return out }
        // Groups come out in key order: periods in time, text in Danish order.
        let order = try Sorter(relation: out, cancellation: cancellation)
            .order(keys.map { BoundSortKey(expr: .column($0.0, $0.1.type), descending: false) }, limit: nil)
        return out.gather(order)
    }
}

extension HashAggregate {
    /// Groups in key order: periods in time, text in Danish order.
    static func ordered(_ rel: Relation, keys: [(String, BoundExpr)], cancellation: CancellationFlag) throws(Diagnostic) -> Relation {
        if keys.isEmpty { return rel }
        let order = try Sorter(relation: rel, cancellation: cancellation)
            .order(keys.map { BoundSortKey(expr: .column($0.0, $0.1.type), descending: false) }, limit: nil)
        return rel.gather(order)
    }
}

/// The per-group loops of each aggregate.
enum Accumulate {
    static func run(_ agg: BoundAggregate, arg: Column?, groups: GroupKeys, rows: [Int32]?, totalRows: Int,
                    cancellation: CancellationFlag) throws(Diagnostic) -> Column {
        let arg = arg?.wide   // the loops below read integers eight bytes a row
        let g = groups.groupOfRow
        let k = max(groups.groupCount, 1)
        let n = g.count
        @inline(__always) func row(_ i: Int) -> Int { rows.map { Int($0[i]) } ?? i }
        switch agg.kind {
        case .count, .share:
            var counts = [Int64](repeating: 0, count: k)
            counts.withUnsafeMutableBufferPointer { c in
                g.withUnsafeBufferPointer { gp in for i in 0..<n { c[Int(gp[i])] &+= 1 } }
            }
            if agg.kind == .count { return Column(type: .int, storage: .ints(counts)) }
            let total = Double(totalRows)
            return Column(type: .float, storage: .floats(counts.map { total == 0 ? 0 : Double($0) * 100 / total }))
        case .countNonNull:
            guard let a = arg else { break }
            var counts = [Int64](repeating: 0, count: k)
            for i in 0..<n where !a.isNull(row(i)) { counts[Int(g[i])] &+= 1 }
            return Column(type: .int, storage: .ints(counts))
        case .countDistinct:
            guard let a = arg else { break }
            // Sort (group, value) pairs and count the changes: no set per group, however many groups.
            let textCodes = a.dictionaryEncoded?.codes
            let pairs = try sortedPairs(a, g, rows, cancellation) { col, r in
                switch col.storage {
                case .ints(let v): return v[r]
                case .bytes(let v, let base): return base &+ Int64(v[r])
                case .decimals(let v, _): return v[r]
                case .floats(let v): return Int64(bitPattern: v[r] == 0 ? 0 : v[r].bitPattern)
                case .text, .strings: return Int64(textCodes?[r] ?? 0)
                }
            }
            var counts = [Int64](repeating: 0, count: k)
            for (i, p) in pairs.enumerated() where i == 0 || pairs[i - 1] != p { counts[Int(p.group)] &+= 1 }
            return Column(type: .int, storage: .ints(counts))
        case .pct:
            guard let a = arg, case .ints(let v) = a.storage else { break }
            var hits = [Int64](repeating: 0, count: k), all = [Int64](repeating: 0, count: k)
            for i in 0..<n {
                let r = row(i)
                all[Int(g[i])] &+= 1
                if v[r] != 0 && !a.isNull(r) { hits[Int(g[i])] &+= 1 }
            }
            var nulls = Bitmap(count: k)
            var out = [Double](repeating: 0, count: k)
            for j in 0..<k { if all[j] == 0 { nulls[j] = true } else { out[j] = Double(hits[j]) * 100 / Double(all[j]) } }
            return Column(type: .float, storage: .floats(out), nulls: nulls)
        case .sum, .avg:
            guard let a = arg else { break }
            var seen = [Int64](repeating: 0, count: k)
            var nulls = Bitmap(count: k)
            switch a.storage {
            case .ints(let v) where agg.kind == .sum:
                var sums = [Int64](repeating: 0, count: k)
                var wrapped = false
                for i in 0..<n {
                    let r = row(i)
                    if a.isNull(r) { continue }
                    let j = Int(g[i])
                    let (s, o) = sums[j].addingReportingOverflow(v[r])
                    wrapped = wrapped || o
                    sums[j] = s
                    seen[j] &+= 1
                }
                if wrapped {
                    // A running sum that left 64 bits may end inside them (the order of the rows
                    // decides that, never the answer): summed again, wide.
                    var wide = [Int128](repeating: 0, count: k)
                    for i in 0..<n {
                        let r = row(i)
                        if !a.isNull(r) { wide[Int(g[i])] += Int128(v[r]) }
                    }
                    for j in 0..<k {
                        guard let s = Int64(exactly: wide[j]) else { throw sumOverflow(agg) }
                        sums[j] = s
                    }
                }
                for j in 0..<k where seen[j] == 0 { nulls[j] = true }
                return Column(type: .int, storage: .ints(sums), nulls: nulls)
            case .ints(let v), .decimals(let v, _):
                // Exact and wide: a decimal sum, or an average of values near 2^63, cannot wrap.
                var scale = 0
                if case .decimals(_, let s) = a.storage { scale = s }
                var wide = [Int128](repeating: 0, count: k)
                for i in 0..<n {
                    let r = row(i)
                    if a.isNull(r) { continue }
                    wide[Int(g[i])] += Int128(v[r])
                    seen[Int(g[i])] &+= 1
                }
                for j in 0..<k where seen[j] == 0 { nulls[j] = true }
                if agg.kind == .sum {
                    var sums = [Int64](repeating: 0, count: k)
                    for j in 0..<k {
                        guard let s = Int64(exactly: wide[j]) else { throw sumOverflow(agg) }
                        sums[j] = s
                    }
                    return Column(type: .decimal, storage: .decimals(sums, scale: scale), nulls: nulls)
                }
                let p = Double(DecimalValue.powers[scale])
                let avgs = (0..<k).map { seen[$0] == 0 ? 0 : Double(wide[$0]) / Double(seen[$0]) / p }
                return Column(type: .float, storage: .floats(avgs), nulls: nulls)
            default:
                var sums = [Double](repeating: 0, count: k)
                for i in 0..<n {
                    let r = row(i)
                    if a.isNull(r) { continue }
                    let x: Double
                    switch a.storage {
                    case .floats(let v): x = v[r]
                    case .ints, .bytes, .decimals, .text, .strings: x = 0
                    }
                    sums[Int(g[i])] += x
                    seen[Int(g[i])] &+= 1
                }
                if agg.kind == .avg, sums.contains(where: { !$0.isFinite }) {
                    // Finite values whose sum left a double's range still have a finite mean.
                    sums = scaledMeans(a, g, k, seen, row) ?? sums
                } else if agg.kind == .avg {
                    for j in 0..<k where seen[j] > 0 { sums[j] /= Double(seen[j]) }
                }
                for j in 0..<k where seen[j] == 0 { nulls[j] = true }
                if sums.contains(where: { !$0.isFinite }) { throw sumOverflow(agg, float: true) }
                return Column(type: .float, storage: .floats(sums), nulls: nulls)
            }
        case .median:
            guard let a = arg else { break }
            switch a.storage {
            case .ints(let v): return try exactMedian(agg, a, v, scale: 0, g, k, rows, cancellation)
            case .decimals(let v, let s): return try exactMedian(agg, a, v, scale: s, g, k, rows, cancellation)
            default: break
            }
            let numbers: [Double]
            switch a.storage {
            case .floats(let v): numbers = v
            default: numbers = []
            }
            // Sorted (group, value) pairs: each group's values lie together, in order.
            let pairs = try sortedPairs(a, g, rows, cancellation) { _, r in Int64(bitPattern: Accumulate.orderedBits(numbers[r]) ^ (1 << 63)) }
            var nulls = Bitmap(count: k)
            var out = [Double](repeating: 0, count: k)
            var seen = [Bool](repeating: false, count: k)
            var start = 0
            while start < pairs.count {
                var end = start
                while end < pairs.count && pairs[end].group == pairs[start].group { end += 1 }
                let m = end - start
                let lo = Accumulate.fromOrderedBits(UInt64(bitPattern: pairs[start + (m - 1) / 2].value) ^ (1 << 63))
                let hi = Accumulate.fromOrderedBits(UInt64(bitPattern: pairs[start + m / 2].value) ^ (1 << 63))
                out[Int(pairs[start].group)] = FloatMoments.midpoint(lo, hi)
                seen[Int(pairs[start].group)] = true
                start = end
            }
            for j in 0..<k where !seen[j] { nulls[j] = true }
            return Column(type: .float, storage: .floats(out), nulls: nulls)
        case .min, .max:
            guard let a = arg else { break }
            try cancellation.check()
            return minMax(a, isMin: agg.kind == .min, g: g, k: k, row: row)
        case .stddev, .mode, .quantile:
            guard let a = arg else { break }
            return try OrderedAggregates.evaluate(agg, a, groups: g, rows: rows, groupCount: k, cancellation: cancellation)
        }
        throw Diagnostic.internalError("aggregate \(agg.kind) without its argument")
    }

    /// Per group, the mean of a float column summed with each value scaled down by a power of
    /// two above the group's count (`FloatMoments.countExponent`); nil for another storage.
    static func scaledMeans(_ a: Column, _ g: [Int32], _ k: Int, _ seen: [Int64],
                            _ row: (Int) -> Int) -> [Double]? {
        guard case .floats(let v) = a.storage else { return nil }
        let exponents = seen.map { FloatMoments.countExponent(Int($0)) }
        let down = exponents.map { FloatMoments.power(-$0) }
        var sums = [Double](repeating: 0, count: k)
        for i in 0..<g.count {
            let r = row(i)
            if a.isNull(r) { continue }
            sums[Int(g[i])] += v[r] * down[Int(g[i])]
        }
        for j in 0..<k where seen[j] > 0 { sums[j] = sums[j] / Double(seen[j]) * FloatMoments.power(exponents[j]) }
        return sums
    }

    static func sumOverflow(_ agg: BoundAggregate, float: Bool = false) -> Diagnostic {
        float
            ? Diagnostic(.error, "number overflow in sum", code: .overflow, span: agg.span, label: "the sum is beyond a float's range (about 1.8e308)")
            : Diagnostic(.error, "number overflow in sum", code: .overflow, span: agg.span, label: "the sum does not fit in 64 bits",
                         notes: ["help: sum(x * 1e0) sums as floats, with less precision"])
    }

    /// The median of ints or decimals as a float: the middle value, or the midpoint of the two
    /// middle values, found exactly and rounded once to the nearest double.
    static func exactMedian(_ agg: BoundAggregate, _ a: Column, _ v: [Int64], scale: Int, _ g: [Int32], _ k: Int,
                            _ rows: [Int32]?, _ cancellation: CancellationFlag) throws(Diagnostic) -> Column {
        let pairs = try sortedPairs(a, g, rows, cancellation) { _, r in v[r] }
        var nulls = Bitmap(count: k)
        var out = [Double](repeating: 0, count: k)
        var seen = [Bool](repeating: false, count: k)
        var start = 0
        while start < pairs.count {
            var end = start
            while end < pairs.count && pairs[end].group == pairs[start].group { end += 1 }
            let m = end - start
            let total = Int128(pairs[start + (m - 1) / 2].value) + Int128(pairs[start + m / 2].value)
            // total / 2 / 10^scale = (total · 5) / 10^(scale + 1), rounded once.
            out[Int(pairs[start].group)] = nearestDouble(total * 5, scale: scale + 1)
            seen[Int(pairs[start].group)] = true
            start = end
        }
        for j in 0..<k where !seen[j] { nulls[j] = true }
        return Column(type: .float, storage: .floats(out), nulls: nulls)
    }

    /// The double nearest to units / 10^scale: one division when both are exact doubles, else
    /// through the exact decimal text (which `Double(String)` rounds correctly).
    static func nearestDouble(_ units: Int128, scale: Int) -> Double {
        if units.magnitude < 1 << 53, scale <= DecimalValue.maxScale {
            return Double(units) / Double(DecimalValue.powers[scale])
        }
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return Double((units < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]) ?? Double(units) / pow(10, Double(scale))
    }

    /// A group and a value, ordered by group, then value.
    struct Pair: Comparable {
        let group: Int32
        let value: Int64
        static func < (a: Pair, b: Pair) -> Bool { a.group != b.group ? a.group < b.group : a.value < b.value }
    }

    /// The non-null (group, value) pairs of the rows, sorted; the sort polls for cancellation.
    static func sortedPairs(_ a: Column, _ g: [Int32], _ rows: [Int32]?, _ cancellation: CancellationFlag,
                            _ value: (Column, Int) -> Int64) throws(Diagnostic) -> [Pair] {
        var pairs: [Pair] = []
        pairs.reserveCapacity(g.count)
        for i in 0..<g.count {
            if i & 0xFFFF == 0 { try cancellation.check() }
            let r = rows.map { Int($0[i]) } ?? i
            if !a.isNull(r) { pairs.append(Pair(group: g[i], value: value(a, r))) }
        }
        var comparisons = 0
        do {
            try pairs.sort { (x, y) throws(Diagnostic) -> Bool in
                comparisons &+= 1
                if comparisons & 0xFFFF == 0 { try cancellation.check() }
                return x < y
            }
        } catch {
            throw (error as? Diagnostic) ?? Diagnostic.cancelled
        }
        return pairs
    }

    /// Doubles as integers that sort the same way (sign-magnitude to two's-complement order).
    static func orderedBits(_ d: Double) -> UInt64 {
        let b = d.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }

    static func fromOrderedBits(_ b: UInt64) -> Double {
        Double(bitPattern: b & (1 << 63) != 0 ? b & ~(1 << 63) : ~b)
    }

    static func minMax(_ a: Column, isMin: Bool, g: [Int32], k: Int, row: (Int) -> Int) -> Column {
        if a.count == 0 { return Column.constant(.null, type: a.type, count: k) }
        var best = [Int](repeating: -1, count: k)   // row index of the best value per group
        let ranks: [Int32]?
        let text = a.dictionaryEncoded
        if let text { ranks = Collation.ranks(text.dictionary) } else { ranks = nil }
        func better(_ r: Int, _ than: Int) -> Bool {
            switch a.storage {
            case .ints(let v): return isMin ? v[r] < v[than] : v[r] > v[than]
            case .bytes(let v, _): return isMin ? v[r] < v[than] : v[r] > v[than]
            case .decimals(let v, _): return isMin ? v[r] < v[than] : v[r] > v[than]
            case .floats(let v): return isMin ? v[r] < v[than] : v[r] > v[than]
            case .text, .strings:
                guard let ranks, let c = text?.codes else { return false }
                let x = ranks[Int(c[r])], y = ranks[Int(c[than])]
                return isMin ? x < y : x > y
            }
        }
        for i in 0..<g.count {
            let r = row(i)
            if a.isNull(r) { continue }
            let j = Int(g[i])
            if best[j] < 0 || better(r, best[j]) { best[j] = r }
        }
        var nulls = Bitmap(count: k)
        for j in 0..<k where best[j] < 0 { nulls[j] = true }
        let gathered = a.gather(best.map { Int32(max(0, $0)) })
        return Column(type: a.type, storage: gathered.storage, nulls: Comparison.union(gathered.nulls, nulls, k))
    }
}
