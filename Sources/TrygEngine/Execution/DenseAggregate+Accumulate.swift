/// The per-part accumulation and the output of the dense aggregation.
extension DenseAggregate {
    /// Per-part accumulators, indexed by group number.
    final class Accumulators: @unchecked Sendable {
        var count: [Int64]
        var ints: [[Int64]]
        var doubles: [[Double]]
        var seen: [[Int64]]
        /// The scale of each decimal argument (its units are summed like ints).
        var scales: [Int]
        var overflow = false
        /// An average's 64-bit sum overflowed: the general path sums it wide instead.
        var avgOverflow = false
        /// Per aggregate: every row of the part was folded (no nulls, no selection), so the
        /// rows seen per group are the part's row counts, copied into `seen` at the end.
        var seenAllRows: [Bool]

        init(domain: Int, aggregates: Int) {
            count = [Int64](repeating: 0, count: domain)
            ints = Array(repeating: [], count: aggregates)
            doubles = Array(repeating: [], count: aggregates)
            seen = Array(repeating: [], count: aggregates)
            scales = Array(repeating: 0, count: aggregates)
            seenAllRows = Array(repeating: false, count: aggregates)
        }
    }

    func accumulate(_ rel: Relation, _ selection: [Int32]?, _ keys: [(String, BoundExpr)], _ keyCodes: [KeyCodes],
                    _ domain: Int, _ aggregates: [BoundAggregate], _ argColumns: [Column?],
                    filterCode: Int32? = nil) throws(Diagnostic) -> Relation? {
        let n = selection?.count ?? rel.count
        let parts = Parallel.parts(for: n)
        let accs = (0..<parts).map { _ in Accumulators(domain: domain, aggregates: aggregates.count) }
        let sel = selection
        let flag = cancellation
        Parallel.forEachPart(n, parts: parts) { part, range in
            let acc = accs[part]
            if keyCodes.isEmpty && argColumns.allSatisfy({ $0 == nil }) {
                acc.count[0] = Int64(range.count)   // plain counts need no pass over the rows
                return
            }
            if argColumns.allSatisfy({ $0 == nil }), sel == nil, DenseAggregate.countBytes(keyCodes, range, domain, acc) {
                return
            }
            // The rows go by in blocks whose group numbers stay in the cache, instead of one
            // array of group numbers as long as the part; every aggregate folds each block.
            var groups = [Int32](repeating: 0, count: min(DenseAggregate.block, range.count))
            var start = range.lowerBound
            while start < range.upperBound {
                let block = start..<min(start &+ DenseAggregate.block, range.upperBound)
                if groups.count != block.count { groups = [Int32](repeating: 0, count: block.count) }
                groups.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                DenseAggregate.groupNumbers(keyCodes, sel, block, &groups)
                DenseAggregate.countGroups(groups, acc)
                for (j, agg) in aggregates.enumerated() {
                    guard let col = argColumns[j] else { continue }
                    DenseAggregate.fold(agg, col, groups, sel, block, domain, acc, j)
                }
                if flag.isRaised { return }
                start = block.upperBound
            }
            for j in aggregates.indices where acc.seenAllRows[j] { acc.seen[j] = acc.count }
        }
        try cancellation.check()
        // Merge the parts into the first.
        let total = accs[0]
        for other in accs.dropFirst() {
            for g in 0..<domain { total.count[g] &+= other.count[g] }
            total.overflow = total.overflow || other.overflow
            total.avgOverflow = total.avgOverflow || other.avgOverflow
            for j in aggregates.indices {
                merge(aggregates[j], total, other, j, domain)
            }
        }
        // A 64-bit sum that wrapped may still end inside 64 bits, as the order of the rows
        // decides: the general path sums it wide and says whether the total fits.
        if total.overflow || total.avgOverflow { return nil }
        // A float sum beyond a double's range is an overflow too, never `inf`; an average's
        // is not: the general path finds it from scaled values.
        for (j, agg) in aggregates.enumerated() where agg.kind == .sum || agg.kind == .avg {
            guard total.doubles[j].contains(where: { !$0.isFinite }) else { continue }
            if agg.kind == .avg { return nil }
            throw Accumulate.sumOverflow(agg, float: true)
        }
        return output(keys, keyCodes, domain, aggregates, total, totalRows: n, filterCode: filterCode)
    }

    /// Rows per block: their group numbers (32 KiB) stay in the first-level cache.
    static let block = 1 << 13

