import Foundation

/// Predicates turned straight into selection vectors, without a column of booleans in between.
///
/// `a and b` filters the rows `a` kept; a column compared with a literal is decided once per
/// dictionary entry for text, or by a tight loop over the values for numbers.
extension Evaluator {
    /// The rows (of `within`, or all rows) where the predicate is true; null counts as false.
    func select(_ p: BoundExpr, within: [Int32]?) throws(Diagnostic) -> [Int32] {
        try cancellation.check()
        switch p {
        case .call(.and, let args, _, _) where args.count == 2:
            let first = try select(args[0], within: within)
            return try select(args[1], within: first)
        case .call(let op, let args, _, _) where args.count == 2 && Comparison.isComparison(op):
            if case .column(let name, _) = args[0], case .literal(let v, _) = args[1], !v.isNull {
                return try compareSelect(op, try relation.column(name), v, within)
            }
            if case .literal(let v, _) = args[0], case .column(let name, _) = args[1], !v.isNull {
                return try compareSelect(Comparison.flip(op), try relation.column(name), v, within)
            }
        case .call(.inList(let values), let args, _, _):
            if case .column(let name, _) = args[0] {
                let c = try relation.column(name)
                if case (let codes, let dict)? = c.dictionaryEncoded {
                    var hit = [Bool](repeating: false, count: dict.values.count)
                    for v in values { if case .text(let s) = v, let code = dict.code(of: s) { hit[Int(code)] = true } }
                    return Evaluator.filterText(c, codes, nulls: c.nulls, answers: hit, within: within)
                }
                if case .bytes(_, let base) = c.storage {
                    let wanted = Set(values.compactMap(Comparison.intLiteral))
                    return Evaluator.filterBytes(c, within: within) { wanted.contains(base &+ Int64($0)) }
                }
            }
        case .call(let op, let args, _, let span) where op.matchesText:
            if case .column(let name, _) = args[0], case .literal(.text(let needle), _) = args[1] {
                let c = try relation.column(name)
                if case .text(let codes, let dict) = c.storage {
                    let answers = try TextMatch.answers(op, needle: needle, dictionary: dict, span: span, cancellation: cancellation)
                    return Evaluator.filterText(c, codes, nulls: c.nulls, answers: answers, within: within)
                }
                if case .strings(let s) = c.storage {
                    let answers = try PlainTextKernels.matchAnswers(op, needle: needle, s, span: span, cancellation: cancellation)
                    return PlainTextKernels.filterRows(answers, nulls: c.nulls, within: within)
                }
            }
        case .column(let name, .bool):
            let c = try relation.column(name)
            if case .ints(let v) = c.storage {
                return Evaluator.filterInts(v, nulls: c.nulls, within: within) { $0 != 0 }
            }
            if case .bytes(_, let base) = c.storage {
                return Evaluator.filterBytes(c, within: within) { base &+ Int64($0) != 0 }
            }
        default:
            break
        }
        // The general path: evaluate the condition as a column, keep the true rows.
        let all = try selection(p)
        guard let within else { return all }
        return Evaluator.intersect(within, all)
    }

