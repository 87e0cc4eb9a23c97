import Foundation
import TrygDomain

/// Scalar functions on single values (the general, row-by-row path).
enum ScalarFunctions {
    static func apply(_ op: ScalarOp, _ args: [Value]) -> Value {
        switch op {
        case .coalesce:
            return args.first { !$0.isNull } ?? .null
        case .ifThen:
            if case .bool(true) = args[0] { return args[1] }
            return args[2]
        case .function(let name):
            return FunctionCatalog.evaluate(name, args)
        default:
            break
        }
        if args.contains(where: \.isNull) { return .null }
        switch (op, args[0]) {
        case (.toDecimal, .int(let i)): return .decimal(DecimalValue(i))
        case (.toFloat, let v): return v.numeric.map { .float($0) } ?? .null
        case (.dateToTimestamp, .date(let d)): return .timestamp(d &* LocalTime.secondsPerDay)
        case (.lower, .text(let s)): return .text(s.lowercased())
        case (.upper, .text(let s)): return .text(s.uppercased())
        case (.trim, .text(let s)): return .text(TextFunctions.trimmed(s))
        case (.length, .text(let s)): return .int(Int64(s.unicodeScalars.count))
        case (.lower, .category(let i, let sc)): return i >= 0 && i < sc.values.count ? .text(sc.values[i]) : .null
        // The smallest int and decimal have no positive counterpart: the evaluator reports that
        // as an overflow before it gets here.
        case (.abs, .int(let i)): return i == .min ? .null : .int(Swift.abs(i))
        case (.abs, .decimal(let d)): return d.units == .min ? .null : .decimal(DecimalValue(units: Swift.abs(d.units), scale: d.scale))
        case (.abs, .float(let d)): return .float(Swift.abs(d))
        case (.round, .decimal(let d)):
            return d.rounded(roundingDigits(args)).map { .decimal($0) } ?? .null
        case (.round, .float(let d)):
            return .float(roundFloat(d, roundingDigits(args)))
        case (.contains, .text(let s)):
            guard case .text(let n) = args[1] else { return .null }
            return .bool(TextFold.answer(s, n, .contains))
        case (.startsWith, .text(let s)):
            guard case .text(let n) = args[1] else { return .null }
            return .bool(TextFold.answer(s, n, .startsWith))
        case (.endsWith, .text(let s)):
            guard case .text(let n) = args[1] else { return .null }
            return .bool(TextFold.answer(s, n, .endsWith))
        default:
            return calendar(op, args[0])
        }
    }

    static func roundingDigits(_ args: [Value]) -> Int {
        if args.count > 1, case .int(let n) = args[1] { return Int(max(-18, min(18, n))) }
        return 0
    }

    /// A double rounded half away from zero as it prints: 2.675 (stored as 2.67499999…) is
    /// 2.68, as a person reading "2.675" and Excel expect.
    /// Past 15 significant digits the digits it prints are the shortest that read back as it
    /// (`0.30000000000000004`, `9.223372036854776e+18`), rounded as written: the same as
    /// PostgreSQL's round of the double's text as a numeric.
    static func roundFloat(_ d: Double, _ digits: Int) -> Double {
        guard d.isFinite else { return d }
        if let shown = DecimalValue.shortest(d, maxDecimals: 17), let r = shown.rounded(digits) { return r.double }
        return roundPrinted(d, digits) ?? d
    }

    /// `d` rounded half away from zero at `digits` decimals of its shortest printed form.
    private static func roundPrinted(_ d: Double, _ digits: Int) -> Double? {
        let printed = String(d.magnitude)
        let parts = printed.split(separator: "e", maxSplits: 1)
        guard let mantissa = parts.first else { return nil }
        var exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) : 0
        var number = Array(mantissa.filter { $0 != "." })
        if let dot = mantissa.firstIndex(of: ".") { exponent -= mantissa.distance(from: dot, to: mantissa.endIndex) - 1 }
        // The value is `number × 10^exponent`; digits below 10^-digits go.
        let drop = -digits - exponent
        guard drop > 0 else { return d }
        if drop > number.count { number.insert(contentsOf: repeatElement("0", count: drop - number.count), at: 0) }
        let roundsUp = number[number.count - drop] >= "5"
        var kept = Array(number.dropLast(drop))
        if roundsUp {
            var i = kept.count - 1
            while i >= 0, kept[i] == "9" {
                kept[i] = "0"
                i -= 1
            }
            if i >= 0, let digit = kept[i].wholeNumberValue { kept[i] = Character(String(digit + 1)) } else { kept.insert("1", at: 0) }
        }
        guard let r = Double((d < 0 ? "-" : "") + String(kept.isEmpty ? ["0"] : kept) + "e\(-digits)") else { return nil }
        return r == 0 ? 0 : r
    }

    static func calendar(_ op: ScalarOp, _ v: Value) -> Value {
        let t: Int64
        switch v {
        case .date(let d): t = d &* LocalTime.secondsPerDay
        case .timestamp(let x): t = x
        default: return .null
        }
        let day = LocalTime.dayNumber(ofTimestamp: t)
        let d = CivilDate(dayNumber: Int(day))
        switch op {
        case .year: return .int(Int64(d.year))
        case .month: return .int(Int64(d.month))
        case .week: return .int(Int64(d.isoWeek.week))
        case .weekday: return .category(d.isoWeekday - 1, CalendarScales.weekday)
        case .hour: return .int(LocalTime.hour(ofTimestamp: t))
        case .date: return .date(day)
        case .halfyear: return .halfYear(HalfYear(date: d))
        case .season: return .category(HalfYear(date: d).season == .vinter ? 0 : 1, CalendarScales.season)
        default: return .null
        }
    }
}

extension Double {
    /// Rounded half away from zero at `digits` decimals of the value as it prints, as `round`
    /// rounds a float (2.675 is 2.68, 0.285 is 0.29): what a table shows and `round` gives agree.
    public func roundedAsPrinted(_ digits: Int) -> Double { ScalarFunctions.roundFloat(self, digits) }
}
