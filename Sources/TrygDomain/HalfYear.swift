/// The two seasons of the reporting calendar.
public enum Season: String, CaseIterable, Sendable, Comparable {
    /// 1 October to 31 March.
    case vinter
    /// 1 April to 30 September.
    case sommer

    public static func < (a: Season, b: Season) -> Bool { a == .vinter && b == .sommer }
}

/// A half-year of the reporting calendar: winter (1 Oct – 31 Mar) or summer (1 Apr – 30 Sep).
///
/// Half-years form one ordered period type: vinter 2022/23 < sommer 2023 < vinter 2023/24.
/// A winter is named by the year it starts in (`vinter 2024/25` has `startYear` 2024).
public struct HalfYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let season: Season
    /// The calendar year the half-year begins in.
    public let startYear: Int

    public init(season: Season, startYear: Int) {
        self.season = season
        self.startYear = startYear
    }

    /// The half-year a calendar day belongs to.
    public init(date: CivilDate) {
        switch date.month {
        case 4...9: self.init(season: .sommer, startYear: date.year)
        case 10...12: self.init(season: .vinter, startYear: date.year)
        default: self.init(season: .vinter, startYear: date.year - 1)
        }
    }

    /// A dense, order-preserving number: summer Y is 2Y, winter Y/Y+1 is 2Y+1.
    public var ordinal: Int { startYear * 2 + (season == .vinter ? 1 : 0) }

    /// The half-year of an ordinal made by `ordinal`.
    public init(ordinal: Int) {
        let y = ordinal >= 0 ? ordinal / 2 : (ordinal - 1) / 2
        self.init(season: ordinal - y * 2 == 1 ? .vinter : .sommer, startYear: y)
    }

    /// The half-year's ordinal for a day number, without building intermediate values.
    @inlinable
    public static func ordinal(dayNumber: Int) -> Int {
        let d = CivilDate(dayNumber: dayNumber)
        switch d.month {
        case 4...9: return d.year * 2
        case 10...12: return d.year * 2 + 1
        default: return (d.year - 1) * 2 + 1
        }
    }

    public var next: HalfYear { HalfYear(ordinal: ordinal + 1) }
    public var previous: HalfYear { HalfYear(ordinal: ordinal - 1) }

    /// First day of the half-year.
    public var firstDay: CivilDate {
        // Through the day number so that years outside 1…9999 do not fall back to 1970.
        CivilDate(dayNumber: CivilDate.dayNumber(year: startYear, month: season == .sommer ? 4 : 10, day: 1))
    }

    /// Last day of the half-year.
    public var lastDay: CivilDate { CivilDate(dayNumber: next.firstDay.dayNumber - 1) }

    /// `vinter 2024/25` or `sommer 2025`; a year written with at least four digits
    /// (`vinter 0999/00`, `sommer 0005`), as `init(parsing:)` reads it back.
    public var label: String {
        func digits(_ n: Int, _ width: Int) -> String {
            let s = String(n.magnitude)
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        switch season {
        case .sommer: return "sommer \(digits(startYear, 4))"
        case .vinter: return "vinter \(digits(startYear, 4))/\(digits(Int(((startYear % 100 + 1) % 100).magnitude), 2))"
        }
    }

    public var description: String { label }

    public static func < (a: HalfYear, b: HalfYear) -> Bool { a.ordinal < b.ordinal }

    /// The spellings a user may write, for messages.
    public static let acceptedForms =
        "\"vinter 2024/25\", \"vinter 2024/2025\", \"2024/25\", \"2024/2025\", \"V24/25\", \"sommer 2025\", \"2025\", \"S25\""

    /// Reads any accepted spelling: `vinter 2024/25`, `vinter 2024/2025`, `2024/25`,
    /// `2024/2025`, `V24/25`, `sommer 2025`, `2025`, `S25` (case and spacing are free).
    ///
    /// Two-digit years need a season word or letter in front, so a bare `25` is not a half-year.
    public init?(parsing text: String) {
        let s = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        var rest = Substring(s)
        var season: Season?
        for (prefix, value) in [("vinterhalvår", Season.vinter), ("sommerhalvår", .sommer),
                                ("vinter", .vinter), ("sommer", .sommer),
                                ("v", .vinter), ("s", .sommer)] where rest.hasPrefix(prefix) {
            season = value
            rest = rest.dropFirst(prefix.count)
            break
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let first = parts.first, let startYear = Int(first),
              first.count == 4 || (first.count == 2 && season != nil) else { return nil }
        let year = first.count == 2 ? 2000 + startYear : startYear
        switch parts.count {
        case 1:
            guard season != .vinter else { return nil }
            self.init(season: .sommer, startYear: year)
        case 2:
            // The second year must follow the first, written in full or as its last two digits.
            let second = parts[1]
            guard season != .sommer, let end = Int(second),
                  (second.count == 4 && end == year + 1) || (second.count == 2 && end == (year + 1) % 100)
            else { return nil }
            self.init(season: .vinter, startYear: year)
        default:
            return nil
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

/// The calendar's ordered names, as the language shows derived `season` and `weekday` values.
public enum CalendarScales {
    /// vinter < sommer, in the order of a reporting year.
    public static let season = OrderedScale(name: "season", values: Season.allCases.map(\.rawValue))
    /// ISO weekdays, Monday first.
    public static let weekday = OrderedScale(
        name: "weekday", values: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"])
}
