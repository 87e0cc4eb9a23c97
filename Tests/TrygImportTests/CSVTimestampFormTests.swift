import Foundation
import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// ISO timestamps with fractions of a second and UTC offsets.
@Suite struct CSVTimestampFormTests {
    private func parse(_ text: String) -> CSVValue? {
        Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.isoDateOrTimestamp($0) }
    }

    /// Local seconds of a Copenhagen wall-clock time.
    private func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Int64 {
        Int64(CivilDate.dayNumber(year: y, month: mo, day: d)) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    @Test func offsetsBecomeCopenhagenTime() {
        let winter = local(2025, 3, 1, 11, 0), summer = local(2025, 7, 1, 12, 0)
        for text in ["2025-03-01T10:00:00Z", "2025-03-01T10:00Z", "2025-03-01 10:00:00z", "2025-03-01T11:00:00+01:00",
                     "2025-03-01T11:00+0100", "2025-03-01T11:00+01", "2025-03-01 11:00:00 +01:00",
                     "2025-03-01T05:30:00-04:30", "2025-03-01T10:00:00.000Z", "2025-03-01T10:00:00,5Z"] {
            #expect(parse(text) == .timestamp(winter), "\(text)")
        }
        for text in ["2025-07-01T10:00:00Z", "2025-07-01T12:00:00+02:00", "2025-07-01T12:00:00.123456789+02:00"] {
            #expect(parse(text) == .timestamp(summer), "\(text)")
        }
        // Across the year's end: the next half-year.
        #expect(parse("2025-12-31T23:30:00Z") == .timestamp(local(2026, 1, 1, 0, 30)))
        // Without an offset the time is already Copenhagen's; a fraction is dropped.
        #expect(parse("2025-07-01T10:00:00.999") == .timestamp(local(2025, 7, 1, 10, 0)))
        #expect(parse("2025-07-01T10:00:07") == .timestamp(local(2025, 7, 1, 10, 0, 7)))
    }

    /// 24:00 ends a day: the next day's midnight, in ISO and Danish forms; nothing past it.
    @Test func twentyFourHundredIsTheNextMidnight() {
        let newYear = local(2026, 1, 1, 0, 0)
        for text in ["2025-12-31T24:00", "2025-12-31 24:00:00", "2025-12-31T24:00:00.000", "2025-12-31T23:00Z"] {
            #expect(parse(text) == .timestamp(newYear), "\(text)")
        }
        for text in ["31-12-2025 24:00", "31.12.2025 24.00", "31/12/2025 24:00:00"] {
            let v = Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.dateOrTimestamp($0) }
            #expect(v == .timestamp(newYear), "\(text)")
        }
        for text in ["2025-12-31T24:01", "2025-12-31T24:00:01", "2025-12-31T24:00:00.5", "2025-12-31T25:00", "31-12-2025 24:30"] {
            let v = Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.dateOrTimestamp($0) }
            #expect(v == nil, "\(text)")
        }
    }

    @Test func otherSuffixesAreNotTimestamps() {
        for text in ["2025-03-01T10:00:00.", "2025-03-01T10:00:00.1234567890", "2025-03-01T10:00:00Zx",
                     "2025-03-01T10:00:00+15:00", "2025-03-01T10:00:00+01:60", "2025-03-01T10:00:00+1",
                     "2025-03-01T10:00:00+01:0", "2025-03-01T10:00:00 Z", "2025-03-01T10:00:00  +01:00",
                     "2025-03-01T10:00.5", "2025-03-01T10:00:00 CET", "2025-03-01T10:00:0", "2025-03-01T10:00:00+"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    @Test func loadCountsOffsetsAndFractionsOnEveryReadingPath() throws {
        var text = "id,at\n"
        var expected: [Value] = []
        // Many rows so the file is cut in chunks; plain ones first so the sample sees timestamps.
        for i in 0..<3000 {
            switch i % 3 {
            case 0:
                text += "\(i),2025-07-01T10:00\n"
                expected.append(.timestamp(local(2025, 7, 1, 10, 0)))
            case 1:
                text += "\(i),2025-07-01T08:00:00.250Z\n"
                expected.append(.timestamp(local(2025, 7, 1, 10, 0)))
            default:
                text += "\(i),NULL\n"
                expected.append(.null)
            }
        }
        for chunks in [1, 3] {
            var options = ImportOptions()
            options.chunks = chunks
            let l = try csvLoad(text, options: options)
            #expect(l.table.columns[1].type == .timestamp)
            #expect(l.table.rows.map { $0[1] } == expected, "chunks \(chunks)")
            #expect(l.report.notes.contains("at: 1,000 times with a UTC offset read as Copenhagen time "
                                            + "(2025-07-01T08:00:00.250Z = 2025-07-01T10:00)"), "\(l.report.notes)")
            #expect(l.report.notes.contains("at: fractions of a second dropped from 1,000 times "
                                            + "(2025-07-01T08:00:00.250Z = 2025-07-01T10:00)"), "\(l.report.notes)")
        }
    }

    @Test func aColumnThatStartsZonedAndOneThatEndsAsTextSayNothingWrong() throws {
        let zoned = try csvLoad("at\n2025-01-01T00:00Z\n2025-01-01T00:00\n")
        #expect(zoned.table.rows.map { $0[0] } == [.timestamp(local(2025, 1, 1, 1, 0)), .timestamp(local(2025, 1, 1, 0, 0))])
        #expect(zoned.report.notes.contains { $0.hasPrefix("at: 1 time with a UTC offset") }, "\(zoned.report.notes)")
        let text = try csvLoad("at\n2025-01-01T00:00Z\nsoon\n")
        #expect(text.table.columns[0].type == .text)
        #expect(text.table.rows.map { $0[0] } == [.text("2025-01-01T00:00Z"), .text("soon")])
        #expect(!text.report.notes.contains { $0.contains("UTC offset") }, "\(text.report.notes)")
    }
}

