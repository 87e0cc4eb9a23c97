import Testing
@testable import TrygDomain

@Suite struct HalfYearTests {
    let winter2425 = HalfYear(season: .vinter, startYear: 2024)
    let summer25 = HalfYear(season: .sommer, startYear: 2025)

    @Test func thirtiethOfSeptemberAndFirstOfOctober() {
        #expect(HalfYear(date: date(2024, 9, 30)) == HalfYear(season: .sommer, startYear: 2024))
        #expect(HalfYear(date: date(2024, 10, 1)) == winter2425)
    }

    @Test func thirtyFirstOfMarchAndFirstOfApril() {
        #expect(HalfYear(date: date(2025, 3, 31)) == winter2425)
        #expect(HalfYear(date: date(2025, 4, 1)) == summer25)
        #expect(HalfYear(date: date(2025, 1, 1)) == winter2425)
        #expect(HalfYear(date: date(2024, 12, 31)) == winter2425)
    }

    @Test func ordinalOfADayAgreesWithTheDate() {
        for n in date(2019, 1, 1).dayNumber...date(2027, 12, 31).dayNumber {
            #expect(HalfYear.ordinal(dayNumber: n) == HalfYear(date: CivilDate(dayNumber: n)).ordinal)
        }
    }

    @Test func firstAndLastDays() {
        #expect(winter2425.firstDay == date(2024, 10, 1))
        #expect(winter2425.lastDay == date(2025, 3, 31))
        #expect(summer25.firstDay == date(2025, 4, 1))
        #expect(summer25.lastDay == date(2025, 9, 30))
        // The winter over a leap day ends on 31 March all the same.
        #expect(HalfYear(season: .vinter, startYear: 2023).lastDay == date(2024, 3, 31))
        // Years outside 1…9999 keep their own first day.
        #expect(HalfYear(season: .sommer, startYear: 0).firstDay == CivilDate(dayNumber: CivilDate.dayNumber(year: 0, month: 4, day: 1)))
        #expect(HalfYear(season: .vinter, startYear: -1).firstDay.year == -1)
    }

    @Test(arguments: ["vinter 2024/25", "vinter 2024/2025", "2024/25", "2024/2025", "V24/25", "v24/25",
                      "Vinter 2024/25", "VINTER 2024/25", "  vinter   2024/25 ", "vinterhalvår 2024/25",
                      "V 24/25", "vinter2024/25", "2024 / 25"])
    func winterSpellings(text: String) {
        #expect(HalfYear(parsing: text) == winter2425)
    }

    @Test(arguments: ["sommer 2025", "2025", "S25", "s25", "Sommer 2025", "sommerhalvår 2025", " S 25 ", "s2025"])
    func summerSpellings(text: String) {
        #expect(HalfYear(parsing: text) == summer25)
    }

    @Test(arguments: ["2024/26", "V24", "S24/25", "abc", "", "25", "24/25", "vinter 2025", "sommer 2024/25",
                      "2024/2026", "V24/26", "2024/25/26", "vinter", "S", "2024/", "/25", "2O25", "sommer -2025",
                      "２０２５"])
    func rejectedSpellings(text: String) {
        #expect(HalfYear(parsing: text) == nil)
    }

    @Test func labels() {
        #expect(winter2425.label == "vinter 2024/25")
        #expect(summer25.label == "sommer 2025")
        #expect(HalfYear(season: .vinter, startYear: 2009).label == "vinter 2009/10")
        #expect(HalfYear(season: .vinter, startYear: 2099).label == "vinter 2099/00")
        #expect("\(winter2425)" == "vinter 2024/25")
        // Years before 1000 in four digits, as dates write them.
        #expect(HalfYear(date: date(1, 1, 1)).label == "vinter 0000/01")
        #expect(HalfYear(date: date(999, 11, 1)).label == "vinter 0999/00")
        #expect(HalfYear(date: date(999, 5, 1)).label == "sommer 0999")
        #expect(HalfYear(season: .sommer, startYear: 5).label == "sommer 0005")
        #expect(HalfYear(season: .vinter, startYear: 9999).label == "vinter 9999/00")
    }

    /// Every half-year of the years dates hold (0 to 9999) reads back from its label, which
    /// writes the first year in four digits and the second in two.
    @Test func labelsParseBack() {
        for ordinal in HalfYear(season: .sommer, startYear: 0).ordinal...HalfYear(season: .vinter, startYear: 9999).ordinal {
            let half = HalfYear(ordinal: ordinal)
            #expect(HalfYear(parsing: half.label) == half, "\(half.label)")
            let year = half.label.split(separator: " ")[1].split(separator: "/")
            #expect(year[0].count == 4 && (year.count == 1 || year[1].count == 2), "\(half.label)")
        }
    }

    @Test func halfYearsFormOneOrder() {
        let v2223 = HalfYear(season: .vinter, startYear: 2022)
        let s23 = HalfYear(season: .sommer, startYear: 2023)
        let v2324 = HalfYear(season: .vinter, startYear: 2023)
        #expect(v2223 < s23 && s23 < v2324)
        #expect([v2324, v2223, s23].sorted() == [v2223, s23, v2324])
        #expect(v2223.next == s23 && s23.next == v2324)
        #expect(v2324.previous == s23 && s23.previous == v2223)
        #expect(v2223.ordinal + 1 == s23.ordinal)
    }

    @Test(arguments: Array(-7...7) + Array(4040...4060))
    func ordinalRoundTrip(ordinal: Int) {
        let half = HalfYear(ordinal: ordinal)
        #expect(half.ordinal == ordinal)
        #expect(HalfYear(season: half.season, startYear: half.startYear) == half)
    }

    @Test func negativeAndOddOrdinals() {
        #expect(HalfYear(ordinal: -1) == HalfYear(season: .vinter, startYear: -1))
        #expect(HalfYear(ordinal: -2) == HalfYear(season: .sommer, startYear: -1))
        #expect(HalfYear(ordinal: -3) == HalfYear(season: .vinter, startYear: -2))
        #expect(HalfYear(ordinal: 0) == HalfYear(season: .sommer, startYear: 0))
        #expect(HalfYear(ordinal: 1) == HalfYear(season: .vinter, startYear: 0))
        #expect(HalfYear(ordinal: 4049) == winter2425)
        #expect(HalfYear(ordinal: 4050) == summer25)
    }
}