    /// Counts the rows of a part by one or two keys stored one byte a row without nulls (small
    /// integers, or text with one-byte codes) straight from the bytes: no group numbers in
    /// between. Small tables are kept four times, interleaved by row, so consecutive rows of
    /// one group do not wait on each other's increments. False when the keys are not such.
    static func countBytes(_ keys: [KeyCodes], _ range: Range<Int>, _ domain: Int, _ acc: Accumulators) -> Bool {
        guard keys.count == 1 || keys.count == 2 else { return false }
        var codes: [[UInt8]] = []
        for k in keys {
            guard k.column.nulls == nil else { return false }
            switch k.column.storage {
            case .bytes(let b, _): codes.append(b)
            case .text(let c, _):
                guard let small = k.column.smallCodes, small.count == c.count else { return false }
                codes.append(small)
            default: return false
            }
        }
        let copies = domain <= 4096 ? 4 : 1
        var tables = [Int64](repeating: 0, count: copies * domain)
        let second = keys.count == 2 ? codes[1] : codes[0]
        let stride = keys.count == 2 ? keys[1].cardinality : 0
        codes[0].withUnsafeBufferPointer { p in
            second.withUnsafeBufferPointer { q in
                tables.withUnsafeMutableBufferPointer { t in
                    // Group of row i: p[i] for one key; p[i] * stride + q[i] for two.
                    @inline(__always) func group(_ i: Int) -> Int {
                        stride == 0 ? Int(p[i]) : Int(p[i]) &* stride &+ Int(q[i])
                    }
                    var i = range.lowerBound
                    if copies == 4 {
                        while i &+ 4 <= range.upperBound {
                            t[group(i)] &+= 1
                            t[domain &+ group(i &+ 1)] &+= 1
                            t[2 &* domain &+ group(i &+ 2)] &+= 1
                            t[3 &* domain &+ group(i &+ 3)] &+= 1
                            i &+= 4
                        }
                    }
                    while i < range.upperBound { t[group(i)] &+= 1; i &+= 1 }
                }
            }
        }
        for g in 0..<domain {
            var sum: Int64 = 0
            for c in 0..<copies { sum &+= tables[c &* domain &+ g] }
            acc.count[g] &+= sum
        }
        return true
    }

    /// Each row's group: the key codes in mixed radix.
    static func groupNumbers(_ keys: [KeyCodes], _ sel: [Int32]?, _ range: Range<Int>, _ groups: inout [Int32]) {
        groups.withUnsafeMutableBufferPointer { g in
            for k in keys {
                let card = Int32(k.cardinality)
                let nullCode = card - 1
                let nulls = k.column.nulls
                switch k.column.storage {
                case .text where k.column.smallCodes != nil:
                    // One byte a row: the codes of a dictionary of at most 256 values.
                    k.column.smallCodes?.withUnsafeBufferPointer { c in
                        if let sel {
                            for (o, i) in range.enumerated() {
                                let r = Int(sel[i])
                                g[o] = g[o] &* card &+ ((nulls?[r] ?? false) ? nullCode : Int32(c[r]))
                            }
                        } else if nulls == nil, let codes = c.baseAddress.map({ $0 + range.lowerBound }) {
                            // Index arithmetic the compiler vectorizes (a byte widened, a multiply, an add).
                            for o in 0..<range.count { g[o] = g[o] &* card &+ Int32(codes[o]) }
                        } else {
                            for (o, i) in range.enumerated() { g[o] = g[o] &* card &+ ((nulls?[i] ?? false) ? nullCode : Int32(c[i])) }
                        }
                    }
                case .text(let codes, _):
                    codes.withUnsafeBufferPointer { c in
                        if let sel {
                            for (o, i) in range.enumerated() {
                                let r = Int(sel[i])
                                g[o] = g[o] &* card &+ ((nulls?[r] ?? false) ? nullCode : c[r])
                            }
                        } else if nulls == nil, let codes = c.baseAddress.map({ $0 + range.lowerBound }) {
                            for o in 0..<range.count { g[o] = g[o] &* card &+ codes[o] }
                        } else {
                            for (o, i) in range.enumerated() { g[o] = g[o] &* card &+ ((nulls?[i] ?? false) ? nullCode : c[i]) }
                        }
                    }
                case .bytes(let codes, _):
                    // One byte a row, already less the lower bound (`DenseAggregate.codes`).
                    codes.withUnsafeBufferPointer { p in
                        if let sel {
                            for (o, i) in range.enumerated() {
                                let r = Int(sel[i])
                                g[o] = g[o] &* card &+ ((nulls?[r] ?? false) ? nullCode : Int32(p[r]))
                            }
                        } else if nulls == nil, let codes = p.baseAddress.map({ $0 + range.lowerBound }) {
                            for o in 0..<range.count { g[o] = g[o] &* card &+ Int32(codes[o]) }
                        } else {
                            for (o, i) in range.enumerated() {
                                g[o] = g[o] &* card &+ ((nulls?[i] ?? false) ? nullCode : Int32(p[i]))
                            }
                        }
                    }
                case .ints(let v):
                    let lo = k.lo
                    v.withUnsafeBufferPointer { p in
                        if let sel {
                            for (o, i) in range.enumerated() {
                                let r = Int(sel[i])
                                g[o] = g[o] &* card &+ ((nulls?[r] ?? false) ? nullCode : Int32(truncatingIfNeeded: p[r] &- lo))
                            }
                        } else if nulls == nil {
                            for (o, i) in range.enumerated() { g[o] = g[o] &* card &+ Int32(truncatingIfNeeded: p[i] &- lo) }
                        } else {
                            for (o, i) in range.enumerated() {
                                g[o] = g[o] &* card &+ ((nulls?[i] ?? false) ? nullCode : Int32(truncatingIfNeeded: p[i] &- lo))
                            }
                        }
                    }
                case .decimals, .floats, .strings:
                    // `DenseAggregate.codes` takes no such key.
                    break
                }
            }
        }
    }

