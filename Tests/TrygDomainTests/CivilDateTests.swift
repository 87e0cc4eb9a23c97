import Testing
@testable import TrygDomain

/// Shorthand for a date the test knows to be valid.
func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    CivilDate(dayNumber: CivilDate.dayNumber(year: year, month: month, day: day))
}

@Suite struct CivilDateTests {
    @Test func dayNumbersAroundTheEpoch() {
        #expect(date(1970, 1, 1).dayNumber == 0)
        #expect(date(1969, 12, 31).dayNumber == -1)
        #expect(CivilDate(dayNumber: -1) == date(1969, 12, 31))
        #expect(date(2024, 9, 30).dayNumber == 19_996)
        #expect(date(2024, 10, 1).dayNumber == 19_997)
    }

    @Test func leapDay2024RoundTrips() throws {
        let leapDay = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(leapDay.dayNumber == 19_782)
        #expect(CivilDate(dayNumber: 19_782) == leapDay)
        #expect(CivilDate(dayNumber: 19_783) == CivilDate(year: 2024, month: 3, day: 1))
        #expect(leapDay.iso == "2024-02-29")
    }

    @Test func leapYearRules() {
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29)?.dayNumber == 11_016)
        #expect(CivilDate(year: 2025, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2025, month: 13, day: 1) == nil)
        #expect(CivilDate.isLeap(2024) && CivilDate.isLeap(2000) && !CivilDate.isLeap(2100))
    }

    @Test func everyDayRoundTrips() {
        for n in -800...25_000 {
            let d = CivilDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CivilDate(year: d.year, month: d.month, day: d.day) == d)
        }
    }

    @Test(arguments: [
        (date(2020, 12, 31), 2020, 53),
        (date(2021, 1, 3), 2020, 53),
        (date(2021, 1, 4), 2021, 1),
        (date(2024, 12, 30), 2025, 1),
        (date(2024, 12, 29), 2024, 52),
        (date(2025, 10, 20), 2025, 43),
        (date(2026, 1, 1), 2026, 1),
        (date(2015, 12, 31), 2015, 53),
    ])
    func isoWeeks(day: CivilDate, year: Int, week: Int) {
        #expect(day.isoWeek.year == year)
        #expect(day.isoWeek.week == week)
    }

    @Test func weekdaysStartOnMonday() {
        #expect(date(1970, 1, 1).isoWeekday == 4)
        #expect(date(1969, 12, 31).isoWeekday == 3)
        #expect(date(2024, 2, 29).isoWeekday == 4)
        #expect(date(2025, 1, 1).isoWeekday == 3)
        #expect(date(2025, 10, 20).isoWeekday == 1)
        #expect(date(2025, 10, 26).isoWeekday == 7)
    }

    @Test func localTimestamps() {
        let t = Int64(date(2024, 11, 3).dayNumber) * 86_400 + 14 * 3600 + 5 * 60
        #expect(LocalTime.format(t) == "2024-11-03T14:05")
        #expect(LocalTime.format(t + 7) == "2024-11-03T14:05:07")
        #expect(LocalTime.hour(ofTimestamp: t) == 14)
        #expect(LocalTime.dayNumber(ofTimestamp: -1) == -1)
        #expect(LocalTime.hour(ofTimestamp: -1) == 23)
        #expect(LocalTime.format(-60) == "1969-12-31T23:59")
    }
}
