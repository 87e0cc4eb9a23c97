import Foundation
import TrygDomain
import TrygEngine

/// A value the server wrote as text, read as the tryg type the query's column has.
enum PostgresValue {
    /// The value, `.null` for SQL NULL, or nil when the text is not a value of the type.
    static func read(_ text: String?, _ type: DataType) -> Value? {
        guard let text else { return .null }
        switch type {
        case .int: return Int64(text).map(Value.int)
        case .decimal: return DecimalValue.parse(text).map(Value.decimal)
        case .float: return float(text).map(Value.float)
        case .bool:
            switch text {
            case "t", "true": return .bool(true)
            case "f", "false": return .bool(false)
            default: return nil
            }
        case .date: return day(text).map { .date(Int64($0)) }
        case .timestamp: return timestamp(text).map(Value.timestamp)
        case .halfYear: return HalfYear(parsing: text).map(Value.halfYear)
        case .category(let scale): return scale.index(of: text).map { .category($0, scale) }
        case .text, .null: return .text(text.precomposedStringWithCanonicalMapping)
        }
    }

    /// PostgreSQL's spellings of the float specials, then decimal text.
    static func float(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// `YYYY-MM-DD` as a day number.
    static func day(_ iso: some StringProtocol) -> Int? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return date.dayNumber
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` as seconds (tryg's timestamps have whole seconds: a
    /// fraction is dropped, as tryg's own parser does).
    static func timestamp(_ text: String) -> Int64? {
        let halves = text.split(separator: " ", maxSplits: 1)
        guard halves.count == 2, let d = day(halves[0]) else { return nil }
        let clock = halves[1].split(separator: ":")
        guard clock.count == 3, let h = Int64(clock[0]), let m = Int64(clock[1]),
              let s = Int64(clock[2].prefix { $0 != "." }), (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s) else { return nil }
        let (base, overflow) = Int64(d).multipliedReportingOverflow(by: LocalTime.secondsPerDay)
        guard !overflow else { return nil }
        let (t, late) = base.addingReportingOverflow(h * 3600 + m * 60 + s)
        return late ? nil : t
    }
}
