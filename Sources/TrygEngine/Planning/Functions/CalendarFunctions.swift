import Foundation
import TrygDomain

/// Calendar functions: parts of a date or timestamp, today and now, differences and truncation.
enum CalendarFunctions {
    static let family = "calendar"
    static let isTime: @Sendable (DataType) -> Bool = { $0 == .date || $0 == .timestamp }

    /// A part of a date or timestamp, evaluated by the calendar kernels the derived columns use.
    static func part(_ name: String, _ op: ScalarOp, _ type: DataType, _ summary: String, _ example: String) -> ScalarFunction {
        ScalarFunction(
            help: FunctionHelp(name: name, usage: "\(name)(t)", summary: summary, example: example, isAggregate: false, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                if name == "hour" { try c.expect(0, "a timestamp") { $0 == .timestamp } }
                else { try c.expect(0, "a date or timestamp", isTime) }
                return .call(op, c.args, type, c.span)
            },
            evaluate: nil)
    }

    /// The units `date_diff` and `date_trunc` take (`hour` counts and truncates time of day).
    static let units = ["hour", "day", "week", "month", "halfyear", "year"]

    static let all: [ScalarFunction] = [
        part("year", .year, .int, "the calendar year of a date or timestamp", "incidents group by year(reported_at)"),
        part("month", .month, .int, "the month, 1…12", "incidents where month(reported_at) = 12 count"),
        part("week", .week, .int, "the ISO week (uge)", "incidents where week(reported_at) = 43 count"),
        part("weekday", .weekday, DerivedColumn.weekday.type, "mandag … søndag, in that order", "incidents group by weekday(reported_at)"),
        part("hour", .hour, .int, "the hour of a timestamp, 0…23", "incidents where hour(reported_at) >= 20 count"),
        part("date", .date, .date, "the day of a timestamp", "incidents where date(reported_at) = 2022-10-02 count"),
        part("halfyear", .halfyear, .halfYear, "the half-year: vinter 2024/25, sommer 2025 …", "incidents group by halfyear(reported_at)"),
        part("season", .season, DerivedColumn.season.type, "vinter or sommer", "incidents group by season(reported_at)"),
        ScalarFunction(
            help: FunctionHelp(name: "today", usage: "today()", summary: "today's date (local time)",
                               example: "incidents where date(reported_at) <= today() count", isAggregate: false, family: family),
            arity: 0...0,
            bind: { c throws(Diagnostic) in c.call([], .date) },
            evaluate: { _ in .date(Int64(CalendarFunctions.localNow() / Int(LocalTime.secondsPerDay))) }),
        ScalarFunction(
            help: FunctionHelp(name: "now", usage: "now()", summary: "the current date and time (local time)",
                               example: "incidents where reported_at <= now() count", isAggregate: false, family: family),
            arity: 0...0,
            bind: { c throws(Diagnostic) in c.call([], .timestamp) },
            evaluate: { _ in .timestamp(Int64(CalendarFunctions.localNow())) }),
        ScalarFunction(
            help: FunctionHelp(name: "date_diff", usage: "date_diff(unit, a, b)",
                               summary: "how many unit boundaries (\"hour\", \"day\", \"week\", \"month\", \"halfyear\", \"year\") lie from a to b",
                               example: "libraries where effort_start is not null select name, date_diff(\"month\", effort_start, 2025-06-30) as months",
                               isAggregate: false, family: family),
            arity: 3...3,
            bind: { c throws(Diagnostic) in
                _ = try c.unit(0, units)
                try c.expect(1, "a date or timestamp", isTime)
                try c.expect(2, "a date or timestamp", isTime)
                return c.call(c.args, .int)
            },
            evaluate: { args in
                guard case .text(let unit) = args[0] else { return .null }
                if unit.lowercased() == "hour" {
                    guard let a = seconds(args[1]), let b = seconds(args[2]) else { return .null }
                    return .int(hours(b) - hours(a))
                }
                guard let a = day(args[1]), let b = day(args[2]) else { return .null }
                return .int(index(b, unit.lowercased()) - index(a, unit.lowercased()))
            }),
        ScalarFunction(
            help: FunctionHelp(name: "date_trunc", usage: "date_trunc(unit, t)",
                               summary: "the first day of the unit (\"day\", \"week\", \"month\", \"halfyear\", \"year\") that holds t, a date; with \"hour\", the timestamp of t's whole hour",
                               example: "incidents group by date_trunc(\"month\", reported_at) as month limit 3",
                               isAggregate: false, family: family),
            arity: 2...2,
            bind: { c throws(Diagnostic) in
                let unit = try c.unit(0, units)
                try c.expect(1, "a date or timestamp", isTime)
                return c.call(c.args, unit == "hour" ? .timestamp : .date)
            },
            evaluate: { args in
                guard case .text(let unit) = args[0] else { return .null }
                if unit.lowercased() == "hour" { return seconds(args[1]).map { .timestamp(hours($0) * 3600) } ?? .null }
                guard let d = day(args[1]) else { return .null }
                return .date(first(d, unit.lowercased()))
            }),
    ]

    /// The time zone of the data's timestamps: the reporting system writes Copenhagen's wall
    /// clock, so `today()` and `now()` read it there, whatever the machine's zone (a server in
    /// UTC would otherwise be one or two hours behind the data).
    static let dataTimeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .current

    /// Seconds since 1970 on Copenhagen's wall clock.
    static func localNow() -> Int {
        let now = Date()
        return Int(now.timeIntervalSince1970) + dataTimeZone.secondsFromGMT(for: now)
    }

    /// The day number of a date or timestamp value.
    static func day(_ v: Value) -> Int64? {
        switch v {
        case .date(let d): return d
        case .timestamp(let t): return LocalTime.dayNumber(ofTimestamp: t)
        default: return nil
        }
    }

    /// The seconds since 1970 (local wall clock) of a date's midnight or a timestamp.
    static func seconds(_ v: Value) -> Int64? {
        switch v {
        case .date(let d): return d.multipliedReportingOverflow(by: LocalTime.secondsPerDay).partialValue
        case .timestamp(let t): return t
        default: return nil
        }
    }

    /// The whole hours since 1970 of a time in seconds, rounded down (before 1970 too).
    static func hours(_ t: Int64) -> Int64 { t >= 0 ? t / 3600 : -((-(t + 1)) / 3600) - 1 }

    /// A day's position counted in a unit: differences of these count unit boundaries.
    static func index(_ day: Int64, _ unit: String) -> Int64 {
        let d = CivilDate(dayNumber: Int(day))
        switch unit {
        case "week": return (day + 3 - Int64(d.isoWeekday - 1)) / 7   // Mondays; 1970-01-01 was a Thursday
        case "month": return Int64(d.year) * 12 + Int64(d.month - 1)
        case "halfyear": return Int64(HalfYear(date: d).ordinal)
        case "year": return Int64(d.year)
        default: return day
        }
    }

    /// The first day of the unit that holds a day.
    static func first(_ day: Int64, _ unit: String) -> Int64 {
        let d = CivilDate(dayNumber: Int(day))
        switch unit {
        case "week": return day - Int64(d.isoWeekday - 1)
        case "month": return Int64(CivilDate.dayNumber(year: d.year, month: d.month, day: 1))
        case "halfyear": return Int64(HalfYear(date: d).firstDay.dayNumber)
        case "year": return Int64(CivilDate.dayNumber(year: d.year, month: 1, day: 1))
        default: return day
        }
    }
}
