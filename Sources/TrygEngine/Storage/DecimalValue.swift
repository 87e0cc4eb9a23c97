/// An exact fixed-point number, `units / 10^scale`, as SQL's DECIMAL: what a value written
/// with a decimal mark (`0,10`, `1.005`) is, so that `0.1 + 0.2 = 0.3` holds exactly.
///
/// Equal values of different scales (`0.3`, `0.30`) are equal and hash alike; the scale
/// decides only how the value prints.
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times `10^scale`.
    public let units: Int64
    /// Digits after the decimal mark, 0 … `DecimalValue.maxScale`.
    public let scale: Int

    /// The most digits after the mark: `10^18` still fits in 64 bits.
    public static let maxScale = 18

    /// `10^0` … `10^18`.
    public static let powers: [Int64] = {
        var p: [Int64] = [1]
        for _ in 0..<maxScale { p.append(p[p.count - 1] * 10) }
        return p
    }()

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = max(0, min(DecimalValue.maxScale, scale))
    }

    /// An integer as a decimal of scale 0.
    public init(_ int: Int64) { self.init(units: int, scale: 0) }

    /// The value at a larger (or equal) scale; nil when it does not fit in 64 bits.
    public func rescaled(to newScale: Int) -> DecimalValue? {
        guard let u = DecimalValue.rescale(units, from: scale, to: newScale) else { return nil }
        return DecimalValue(units: u, scale: newScale)
    }

    /// Units at `from` expressed at `to` (`to >= from`); nil on overflow.
    @inline(__always)
    public static func rescale(_ units: Int64, from: Int, to: Int) -> Int64? {
        if to <= from { return units }
        guard to - from <= maxScale else { return units == 0 ? 0 : nil }
        let (r, o) = units.multipliedReportingOverflow(by: powers[to - from])
        return o ? nil : r
    }

    /// The nearest double (correctly rounded for up to 15 significant digits).
    public var double: Double {
        if scale == 0 { return Double(units) }
        if units.magnitude < 1 << 53 { return Double(units) / Double(DecimalValue.powers[scale]) }
        return Double(description) ?? Double(units) / Double(DecimalValue.powers[scale])
    }

    /// Digits with the mark as a point and exactly `scale` decimals (`0.30`, `-1.05`).
    public var description: String { text(mark: ".") }

    /// Digits with the given mark and exactly `scale` decimals.
    public func text(mark: Character) -> String {
        let digits = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        if scale == 0 { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<cut] + String(mark) + padded[cut...]
    }

    /// The value rounded to `digits` decimals, half away from zero (1.005 → 1.01, -0.125 → -0.13);
    /// a negative count rounds to tens, hundreds …; nil when the result does not fit.
    public func rounded(_ digits: Int) -> DecimalValue? {
        let target = min(digits, DecimalValue.maxScale)
        if target >= scale { return self }
        let drop = scale - target
        guard drop <= DecimalValue.maxScale else { return DecimalValue(units: 0, scale: max(0, target)) }
        let p = Int128(DecimalValue.powers[drop])
        let u = Int128(units)
        var q = u / p
        let r = u % p
        if r.magnitude * 2 >= p.magnitude { q += u < 0 ? -1 : 1 }
        if target < 0 {
            // Tens, hundreds …: back to scale 0 with trailing zeros.
            let back = Int128(DecimalValue.powers[-target])
            let whole = q * back
            guard let fit = Int64(exactly: whole) else { return nil }
            return DecimalValue(units: fit, scale: 0)
        }
        guard let fit = Int64(exactly: q) else { return nil }
        return DecimalValue(units: fit, scale: target)
    }

    /// Sign of `a - b`, exact across scales.
    public static func compare(_ a: Int64, _ sa: Int, _ b: Int64, _ sb: Int) -> Int {
        if sa == sb { return a < b ? -1 : (a > b ? 1 : 0) }
        let x = Int128(a) * (sb > sa ? Int128(powers[sb - sa]) : 1)
        let y = Int128(b) * (sa > sb ? Int128(powers[sa - sb]) : 1)
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    public static func == (a: DecimalValue, b: DecimalValue) -> Bool { compare(a.units, a.scale, b.units, b.scale) == 0 }
    public static func < (a: DecimalValue, b: DecimalValue) -> Bool { compare(a.units, a.scale, b.units, b.scale) < 0 }

    public func hash(into hasher: inout Hasher) {
        // Trailing zeros do not change the value: hash the shortest form.
        var u = units, s = scale
        while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
        hasher.combine(u)
        hasher.combine(s)
    }

    /// `digits[.digits]` with an optional sign, exactly; nil for anything else (exponents,
    /// more than 18 decimals, or a value that does not fit in 64 bits).
    public static func parse<S: StringProtocol>(_ text: S, mark: Character = ".") -> DecimalValue? {
        var units: Int64 = 0
        var scale = 0, digits = 0
        var negative = false, afterMark = false
        for (i, ch) in text.enumerated() {
            if i == 0 && (ch == "-" || ch == "+") { negative = ch == "-"; continue }
            if ch == mark && !afterMark { afterMark = true; continue }
            guard let d = ch.wholeNumberValue, ch.isASCII else { return nil }
            let (m, o1) = units.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            units = a
            digits += 1
            if afterMark { scale += 1 }
        }
        guard digits > 0, scale <= maxScale else { return nil }
        return DecimalValue(units: negative ? -units : units, scale: scale)
    }

    /// The decimal of the fewest decimals (at most 15 significant digits) that reads back as
    /// this double; nil when there is none (a double that came from no short decimal).
    public static func shortest(_ d: Double, maxDecimals: Int = 15) -> DecimalValue? {
        guard d.isFinite, d.magnitude < 1e15 else { return nil }
        if d == d.rounded(), let i = Int64(exactly: d) { return DecimalValue(units: i, scale: 0) }
        var s = 1
        while s <= maxDecimals {
            let scaled = (d * Double(powers[s])).rounded(.toNearestOrAwayFromZero)
            guard scaled.magnitude < 1e15 else { return nil }
            if scaled / Double(powers[s]) == d, let u = Int64(exactly: scaled) { return DecimalValue(units: u, scale: s) }
            s += 1
        }
        return nil
    }
}
