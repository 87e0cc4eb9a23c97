import Foundation

/// Aggregates that pick from the order of the values: min, max, median, quantile, mode. Besides
/// numbers they take dates, periods and ordered categories (the median answer of a survey scale).
enum OrderedAggregates {
    static let family = "ordered"

    static func quantileFraction(_ c: AggregateBinding) throws(Diagnostic) -> Double {
        let q: Double?
        switch c.args[1] {
        case .literal(.int(let i), _): q = Double(i)
        case .literal(.decimal(let d), _): q = d.double
        case .literal(.float(let d), _): q = d
        default: q = nil
        }
        guard let q, q >= 0, q <= 1 else {
            throw Diagnostic(.error, "quantile's fraction must be a number from 0 to 1", code: .wrongArguments,
                             span: c.exprs[1].span, label: "e.g. quantile(severity, 0.9) for the 90th percentile")
        }
        return q
    }

    static func expectOrdered(_ c: AggregateBinding) throws(Diagnostic) {
        try c.expect(0, "numbers, dates, periods or an ordered category",
                     hint: "text has no order to take a middle from; use mode, or count by it") { $0.isOrdered }
    }

    static let all: [AggregateFunction] = [
        AggregateFunction(
            help: FunctionHelp(name: "min", usage: "min(x)", summary: "the lowest value (in its own order: dates, periods, categories)",
                               example: "incidents compute min(reported_at)", isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in c.aggregate(.min, c.args[0].type) }),
        AggregateFunction(
            help: FunctionHelp(name: "max", usage: "max(x)", summary: "the highest value (in its own order)",
                               example: "survey group by library compute max(safety)", isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in c.aggregate(.max, c.args[0].type) }),
        AggregateFunction(
            help: FunctionHelp(name: "median", usage: "median(x)",
                               summary: "the middle value (of numbers a float); of an ordered category the middle answer (the lower one of two)",
                               example: "survey group by library compute median(safety)", isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                try expectOrdered(c)
                // Of numbers a float, as avg and quantile (as DuckDB does): the midpoint of the two
                // middle values is found exactly, then rounded once to the nearest double.
                let t = c.args[0].type
                if t.isNumeric || t == .null { return c.aggregate(.median, .float) }
                return c.aggregate(.quantile, c.args[0].type, fraction: 0.5)
            }),
        AggregateFunction(
            help: FunctionHelp(name: "quantile", usage: "quantile(x, q)",
                               summary: "the value below which a fraction q (0…1) of the values lie; of numbers interpolated, "
                                   + "of dates, periods and categories the value at that rank",
                               example: "incidents group by library compute quantile(severity, 0.9) as p90",
                               isAggregate: true, family: family),
            arity: 2...2,
            bind: { c throws(Diagnostic) in
                try expectOrdered(c)
                let q = try quantileFraction(c)
                return c.aggregate(.quantile, c.args[0].type.isNumeric ? .float : c.args[0].type, fraction: q)
            }),
        AggregateFunction(
            help: FunctionHelp(name: "mode", usage: "mode(x)", summary: "the most frequent value (the first in order on a tie)",
                               example: "survey group by library compute mode(safety)", isAggregate: true, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in c.aggregate(.mode, c.args[0].type) }),
    ]

