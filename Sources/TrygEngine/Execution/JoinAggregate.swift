/// `count`, `sum`, `avg`, `min` and `max` without group keys over a join, computed from each
/// side's rows and how many rows of the join each of them makes (its multiplicity), without
/// making the join's rows: a join of 40,000 rows with one key to itself makes 1.6·10⁹ rows,
/// but its sums need only 80,000 multiplicities.
///
/// A row of the left side appears in the join once per matching right row (once, with nulls
/// on the right, when a left join finds none); a right row once per matching left row. So a
/// sum is Σ value × multiplicity over one side, a count Σ multiplicity, and a minimum or
/// maximum is over the rows whose multiplicity is not 0. The results are those of the
/// materialised join (the kernel-equivalence tests compare both).
struct JoinAggregate {
    let cancellation: CancellationFlag

    /// Whether every aggregate can be computed this way: counts of rows, and `count(x)`,
    /// `sum`, `avg`, `min`, `max` of a column of either side.
    static func applies(_ aggs: [BoundAggregate]) -> Bool {
        !aggs.isEmpty && aggs.allSatisfy { agg in
            switch (agg.kind, agg.argument) {
            case (.count, nil): return true
            case (.countNonNull, .column?), (.sum, .column?), (.avg, .column?), (.min, .column?), (.max, .column?): return true
            default: return false
            }
        }
    }

    /// One row: each aggregate of the join of `left` and `right` by `node`.
    func run(_ node: JoinNode, left: Relation, right: Relation, aggregates: [BoundAggregate]) throws(Diagnostic) -> Relation {
        var probe = try HashJoin.Probe(node, left: left, right: right)
        var leftWeights = [Int](repeating: 0, count: left.count)
        var total = 0
        for l in 0..<left.count {
            if l & 0xFFFF == 0 { try cancellation.check() }
            let n = probe.matches(l).count
            leftWeights[l] = n == 0 ? (node.isLeft ? 1 : 0) : n
            total &+= leftWeights[l]
        }
        var rightWeights: [Int]?
        var columns: [Column] = []
        for agg in aggregates {
            guard case .column(let name, _)? = agg.argument else {
                columns.append(Column.constant(.int(Int64(total)), type: .int, count: 1))
                continue
            }
            let column: Column, weights: [Int]
            if let i = left.index(name) {
                column = left.columns[i]
                weights = leftWeights
            } else if let i = node.rightNames.firstIndex(of: name) {
                column = right.columns[i]
                if rightWeights == nil { rightWeights = try HashJoin.rightMultiplicities(node, left: left, right: right, cancellation) }
                weights = rightWeights ?? []
            } else {
                throw Diagnostic.internalError("no column '\(name)' on either side of the join")
            }
            columns.append(try aggregate(agg, column, weights))
        }
        return Relation(names: aggregates.map(\.name), columns: columns, count: 1)
    }

    /// One aggregate of a column whose row `r` stands for `weights[r]` rows.
    private func aggregate(_ agg: BoundAggregate, _ a: Column, _ weights: [Int]) throws(Diagnostic) -> Column {
        switch agg.kind {
        case .min, .max:
            let rows = (0..<a.count).filter { weights[$0] > 0 }.map { Int32($0) }
            let groups = try GroupKeys(keys: [], rows: rows, count: a.count, cancellation: cancellation)
            return try Accumulate.run(agg, arg: a, groups: groups, rows: rows, totalRows: rows.count, cancellation: cancellation)
        case .countNonNull:
            var n = 0
            for r in 0..<a.count where !a.isNull(r) { n &+= weights[r] }
            return Column.constant(.int(Int64(n)), type: .int, count: 1)
        default:
            break
        }
        // sum and avg
        var seen = 0
        switch a.storage {
        case .bytes:
            return try aggregate(agg, a.wide, weights)
        case .ints(let v), .decimals(let v, _):
            var scale = 0
            if case .decimals(_, let s) = a.storage { scale = s }
            var wide: Int128 = 0
            for r in 0..<a.count where weights[r] > 0 && !a.isNull(r) {
                if r & 0xFFFF == 0 { try cancellation.check() }
                let (p, o1) = Int128(v[r]).multipliedReportingOverflow(by: Int128(weights[r]))
                let (s, o2) = wide.addingReportingOverflow(p)
                if o1 || o2 { throw Accumulate.sumOverflow(agg) }
                wide = s
                seen &+= weights[r]
            }
            if seen == 0 { return Column.constant(.null, type: agg.type, count: 1) }
            if agg.kind == .avg {
                let p = Double(DecimalValue.powers[scale])
                return Column.constant(.float(Double(wide) / Double(seen) / p), type: .float, count: 1)
            }
            guard let sum = Int64(exactly: wide) else { throw Accumulate.sumOverflow(agg) }
            if case .decimals = a.storage {
                return Column(type: .decimal, storage: .decimals([sum], scale: scale))
            }
            return Column.constant(.int(sum), type: .int, count: 1)
        case .floats(let v):
            var sum = 0.0
            for r in 0..<a.count where weights[r] > 0 && !a.isNull(r) {
                sum += v[r] * Double(weights[r])
                seen &+= weights[r]
            }
            if seen == 0 { return Column.constant(.null, type: .float, count: 1) }
            if agg.kind == .avg && !sum.isFinite {
                // Finite values whose sum left a double's range still have a finite mean.
                let e = FloatMoments.countExponent(seen)
                let down = FloatMoments.power(-e)
                sum = 0
                for r in 0..<a.count where weights[r] > 0 && !a.isNull(r) { sum += v[r] * down * Double(weights[r]) }
                sum = sum / Double(seen) * FloatMoments.power(e)
            } else if agg.kind == .avg {
                sum /= Double(seen)
            }
            if !sum.isFinite { throw Accumulate.sumOverflow(agg, float: true) }
            return Column.constant(.float(sum), type: .float, count: 1)
        case .text, .strings:
            throw Diagnostic.internalError("\(agg.kind) of text reached the executor")
        }
    }
}

extension HashJoin {
    /// For each row of the right side, how many rows of the left side match it: the number of
    /// times it appears in the join.
    static func rightMultiplicities(_ node: JoinNode, left: Relation, right: Relation,
                                    _ cancellation: CancellationFlag) throws(Diagnostic) -> [Int] {
        var leftKeys: [Column] = [], rightKeys: [Column] = []
        for k in node.leftKeys { leftKeys.append(try left.column(k)) }
        for k in node.rightKeys { rightKeys.append(try right.column(k)) }
        var perKey: [[Value]: Int] = [:]
        for l in 0..<left.count {
            if l & 0xFFFF == 0 { try cancellation.check() }
            let key = leftKeys.map { joinValue($0.value(at: l)) }
            if key.contains(where: \.isNull) { continue }
            perKey[key, default: 0] += 1
        }
        var out = [Int](repeating: 0, count: right.count)
        for r in 0..<right.count {
            if r & 0xFFFF == 0 { try cancellation.check() }
            let key = rightKeys.map { joinValue($0.value(at: r)) }
            if key.contains(where: \.isNull) { continue }
            out[r] = perKey[key] ?? 0
        }
        return out
    }
}
