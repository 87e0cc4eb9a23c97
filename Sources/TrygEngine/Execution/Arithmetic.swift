/// Arithmetic kernels. Integer overflow is an error; division by zero gives null.
enum Arithmetic {
    static func apply(_ op: ScalarOp, _ cols: [Column], _ type: DataType, _ span: Span) throws(Diagnostic) -> Column {
        let n = cols[0].count
        if op == .negate {
            let x = cols[0]
            switch x.storage {
            case .ints(let p):
                var out = [Int64](repeating: 0, count: n)
                for i in 0..<n where !x.isNull(i) {
                    let (r, o) = Int64(0).subtractingReportingOverflow(p[i])
                    if o { throw overflow(span) }
                    out[i] = r
                }
                return Column(type: type, storage: .ints(out), nulls: x.nulls)
            case .decimals(let p):
                return Column(type: type, storage: .decimals(p.map { -$0 }), nulls: x.nulls)
            case .text:
                throw Diagnostic.internalError("negating text")
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
                    r = p[i].remainderReportingOverflow(dividingBy: q[i])
                }
                if r.1 || (type == .date && !(Arithmetic.dayRange.contains(r.0))) { throw overflow(span) }
                out[i] = r.0
            }
            return Column(type: type, storage: .ints(out), nulls: nulls)
        case (.decimals(let p), .decimals(let q)):
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
                if !out[i].isFinite && !nulls[i] { throw overflow(span) }
            }
            return Column(type: type, storage: .decimals(out), nulls: nulls)
        default:
            throw Diagnostic.internalError("arithmetic on \(x.type) and \(y.type)")
        }
    }

    /// Day numbers of the years 1 to 9999.
    static let dayRange: ClosedRange<Int64> = -719_162...2_932_896

    static func overflow(_ span: Span) -> Diagnostic {
        Diagnostic(.error, "number overflow", span: span, label: "the result does not fit in 64 bits",
                   notes: ["help: use decimals (e.g. 1.0 * x) for very large values"])
    }
}
