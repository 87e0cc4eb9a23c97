import Foundation
import Testing
@testable import TrygEngine

/// `today()` and `now()` read Copenhagen's wall clock, as the data's timestamps are written,
/// whatever the machine's time zone.
@Suite struct ClockTests {
    @Test func nowIsCopenhagenWallClock() throws {
        let before = Int(Date().timeIntervalSince1970)
        let local = CalendarFunctions.localNow()
        let after = Int(Date().timeIntervalSince1970)
        // Copenhagen is UTC+1 in winter and UTC+2 in summer.
        #expect((before + 3600...after + 7200).contains(local), "\(local - before) s from UTC")
        let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        #expect(local - before - zone.secondsFromGMT(for: Date()) <= after - before)
    }
}