/// A rejected date that names no real day says which part is wrong.
@Suite struct CSVDateHintTests {
    @Test func impossibleDaysAreNamed() {
        #expect(CSVDateHints.impossibleDay("31-02-2025") == "February 2025 has 28 days")
        #expect(CSVDateHints.impossibleDay("29.02.2024 10:00") == nil)
        #expect(CSVDateHints.impossibleDay("29/2/2023") == "February 2023 has 28 days")
        #expect(CSVDateHints.impossibleDay("2025-04-31T08:00") == "April 2025 has 30 days")
        #expect(CSVDateHints.impossibleDay("2025-13-01") == "there is no month 13")
        #expect(CSVDateHints.impossibleDay("00-01-2025") == "January 2025 has 31 days")
        for other in ["", "soon", "2025-01-15", "15-01-2025", "2025/13/01", "1-2-3", "12345-01-01", "2025-1"] {
            #expect(CSVDateHints.impossibleDay(other) == nil, "\(other)")
        }
        // Every day of four years, both shapes: a real day has no hint, the day after a month's last has.
        for year in 2023...2026 {
            for month in 1...12 {
                let days = CivilDate.daysInMonth(year: year, month: month)
                for day in 1...(days + 1) {
                    let iso = String(format: "%04d-%02d-%02d", year, month, day), danish = "\(day)-\(month)-\(year)"
                    for text in [iso, danish] {
                        #expect((CSVDateHints.impossibleDay(text) == nil) == (day <= days), "\(text)")
                    }
                }
            }
        }
    }

    @Test func theRejectReasonCarriesTheHint() throws {
        let l = try csvLoad("id;dato\n1;30-01-2025\n2;31-02-2025\n", options: ImportOptions(types: ["dato": .date]))
        #expect(l.rowsRejected == 1)
        let reason = l.rejects?.rows.first?.last
        #expect(reason == .text("column dato: '31-02-2025' is not a date (YYYY-MM-DD or DD-MM-YYYY): February 2025 has 28 days"),
                "\(String(describing: reason))")
    }
}