    static func countGroups(_ groups: [Int32], _ acc: Accumulators) {
        acc.count.withUnsafeMutableBufferPointer { c in
            groups.withUnsafeBufferPointer { g in for x in g { c[Int(x)] &+= 1 } }
        }
    }

    /// Folds one block of an aggregate's input into its accumulator (created on the first block).
    static func fold(_ agg: BoundAggregate, _ col: Column, _ groups: [Int32], _ sel: [Int32]?, _ range: Range<Int>,
                     _ domain: Int, _ acc: Accumulators, _ j: Int) {
        let nulls = col.nulls
        if acc.seen[j].isEmpty { acc.seen[j] = [Int64](repeating: 0, count: domain) }
        switch col.storage {
        case .ints(let v), .decimals(let v, _):
            // Decimals at one scale add, compare and overflow as their units do.
            if case .decimals(_, let s) = col.storage { acc.scales[j] = s }
            v.withUnsafeBufferPointer { p in foldIntegers(agg, p, base: 0, nulls, groups, sel, range, domain, acc, j) }
        case .bytes(let v, let base):
            v.withUnsafeBufferPointer { p in foldIntegers(agg, p, base: base, nulls, groups, sel, range, domain, acc, j) }
        case .floats(let v):
            if acc.doubles[j].isEmpty {
                acc.doubles[j] = [Double](repeating: agg.kind == .min ? .infinity : agg.kind == .max ? -.infinity : 0, count: domain)
            }
            @inline(__always) func row(_ o: Int) -> Int { sel.map { Int($0[range.lowerBound + o]) } ?? (range.lowerBound + o) }
            acc.doubles[j].withUnsafeMutableBufferPointer { out in
                acc.seen[j].withUnsafeMutableBufferPointer { seen in
                    for o in 0..<groups.count {
                        let r = row(o)
                        if let nulls, nulls[r] { continue }
                        let g = Int(groups[o]), x = v[r]
                        seen[g] &+= 1
                        switch agg.kind {
                        case .min: out[g] = min(out[g], x)
                        case .max: out[g] = max(out[g], x)
                        default: out[g] += x
                        }
                    }
                }
            }
        case .text, .strings:
            break
        }
    }

