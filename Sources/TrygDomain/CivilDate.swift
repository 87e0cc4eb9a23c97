/// A calendar day counted from 1970-01-01 (day 0), with the proleptic Gregorian rules.
///
/// Times in tryg are local Copenhagen time as the reporting system records them, so a
/// timestamp is simply seconds since 1970-01-01T00:00 on that local clock.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date when the parts name a real day, nil otherwise.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilDate.dayNumber(year: year, month: month, day: day) }

    /// Days since 1970-01-01 for any year, also outside the 1…9999 that `init?` accepts.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7   // 1970-01-01 was a Thursday (index 3 from Monday)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The ISO 8601 week-numbering year and week (1…53).
    public var isoWeek: (year: Int, week: Int) {
        // The week's Thursday decides the year.
        let thursday = CivilDate(dayNumber: dayNumber - isoWeekday + 4)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)?.dayNumber ?? thursday.dayNumber
        return (thursday.year, (thursday.dayNumber - jan1) / 7 + 1)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2025-01-31`
    public var iso: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Seconds-since-epoch helpers for local timestamps.
public enum LocalTime {
    public static let secondsPerDay: Int64 = 86_400

    /// The day number of a timestamp (floor division, so times before 1970 work too).
    @inlinable
    public static func dayNumber(ofTimestamp t: Int64) -> Int64 {
        t >= 0 ? t / secondsPerDay : (t &- secondsPerDay &+ 1) / secondsPerDay
    }

    /// The hour of day 0…23.
    @inlinable
    public static func hour(ofTimestamp t: Int64) -> Int64 {
        (t &- dayNumber(ofTimestamp: t) &* secondsPerDay) / 3600
    }

    /// Copenhagen's offset from UTC, in seconds, at the instant `utc` (seconds since
    /// 1970-01-01T00:00 UTC): 3600 (CET) or 7200 (CEST, summer time).
    ///
    /// The rule is the EU's, which Denmark follows since 1980, with every change at 01:00 UTC
    /// (tz database, `Rule EU`): summer time from the last Sunday of March (the first Sunday
    /// of April in 1980) to the last Sunday of September until 1995 and of October since 1996,
    /// and the same for years ahead. Before 1980 the offset is 3600; the summer times of
    /// 1940–1948 are not kept.
    public static func copenhagenOffset(utc: Int64) -> Int64 {
        let day = dayNumber(ofTimestamp: utc)
        let year = CivilDate(dayNumber: Int(clamping: day)).year
        guard year >= 1980 else { return 3600 }
        let start = year == 1980 ? firstSunday(year: year, month: 4) : lastSunday(year: year, month: 3)
        let end = lastSunday(year: year, month: year <= 1995 ? 9 : 10)
        let from = start &* secondsPerDay &+ 3600, to = end &* secondsPerDay &+ 3600
        return utc >= from && utc < to ? 7200 : 3600
    }

    /// Copenhagen's wall-clock seconds (as stored for a timestamp) of the instant `utc`.
    public static func copenhagenTime(utc: Int64) -> Int64 {
        utc &+ copenhagenOffset(utc: utc)
    }

    /// The day number of the last Sunday of a month.
    private static func lastSunday(year: Int, month: Int) -> Int64 {
        let last = CivilDate.dayNumber(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        return Int64(last - CivilDate(dayNumber: last).isoWeekday % 7)
    }

    /// The day number of the first Sunday of a month.
    private static func firstSunday(year: Int, month: Int) -> Int64 {
        let first = CivilDate.dayNumber(year: year, month: month, day: 1)
        return Int64(first + (7 - CivilDate(dayNumber: first).isoWeekday) % 7)
    }

    /// `2025-01-31T08:30` (seconds shown only when not zero).
    public static func format(_ t: Int64) -> String {
        let day = dayNumber(ofTimestamp: t)
        let secs = Int(t - day * secondsPerDay)
        let date = CivilDate(dayNumber: Int(day))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var s = "\(date.iso)T\(two(secs / 3600)):\(two(secs / 60 % 60))"
        if secs % 60 != 0 { s += ":\(two(secs % 60))" }
        return s
    }
}
