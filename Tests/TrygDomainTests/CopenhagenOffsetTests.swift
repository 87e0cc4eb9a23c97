import Foundation
import Testing
@testable import TrygDomain

/// `LocalTime.copenhagenOffset` against the system's time-zone database.
@Suite struct CopenhagenOffsetTests {
    /// Every change of offset from 1980 to 2040 found by the database happens at the same
    /// instant by the rule, and the offsets an hour either side agree.
    @Test func transitionsMatchTheTimeZoneDatabase() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        var at = Date(timeIntervalSince1970: 315_532_800)   // 1980-01-01T00:00Z
        let stop = Date(timeIntervalSince1970: 2_209_032_000)   // 2040-01-01
        var transitions = 0
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < stop {
            let t = Int64(next.timeIntervalSince1970)
            for probe in [t - 3600, t - 1, t, t + 1, t + 3600] {
                let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe))))
                #expect(LocalTime.copenhagenOffset(utc: probe) == expected, "at \(probe)")
            }
            transitions += 1
            at = next
        }
        #expect(transitions == 120)
    }

    /// Noon on every 7th day agrees with the database, 1980–2039.
    @Test func middaysMatchTheTimeZoneDatabase() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        var day: Int64 = 3652   // 1980-01-01
        while day < 25_567 {   // 2040-01-01
            let t = day * 86_400 + 43_200
            let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            #expect(LocalTime.copenhagenOffset(utc: t) == expected, "day \(day)")
            day += 7
        }
    }

    @Test func knownInstants() {
        // 2025: summer time from 30 March 01:00Z to 26 October 01:00Z.
        let start: Int64 = 1_743_296_400, end: Int64 = 1_761_440_400
        #expect(LocalTime.copenhagenOffset(utc: start - 1) == 3600)
        #expect(LocalTime.copenhagenOffset(utc: start) == 7200)
        #expect(LocalTime.copenhagenOffset(utc: end - 1) == 7200)
        #expect(LocalTime.copenhagenOffset(utc: end) == 3600)
        #expect(LocalTime.copenhagenOffset(utc: 0) == 3600)
        #expect(LocalTime.copenhagenTime(utc: 1_767_223_800) == 1_767_227_400)   // 2025-12-31T23:30Z → 2026-01-01T00:30
    }
}