    /// `fold` over integers stored `T` wide: each value is `base + p[row]`.
    @inline(__always)
    static func foldIntegers<T: FixedWidthInteger>(_ agg: BoundAggregate, _ p: UnsafeBufferPointer<T>, base: Int64, _ nulls: Bitmap?,
                                                   _ groups: [Int32], _ sel: [Int32]?, _ range: Range<Int>, _ domain: Int,
                                                   _ acc: Accumulators, _ j: Int) {
        @inline(__always) func row(_ o: Int) -> Int { sel.map { Int($0[range.lowerBound + o]) } ?? (range.lowerBound + o) }
        if acc.ints[j].isEmpty {
            acc.ints[j] = [Int64](repeating: agg.kind == .min ? .max : agg.kind == .max ? .min : 0, count: domain)
        }
        if sel == nil, nulls == nil, agg.kind == .sum || agg.kind == .avg || agg.kind == .pct {
            foldAllRows(agg.kind, p, base: base, groups, range, acc, j)
            return
        }
        var overflow = false
        acc.ints[j].withUnsafeMutableBufferPointer { a in
            acc.seen[j].withUnsafeMutableBufferPointer { s in
                for o in 0..<groups.count {
                    let r = row(o)
                    if let nulls, nulls[r] { continue }
                    let g = Int(groups[o]), x = base &+ Int64(truncatingIfNeeded: p[r])
                    s[g] &+= 1
                    switch agg.kind {
                    case .min: if x < a[g] { a[g] = x }
                    case .max: if x > a[g] { a[g] = x }
                    case .pct: a[g] &+= x != 0 ? 1 : 0
                    default:
                        let (sum, o) = a[g].addingReportingOverflow(x)
                        a[g] = sum
                        overflow = overflow || o
                    }
                }
            }
        }
        if agg.kind == .avg { acc.avgOverflow = acc.avgOverflow || overflow } else { acc.overflow = acc.overflow || overflow }
    }

    /// `foldIntegers` for `sum`, `avg` and `pct` over every row of a block of a column without
    /// nulls: no selection, null test or choice of aggregate per row, and no count of the rows
    /// seen (the part's row counts are those, `seenAllRows`). Values one or two bytes wide
    /// near their base cannot overflow 64 bits in fewer than 2^31 rows, so they add unchecked.
    @inline(__always)
    static func foldAllRows<T: FixedWidthInteger>(_ kind: AggregateKind, _ p: UnsafeBufferPointer<T>, base: Int64,
                                                  _ groups: [Int32], _ range: Range<Int>, _ acc: Accumulators, _ j: Int) {
        acc.seenAllRows[j] = true
        let start = range.lowerBound
        var overflow = false
        acc.ints[j].withUnsafeMutableBufferPointer { a in
            groups.withUnsafeBufferPointer { g in
                if kind == .pct {
                    for o in 0..<g.count { a[Int(g[o])] &+= base &+ Int64(truncatingIfNeeded: p[start &+ o]) != 0 ? 1 : 0 }
                } else if T.bitWidth <= 16, base.magnitude < 1 << 31 {
                    for o in 0..<g.count { a[Int(g[o])] &+= base &+ Int64(truncatingIfNeeded: p[start &+ o]) }
                } else {
                    for o in 0..<g.count {
                        let (sum, o1) = a[Int(g[o])].addingReportingOverflow(base &+ Int64(truncatingIfNeeded: p[start &+ o]))
                        a[Int(g[o])] = sum
                        overflow = overflow || o1
                    }
                }
            }
        }
        if kind == .avg { acc.avgOverflow = acc.avgOverflow || overflow } else { acc.overflow = acc.overflow || overflow }
    }

    func merge(_ agg: BoundAggregate, _ into: Accumulators, _ other: Accumulators, _ j: Int, _ domain: Int) {
        guard !other.seen[j].isEmpty else { return }
        if into.seen[j].isEmpty {
            // This part saw no row of the aggregate: the other's accumulators are the sum.
            (into.seen[j], into.ints[j], into.doubles[j]) = (other.seen[j], other.ints[j], other.doubles[j])
            into.scales[j] = other.scales[j]
            return
        }
        for g in 0..<domain {
            into.seen[j][g] &+= other.seen[j][g]
            if !into.ints[j].isEmpty {
                let (a, b) = (into.ints[j][g], other.ints[j][g])
                switch agg.kind {
                case .min: into.ints[j][g] = min(a, b)
                case .max: into.ints[j][g] = max(a, b)
                default:
                    let (s, o) = a.addingReportingOverflow(b)
                    into.ints[j][g] = s
                    if agg.kind == .avg { into.avgOverflow = into.avgOverflow || o } else { into.overflow = into.overflow || o }
                }
            }
            if !into.doubles[j].isEmpty {
                let (a, b) = (into.doubles[j][g], other.doubles[j][g])
                switch agg.kind {
                case .min: into.doubles[j][g] = min(a, b)
                case .max: into.doubles[j][g] = max(a, b)
                default: into.doubles[j][g] = a + b
                }
            }
        }
    }
}
