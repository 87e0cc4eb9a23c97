/// Arithmetic kernels. Integer and decimal overflow is an error; division by zero gives null.
enum Arithmetic {
    static func apply(_ op: ScalarOp, _ cols: [Column], _ type: DataType, _ span: Span) throws(Diagnostic) -> Column {
        let cols = cols.map(\.wide)   // the kernels read integers eight bytes a row
        let n = cols[0].count
        if op == .negate {
            let x = cols[0]
            switch x.storage {
            case .ints(let p):
                return Column(type: type, storage: .ints(try negated(p, x, span)), nulls: x.nulls)
            case .decimals(let p, let s):
                return Column(type: type, storage: .decimals(try negated(p, x, span), scale: s), nulls: x.nulls)
            case .floats(let p):
                return Column(type: type, storage: .floats(p.map { -$0 }), nulls: x.nulls)
            case .text, .strings, .bytes:
                throw Diagnostic.internalError("negating \(x.type)")
            }
        }
        let x = cols[0], y = cols[1]
        var nulls = Comparison.union(x.nulls, y.nulls, n) ?? Bitmap(count: n)
        switch (x.storage, y.storage) {
        case (.ints(let p), .ints(let q)):
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where !nulls[i] {
                let r: (Int64, Bool)
                switch op {
                case .add: r = p[i].addingReportingOverflow(q[i])
                case .sub: r = p[i].subtractingReportingOverflow(q[i])
                case .mul: r = p[i].multipliedReportingOverflow(by: q[i])
                default:
                    if q[i] == 0 { nulls[i] = true; continue }
                    // Int64.min % -1 is 0 (the quotient is what does not fit).
                    r = q[i] == -1 ? (0, false) : p[i].remainderReportingOverflow(dividingBy: q[i])
                }
                if type == .date && (r.1 || !Arithmetic.dayRange.contains(r.0)) { throw dateOutOfRange(span) }
                if r.1 { throw overflow(span) }
                out[i] = r.0
            }
            return Column(type: type, storage: .ints(out), nulls: nulls)
        case (.decimals(let p, let sp), .decimals(let q, let sq)):
            return try decimal(op, p, sp, q, sq, &nulls, type, span)
        case (.floats(let p), .floats(let q)):
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n where !nulls[i] {
                switch op {
                case .add: out[i] = p[i] + q[i]
                case .sub: out[i] = p[i] - q[i]
                case .mul: out[i] = p[i] * q[i]
                case .div:
                    if q[i] == 0 { nulls[i] = true } else { out[i] = p[i] / q[i] }
                default:
                    if q[i] == 0 { nulls[i] = true } else { out[i] = p[i].truncatingRemainder(dividingBy: q[i]) }
                }
                if !out[i].isFinite && !nulls[i] { throw overflow(span, float: true) }
            }
            return Column(type: type, storage: .floats(out), nulls: nulls)
        default:
            throw Diagnostic.internalError("arithmetic on \(x.type) and \(y.type)")
        }
    }

    private static func negated(_ p: [Int64], _ x: Column, _ span: Span) throws(Diagnostic) -> [Int64] {
        var out = [Int64](repeating: 0, count: p.count)
        for i in 0..<p.count where !x.isNull(i) {
            let (r, o) = Int64(0).subtractingReportingOverflow(p[i])
            if o { throw overflow(span) }
            out[i] = r
        }
        return out
    }

    /// Exact `+ - * %` on decimals: sums at the larger scale, products at the sum of the scales
    /// (rounded half away from zero to 18 decimals when that is more).
    private static func decimal(_ op: ScalarOp, _ p: [Int64], _ sp: Int, _ q: [Int64], _ sq: Int, _ nulls: inout Bitmap,
                                _ type: DataType, _ span: Span) throws(Diagnostic) -> Column {
        let n = p.count
        var out = [Int64](repeating: 0, count: n)
        if op == .mul {
            let s = sp + sq
            let scale = min(s, DecimalValue.maxScale)
            for i in 0..<n where !nulls[i] {
                let (r, o) = p[i].multipliedReportingOverflow(by: q[i])
                if !o && s == scale { out[i] = r; continue }
                let wide = Int128(p[i]) * Int128(q[i])
                guard let v = reduce(wide, by: s - scale) else {
                    // The digits of both factors together, not the size of the answer.
                    throw Diagnostic(.error, "number overflow", code: .overflow, span: span,
                                     label: "the exact product needs more than the 18 digits a decimal holds (\(scale) of them decimals)",
                                     notes: ["help: round a factor first (round(x, 2)), or multiply as floats (x * 1e0)"])
                }
                out[i] = v
            }
            return Column(type: type, storage: .decimals(out, scale: scale), nulls: nulls)
        }
        let s = max(sp, sq)
        for i in 0..<n where !nulls[i] {
            guard let a = DecimalValue.rescale(p[i], from: sp, to: s),
                  let b = DecimalValue.rescale(q[i], from: sq, to: s) else { throw overflow(span) }
            let r: (Int64, Bool)
            switch op {
            case .add: r = a.addingReportingOverflow(b)
            case .sub: r = a.subtractingReportingOverflow(b)
            default:
                if b == 0 { nulls[i] = true; continue }
                r = b == -1 ? (0, false) : a.remainderReportingOverflow(dividingBy: b)
            }
            if r.1 { throw overflow(span) }
            out[i] = r.0
        }
        return Column(type: type, storage: .decimals(out, scale: s), nulls: nulls)
    }

    /// A wide value divided by `10^digits`, rounded half away from zero; nil when it does not fit.
    static func reduce(_ v: Int128, by digits: Int) -> Int64? {
        if digits <= 0 { return Int64(exactly: v) }
        guard digits <= DecimalValue.maxScale else { return 0 }
        let p = Int128(DecimalValue.powers[digits])
        var q = v / p
        if (v % p).magnitude * 2 >= p.magnitude { q += v < 0 ? -1 : 1 }
        return Int64(exactly: q)
    }

    /// Day numbers of the years 1 to 9999.
    static let dayRange: ClosedRange<Int64> = -719_162...2_932_896

    /// A date moved past the calendar's years (1 to 9999) by adding or subtracting days.
    static func dateOutOfRange(_ span: Span) -> Diagnostic {
        Diagnostic(.error, "date out of range", code: .overflow, span: span,
                   label: "the result is not a date of the years 1 to 9999",
                   notes: ["help: a date plus or minus a number of days stays within 0001-01-01 and 9999-12-31"])
    }

    static func overflow(_ span: Span, float: Bool = false) -> Diagnostic {
        float
            ? Diagnostic(.error, "number overflow", code: .overflow, span: span, label: "the result is beyond a float's range (about 1.8e308)")
            : Diagnostic(.error, "number overflow", code: .overflow, span: span, label: "the result does not fit in 64 bits",
                         notes: ["help: a float holds larger values with less precision (e.g. x * 1e0)"])
    }
}
