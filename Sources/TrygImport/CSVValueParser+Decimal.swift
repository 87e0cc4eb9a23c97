import TrygEngine
extension CSVValueParser {
    /// Powers of ten a Double holds exactly, for the fast path below.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?` as a finite Double.
    ///
    /// Most values take Clinger's fast path (a mantissa below 2^53 times an exact power of
    /// ten is correctly rounded); the rest go through the standard library's parser.
    static func decimal(_ b: Bytes) -> Double? {
        let n = b.count
        var (negative, i) = sign(b)
        var mantissa: UInt64 = 0
        var digitsSeen = 0, significant = 0, exponent = 0
        var exact = true
        var longDigits = false

        func accumulate(_ d: UInt8, fraction: Bool) {
            digitsSeen &+= 1
            if mantissa == 0 && d == 0 {
                if fraction { exponent &-= 1 }
            } else if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significant &+= 1
                if fraction { exponent &-= 1 }
            } else {
                if !fraction { exponent &+= 1 }
                if d != 0 { exact = false }
            }
            // More significant digits than `maxDigits`: kept as text, not rounded.
            if significant > CSVValueParser.maxDigits { longDigits = true }
        }

        let integerStart = i
        while i < n, b[i] &- UInt8(ascii: "0") < 10 {
            accumulate(b[i] &- UInt8(ascii: "0"), fraction: false)
            i &+= 1
        }
        // A leading zero before more digits (`0900`, `007.5`) marks an identifier.
        if i &- integerStart > 1, b[integerStart] == UInt8(ascii: "0") { return nil }
        if i < n, b[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < n, b[i] &- UInt8(ascii: "0") < 10 {
                accumulate(b[i] &- UInt8(ascii: "0"), fraction: true)
                i &+= 1
            }
        }
        guard digitsSeen > 0 else { return nil }
        if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i &+= 1
            }
            var value = 0, expDigits = 0
            while i < n, b[i] &- UInt8(ascii: "0") < 10 {
                // Capped: beyond this every Double is zero or infinite anyway.
                if value < 100_000 { value = value &* 10 &+ Int(b[i] &- UInt8(ascii: "0")) }
                expDigits &+= 1
                i &+= 1
            }
            guard expDigits > 0 else { return nil }
            exponent &+= expNegative ? -value : value
        }
        guard i == n, !longDigits else { return nil }

        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if exact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * exactPowersOfTen[exponent] : m / exactPowersOfTen[-exponent]
            return negative ? -v : v
        }
        // Beyond a double's range either way (`1e400`, `1e-400`: no 0 for a number that is not
        // zero) the value is no number, and the column keeps what was written.
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite, v != 0 else { return nil }
        return v
    }

    /// The number as written, exactly, when it has at most 18 significant digits and no
    /// exponent (`1234567.1234567891`, `1.234.567,123456789` with a decimal comma): what a
    /// double would round. Nil for anything else; the caller has read the value as a number.
    static func exactDecimal(_ b: Bytes, _ format: CSVNumberFormat) -> DecimalValue? {
        let n = b.count
        var (negative, i) = sign(b)
        var units: Int64 = 0, significant = 0, scale = 0
        var fraction = false, digits = 0
        while i < n {
            let c = b[i]
            if c &- UInt8(ascii: "0") < 10 {
                digits &+= 1
                if units != 0 || c != UInt8(ascii: "0") { significant &+= 1 }
                guard significant <= maxDigits else { return nil }
                units = units &* 10 &+ Int64(c &- UInt8(ascii: "0"))
                if fraction { scale &+= 1 }
                guard scale <= DecimalValue.maxScale else { return nil }
            } else if c == format.mark, !fraction {
                fraction = true
            } else if !fraction, let t = format.thousands, c == t {
                // grouping, as the caller's parse checked
            } else if !fraction, format.thousands == UInt8(ascii: " "), noBreakSpace(b, at: i) > 0 {
                i &+= noBreakSpace(b, at: i) &- 1
            } else {
                return nil
            }
            i &+= 1
        }
        guard digits > 0 else { return nil }
        return DecimalValue(units: negative ? -units : units, scale: scale)
    }

    /// Whether `b` starts with `-`, and where its digits start (after a `-` or `+`).
    @inline(__always)
    private static func sign(_ b: Bytes) -> (negative: Bool, start: Int) {
        guard let first = b.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else { return (false, 0) }
        return (first == UInt8(ascii: "-"), 1)
    }
}