    func compareSelect(_ op: ScalarOp, _ c: Column, _ v: Value, _ within: [Int32]?) throws(Diagnostic) -> [Int32] {
        switch c.storage {
        case .strings(let s) where op == .eq || op == .ne:
            guard case .text(let lit) = v else { break }
            var answers = PlainTextKernels.equal(s, lit)
            if op == .ne { for i in answers.indices { answers[i].toggle() } }
            return PlainTextKernels.filterRows(answers, nulls: c.nulls, within: within)
        case .text, .strings:
            guard case .text(let lit) = v else { break }
            let (codes, dict) = c.knownTextCodes
            let answers: [Bool]
            if op == .eq || op == .ne {
                let hit = dict.code(of: lit).map(Int.init) ?? -1
                answers = (0..<dict.values.count).map { ($0 == hit) == (op == .eq) }
            } else {
                answers = dict.values.map { Comparison.holds(op, Collation.compare($0, lit)) }
            }
            return Evaluator.filterText(c, codes, nulls: c.nulls, answers: answers, within: within)
        case .bytes(_, let base):
            guard let lit = Comparison.intLiteral(v) else { break }
            return Evaluator.filterBytes(c, within: within) {
                let x = base &+ Int64($0)
                return Comparison.holds(op, x < lit ? -1 : x > lit ? 1 : 0)
            }
        case .ints(let values):
            guard let lit = Comparison.intLiteral(v) else { break }
            switch op {
            case .eq: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 == lit }
            case .ne: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 != lit }
            case .lt: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 < lit }
            case .le: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 <= lit }
            case .gt: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 > lit }
            default: return Evaluator.filterInts(values, nulls: c.nulls, within: within) { $0 >= lit }
            }
        case .decimals(let values, let s):
            guard case .decimal(let lit) = v else { break }
            if let l = lit.rescaled(to: s), l.scale == s {
                let u = l.units
                return Evaluator.filterInts(values, nulls: c.nulls, within: within) { Comparison.holds(op, $0 < u ? -1 : $0 > u ? 1 : 0) }
            }
            return Evaluator.filterInts(values, nulls: c.nulls, within: within) {
                Comparison.holds(op, DecimalValue.compare($0, s, lit.units, lit.scale))
            }
        case .floats(let values):
            guard let lit = v.numeric else { break }
            return Evaluator.filterDoubles(values, nulls: c.nulls, within: within) { Comparison.holds(op, $0 < lit ? -1 : $0 > lit ? 1 : 0) }
        }
        throw Diagnostic.internalError("comparing \(c.type) with \(v)")
    }

    /// The rows whose code's answer is true: dictionary codes of text (four bytes or, for a
    /// dictionary of at most 256 values, one), or the bytes of a `.bytes` integer column.
    static func filterCodes<C: FixedWidthInteger>(_ codes: [C], nulls: Bitmap?, answers: [Bool], within: [Int32]?) -> [Int32] {
        // Whole columns without nulls are scanned in parts on all cores.
        if within == nil, nulls == nil, Parallel.parts(for: codes.count) > 1 {
            return codes.withUnsafeBufferPointer { c in
                answers.withUnsafeBufferPointer { a in
                    let cs = SharedBuffer(base: c), ans = SharedBuffer(base: a)
                    return parallelFilter(c.count) { range, out in
                        // Branch-free: write every index, advance past the kept ones.
                        let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: range.count)
                        defer { buffer.deallocate() }
                        var k = 0
                        for i in range {
                            buffer[k] = Int32(truncatingIfNeeded: i)
                            k &+= ans.base[Int(cs.base[i])] ? 1 : 0
                        }
                        out.append(contentsOf: buffer[0..<k])
                    }
                }
            }
        }
        var out: [Int32] = []
        answers.withUnsafeBufferPointer { a in
            codes.withUnsafeBufferPointer { c in
                if let within {
                    out.reserveCapacity(within.count / 2)
                    for r in within where a[Int(c[Int(r)])] && !(nulls?[Int(r)] ?? false) { out.append(r) }
                } else {
                    out.reserveCapacity(c.count / 8)
                    if let nulls {
                        for i in 0..<c.count where a[Int(c[i])] && !nulls[i] { out.append(Int32(truncatingIfNeeded: i)) }
                    } else {
                        for i in 0..<c.count where a[Int(c[i])] { out.append(Int32(truncatingIfNeeded: i)) }
                    }
                }
            }
        }
        return out
    }

    /// Rows `0..<n` where `keep` holds, found in parallel parts and joined in order.
    static func parallelFilter(_ n: Int, _ scan: @Sendable (Range<Int>, inout [Int32]) -> Void) -> [Int32] {
        let parts = Parallel.parts(for: n)
        let results = UnsafeMutablePointer<[Int32]>.allocate(capacity: parts)
        results.initialize(repeating: [], count: parts)
        defer { results.deinitialize(count: parts); results.deallocate() }
        let shared = SharedPointer(base: results)
        Parallel.forEachPart(n, parts: parts) { p, range in
            var out: [Int32] = []
            out.reserveCapacity(range.count / 8)
            scan(range, &out)
            shared.base[p] = out
        }
        var all: [Int32] = []
        all.reserveCapacity((0..<parts).reduce(0) { $0 + results[$1].count })
        for p in 0..<parts { all.append(contentsOf: results[p]) }
        return all
    }

    /// `filterCodes` over a text column's one-byte codes when it has them, else `codes`.
    static func filterText(_ c: Column, _ codes: [Int32], nulls: Bitmap?, answers: [Bool], within: [Int32]?) -> [Int32] {
        if let small = c.smallCodes, small.count == codes.count, answers.count <= 256 {
            return filterCodes(small, nulls: nulls, answers: answers, within: within)
        }
        return filterCodes(codes, nulls: nulls, answers: answers, within: within)
    }

    /// The rows of a `.bytes` column whose byte `keep` accepts, deciding each of the 256 bytes once.
    static func filterBytes(_ c: Column, within: [Int32]?, _ keep: (UInt8) -> Bool) -> [Int32] {
        guard case .bytes(let codes, _) = c.storage else { return [] }
        let answers = (0...255).map { keep(UInt8($0)) }
        return filterCodes(codes, nulls: c.nulls, answers: answers, within: within)
    }

    @inline(__always)
    static func filterInts(_ values: [Int64], nulls: Bitmap?, within: [Int32]?, _ keep: (Int64) -> Bool) -> [Int32] {
        var out: [Int32] = []
        values.withUnsafeBufferPointer { v in
            if let within {
                out.reserveCapacity(within.count / 2)
                for r in within where keep(v[Int(r)]) && !(nulls?[Int(r)] ?? false) { out.append(r) }
            } else {
                out.reserveCapacity(v.count / 8)
                if let nulls {
                    for i in 0..<v.count where keep(v[i]) && !nulls[i] { out.append(Int32(truncatingIfNeeded: i)) }
                } else {
                    for i in 0..<v.count where keep(v[i]) { out.append(Int32(truncatingIfNeeded: i)) }
                }
            }
        }
        return out
    }

    @inline(__always)
    static func filterDoubles(_ values: [Double], nulls: Bitmap?, within: [Int32]?, _ keep: (Double) -> Bool) -> [Int32] {
        var out: [Int32] = []
        if let within {
            for r in within where keep(values[Int(r)]) && !(nulls?[Int(r)] ?? false) { out.append(r) }
        } else {
            for i in 0..<values.count where keep(values[i]) && !(nulls?[i] ?? false) { out.append(Int32(truncatingIfNeeded: i)) }
        }
        return out
    }

    /// Rows in both sorted selections.
    static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return out
    }
}

/// Text matching decided once per dictionary entry.
enum TextMatch {
    static func answers(_ op: ScalarOp, needle: String, dictionary dict: TextDictionary, span: Span,
                        cancellation: CancellationFlag) throws(Diagnostic) -> [Bool] {
        if op == .matches {
            return try PatternMatch.answers(needle, dict.values, span: span, cancellation: cancellation)
        }
        return TextFold.answers(dict.values, needle, op.textOperation ?? .contains)
    }
}

extension Comparison {
    static func isComparison(_ op: ScalarOp) -> Bool {
        switch op {
        case .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }

    /// A literal of an integer-backed type as its stored Int64.
    static func intLiteral(_ v: Value) -> Int64? {
        switch v {
        case .int(let i), .date(let i), .timestamp(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .halfYear(let h): return Int64(h.ordinal)
        case .category(let i, _): return Int64(i)
        default: return nil
        }
    }
}