    /// Evaluates stddev, quantile and mode from each group's sorted values.
    static func evaluate(_ agg: BoundAggregate, _ a: Column, groups g: [Int32], rows: [Int32]?, groupCount k: Int,
                         cancellation: CancellationFlag) throws(Diagnostic) -> Column {
        let ranks: [Int32]?
        let text = a.dictionaryEncoded
        if let text { ranks = Collation.ranks(text.dictionary) } else { ranks = nil }
        // Each value as an Int64 in the value's own order: ints and decimal units as they are
        // (one scale a column), floats by their bits, text by its Danish rank.
        func key(_ r: Int) -> Int64 {
            switch a.storage {
            case .ints(let v): return v[r]
            case .bytes(let v, let base): return base &+ Int64(v[r])
            case .decimals(let v, _): return v[r]
            case .floats(let v): return Int64(bitPattern: Accumulate.orderedBits(v[r]) ^ (1 << 63))
            case .text, .strings: return Int64(ranks?[Int(text?.codes[r] ?? 0)] ?? 0)
            }
        }
        let pairs = try Accumulate.sortedPairs(a, g, rows, cancellation) { _, r in key(r) }
        func number(_ key: Int64) -> Double {
            switch a.storage {
            case .floats: return Accumulate.fromOrderedBits(UInt64(bitPattern: key) ^ (1 << 63))
            case .decimals(_, let s): return Double(key) / pow(10, Double(s))
            default: return Double(key)
            }
        }
        // Ints and decimals from their exact units: the spread from differences to the smallest
        // value, the midpoint of two values exactly (as median's); floats scaled within range.
        func standardDeviation(_ sorted: ArraySlice<Accumulate.Pair>) -> Double? {
            switch a.storage {
            case .ints, .bytes, .decimals:
                guard let origin = sorted.first?.value else { return nil }
                let d = sorted.map { Double(Int128($0.value) - Int128(origin)) }
                guard let sd = FloatMoments.standardDeviation(differences: d) else { return nil }
                if case .decimals(_, let s) = a.storage { return sd / Double(DecimalValue.powers[s]) }
                return sd
            default:
                return FloatMoments.standardDeviation(sorted: sorted.map { number($0.value) }[...])
            }
        }
        func interpolate(_ x: Int64, _ y: Int64, _ t: Double) -> Double {
            switch a.storage {
            case .ints, .bytes, .decimals:
                var scale = 0
                if case .decimals(_, let s) = a.storage { scale = s }
                if t == 0 || x == y { return Accumulate.nearestDouble(Int128(x), scale: scale) }
                if t == 0.5 { return Accumulate.nearestDouble((Int128(x) + Int128(y)) * 5, scale: scale + 1) }
            default:
                break
            }
            return FloatMoments.interpolate(number(x), number(y), t)
        }
        var out = [Double](repeating: 0, count: k)
        var chosen = [Int64?](repeating: nil, count: k)
        var start = 0
        while start < pairs.count {
            var end = start
            while end < pairs.count && pairs[end].group == pairs[start].group { end += 1 }
            let j = Int(pairs[start].group), n = end - start
            switch agg.kind {
            case .stddev:
                if let sd = standardDeviation(pairs[start..<end]) {
                    guard sd.isFinite || !(number(pairs[start].value).isFinite && number(pairs[end - 1].value).isFinite) else {
                        throw Diagnostic(.error, "number overflow in stddev", code: .overflow, span: agg.span,
                                         label: "the standard deviation is beyond a float's range (about 1.8e308)")
                    }
                    out[j] = sd
                    chosen[j] = 0
                }
            case .quantile where agg.type == .float:
                let position = (agg.fraction ?? 0.5) * Double(n - 1)
                let lo = Int(position.rounded(.down)), hi = Int(position.rounded(.up))
                out[j] = interpolate(pairs[start + lo].value, pairs[start + hi].value, position - Double(lo))
                chosen[j] = 0
            case .quantile:
                let index = Int(((agg.fraction ?? 0.5) * Double(n - 1)).rounded(.down))
                chosen[j] = pairs[start + index].value
            default:   // mode: the longest run of one value; the first on a tie
                var best = pairs[start].value, bestRun = 0, i = start
                while i < end {
                    var e = i
                    while e < end && pairs[e].value == pairs[i].value { e += 1 }
                    if e - i > bestRun { bestRun = e - i; best = pairs[i].value }
                    i = e
                }
                chosen[j] = best
            }
            start = end
        }
        var nulls = Bitmap(count: k)
        for j in 0..<k where chosen[j] == nil { nulls[j] = true }
        if agg.type == .float && (agg.kind == .stddev || agg.kind == .quantile) {
            return Column(type: .float, storage: .floats(out), nulls: nulls)
        }
        // Pick, per group, a row holding the chosen value, and take the value from the column itself.
        var row = [Int32](repeating: 0, count: k)
        var found = [Bool](repeating: false, count: k)
        for i in 0..<g.count {
            let r = rows.map { Int($0[i]) } ?? i
            let j = Int(g[i])
            guard !found[j], !a.isNull(r), let want = chosen[j] else { continue }
            if key(r) == want { row[j] = Int32(r); found[j] = true }
        }
        let gathered = a.count == 0 ? Column.constant(.null, type: a.type, count: k) : a.gather(row)
        return Column(type: a.type, storage: gathered.storage, nulls: Comparison.union(gathered.nulls, nulls, k))
    }
}
