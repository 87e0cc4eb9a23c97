import Foundation

/// Comparison kernels: a column against a literal or another column.
enum Comparison {
    static func holds(_ op: ScalarOp, _ c: Int) -> Bool {
        switch op {
        case .eq: return c == 0
        case .ne: return c != 0
        case .lt: return c < 0
        case .le: return c <= 0
        case .gt: return c > 0
        default: return c >= 0
        }
    }

    static func flip(_ op: ScalarOp) -> ScalarOp {
        switch op {
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        default: return op
        }
    }

    /// The spelling of `flip`: `a < b` is `b > a`.
    static func flippedSpelling(_ op: String) -> String {
        ["<": ">", "<=": ">=", ">": "<", ">=": "<="][op] ?? op
    }

    static func compare(_ op: ScalarOp, _ a: BoundExpr, _ b: BoundExpr, _ ev: Evaluator) throws(Diagnostic) -> Column {
        let n = ev.count
        if case .literal(.null, _) = a { return Column.constant(.null, type: .bool, count: n) }
        if case .literal(.null, _) = b { return Column.constant(.null, type: .bool, count: n) }
        if case .literal(let v, _) = b, !a.isLiteral { return try columnVsLiteral(op, try ev.evaluate(a), v, n) }
        if case .literal(let v, _) = a, !b.isLiteral { return try columnVsLiteral(flip(op), try ev.evaluate(b), v, n) }
        let x = try ev.evaluate(a).wide, y = try ev.evaluate(b).wide
        var out = [Int64](repeating: 0, count: n)
        let nulls = union(x.nulls, y.nulls, n)
        switch (x.storage, y.storage) {
        case (.ints(let p), .ints(let q)):
            for i in 0..<n { out[i] = holds(op, p[i] < q[i] ? -1 : p[i] > q[i] ? 1 : 0) ? 1 : 0 }
        case (.decimals(let p, let sp), .decimals(let q, let sq)):
            for i in 0..<n { out[i] = holds(op, DecimalValue.compare(p[i], sp, q[i], sq)) ? 1 : 0 }
        case (.floats(let p), .floats(let q)):
            for i in 0..<n { out[i] = holds(op, p[i] < q[i] ? -1 : p[i] > q[i] ? 1 : 0) ? 1 : 0 }
        case (.text, .text), (.text, .strings), (.strings, .text), (.strings, .strings):
            for i in 0..<n {
                let c = Collation.compare(x.text(at: i) ?? "", y.text(at: i) ?? "")
                out[i] = holds(op, c) ? 1 : 0
            }
        default:
            throw Diagnostic.internalError("comparing \(x.type) with \(y.type)")
        }
        return Column(type: .bool, storage: .ints(out), nulls: nulls)
    }

    static func union(_ a: Bitmap?, _ b: Bitmap?, _ n: Int) -> Bitmap? {
        guard let a else { return b }
        guard let b else { return a }
        var m = a
        for i in 0..<m.words.count { m.words[i] |= b.words[i] }
        return m
    }

    static func columnVsLiteral(_ op: ScalarOp, _ x: Column, _ v: Value, _ n: Int) throws(Diagnostic) -> Column {
        var out = [Int64](repeating: 0, count: n)
        switch x.storage {
        case .bytes(let codes, let base):
            // Decide each of the 256 bytes once, then look the answer up per row.
            guard let lit = intLiteral(v) else { throw Diagnostic.internalError("comparing \(x.type) with a literal \(v)") }
            let answers: [Int64] = (0...255).map { b in
                let value = base &+ Int64(b)
                return holds(op, value < lit ? -1 : value > lit ? 1 : 0) ? 1 : 0
            }
            for i in 0..<n { out[i] = answers[Int(codes[i])] }
        case .ints(let p):
            let lit: Int64
            switch v {
            case .int(let i), .date(let i), .timestamp(let i): lit = i
            case .bool(let b): lit = b ? 1 : 0
            case .halfYear(let h): lit = Int64(h.ordinal)
            case .category(let i, _): lit = Int64(i)
            default: throw Diagnostic.internalError("comparing \(x.type) with a literal \(v)")
            }
            p.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    switch op {
                    case .eq: for i in 0..<n { dst[i] = src[i] == lit ? 1 : 0 }
                    case .ne: for i in 0..<n { dst[i] = src[i] != lit ? 1 : 0 }
                    case .lt: for i in 0..<n { dst[i] = src[i] < lit ? 1 : 0 }
                    case .le: for i in 0..<n { dst[i] = src[i] <= lit ? 1 : 0 }
                    case .gt: for i in 0..<n { dst[i] = src[i] > lit ? 1 : 0 }
                    default: for i in 0..<n { dst[i] = src[i] >= lit ? 1 : 0 }
                    }
                }
            }
        case .decimals(let p, let s):
            guard case .decimal(let lit) = v else { throw Diagnostic.internalError("decimal vs \(v)") }
            if let l = lit.rescaled(to: max(s, lit.scale)), l.scale == s {
                // The usual case: the literal at the column's scale, one integer comparison a row.
                let u = l.units
                for i in 0..<n { out[i] = holds(op, p[i] < u ? -1 : p[i] > u ? 1 : 0) ? 1 : 0 }
            } else {
                for i in 0..<n { out[i] = holds(op, DecimalValue.compare(p[i], s, lit.units, lit.scale)) ? 1 : 0 }
            }
        case .floats(let p):
            guard let lit = v.numeric else { throw Diagnostic.internalError("float vs \(v)") }
            for i in 0..<n { out[i] = holds(op, p[i] < lit ? -1 : p[i] > lit ? 1 : 0) ? 1 : 0 }
        case .strings(let s) where op == .eq || op == .ne:
            guard case .text(let lit) = v else { throw Diagnostic.internalError("text vs \(v)") }
            let equal = PlainTextKernels.equal(s, lit)
            for i in 0..<n { out[i] = equal[i] == (op == .eq) ? 1 : 0 }
        case .text, .strings:
            guard case .text(let lit) = v else { throw Diagnostic.internalError("text vs \(v)") }
            let (codes, dict) = x.knownTextCodes
            // Decide once per dictionary entry, then look the answer up per row.
            let answers: [Int64]
            if op == .eq || op == .ne {
                let hit = dict.code(of: lit)
                answers = (0..<dict.values.count).map { Int64(($0 == Int(hit ?? -1)) == (op == .eq) ? 1 : 0) }
            } else {
                answers = dict.values.map { holds(op, Collation.compare($0, lit)) ? 1 : 0 }
            }
            answers.withUnsafeBufferPointer { a in
                codes.withUnsafeBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { dst in
                        for i in 0..<n { dst[i] = a[Int(c[i])] }
                    }
                }
            }
        }
        return Column(type: .bool, storage: .ints(out), nulls: x.nulls)
    }

    static func inList(_ x: Column, _ values: [Value]) throws(Diagnostic) -> Column {
        let n = x.count
        var out = [Int64](repeating: 0, count: n)
        switch x.storage {
        case .text, .strings:
            let (codes, dict) = x.knownTextCodes
            var hit = [Int64](repeating: 0, count: dict.values.count)
            for v in values { if case .text(let s) = v, let c = dict.code(of: s) { hit[Int(c)] = 1 } }
            for i in 0..<n { out[i] = hit[Int(codes[i])] }
        case .ints(let p):
            var set = Set<Int64>()
            for v in values {
                switch v {
                case .int(let i), .date(let i), .timestamp(let i): set.insert(i)
                case .bool(let b): set.insert(b ? 1 : 0)
                case .halfYear(let h): set.insert(Int64(h.ordinal))
                case .category(let i, _): set.insert(Int64(i))
                default: break
                }
            }
            for i in 0..<n { out[i] = set.contains(p[i]) ? 1 : 0 }
        case .bytes(let codes, let base):
            let set = Set(values.compactMap(intLiteral))
            let answers: [Int64] = (0...255).map { set.contains(base &+ Int64($0)) ? 1 : 0 }
            for i in 0..<n { out[i] = answers[Int(codes[i])] }
        case .decimals(let p, let s):
            // Values with more decimals than the column holds match no row.
            var set = Set<Int64>()
            for v in values {
                if case .decimal(let d) = v, d.scale <= s, let u = d.rescaled(to: s) { set.insert(u.units) }
                if case .decimal(let d) = v, d.scale > s, let r = d.rounded(s), r == d { set.insert(r.units) }
                if case .int(let i) = v, let u = DecimalValue.rescale(i, from: 0, to: s) { set.insert(u) }
            }
            for i in 0..<n { out[i] = set.contains(p[i]) ? 1 : 0 }
        case .floats(let p):
            let set = Set(values.compactMap(\.numeric))
            for i in 0..<n { out[i] = set.contains(p[i]) ? 1 : 0 }
        }
        return Column(type: .bool, storage: .ints(out), nulls: x.nulls)
    }
}

/// Danish collation for text: æ, ø, å after z, case differences last.
enum Collation {
    static let locale = Locale(identifier: "da_DK")

    static func compare(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        switch a.compare(b, options: [], range: nil, locale: locale) {
        case .orderedAscending: return -1
        case .orderedDescending: return 1
        case .orderedSame: return a < b ? -1 : (a > b ? 1 : 0)
        }
    }

    /// For each dictionary code, its rank in Danish order.
    static func ranks(_ dict: TextDictionary) -> [Int32] {
        let order = dict.values.indices.sorted { compare(dict.values[$0], dict.values[$1]) < 0 }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, i) in order.enumerated() { rank[i] = Int32(r) }
        return rank
    }
}
