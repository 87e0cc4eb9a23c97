import Foundation
import Testing
@testable import TrygDomain

/// The incidents look like the reporting system's: columns, order, values, distributions.
@Suite struct IncidentShapeTests {
    let table = Samples.incidents

    @Test func columnsAsTheDomainNamesThem() {
        #expect(table.header == ["id", "reported_at", "library", "category", "severity", "police_called",
                                 "during_self_service", "reported_by", "description"])
        #expect(table.rows.allSatisfy { $0.count == table.header.count })
    }

    @Test func aFewThousandAYear() {
        // 3½ years of incidents.
        #expect((7_000...14_000).contains(table.rows.count))
    }

    @Test func idsNumberTheRowsInTimeOrder() {
        #expect(table.values("id") == (1...table.rows.count).map(String.init))
        let times = table.values("reported_at")
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(times.allSatisfy { $0.count == 16 && $0.dropFirst(10).first == "T" })
    }

    @Test func spanOctober2022ToMarch2026() {
        let days = table.values("reported_at").map(Samples.day)
        #expect(days.min().map { $0 >= date(2022, 10, 1) } == true)
        #expect(days.max().map { $0 <= date(2026, 3, 31) } == true)
        #expect(Set(Samples.incidentHalfYears) == [v2223, s23, v2324, s24, v2425, s25, v2526])
        #expect(Set(IncidentPlan.halfYears) == [v2223, s23, v2324, s24, v2425, s25, v2526])
    }

    @Test func valuesFromTheDomainLists() {
        let names = Set(LibraryDirectory.copenhagen.libraries.map(\.name))
        #expect(Set(table.values("library")).isSubset(of: names))
        #expect(Set(table.values("category")) == Set(IncidentCategory.all))
        #expect(Set(table.values("severity")) == ["1", "2", "3", "4", "5"])
        #expect(Set(table.values("police_called")) == ["true", "false"])
        #expect(Set(table.values("during_self_service")) == ["true", "false"])
        #expect(Set(table.values("reported_by")).isSubset(of: Set(IncidentProfile.roles)))
    }

    @Test func insecurityCreatingBehaviourIsMostCommon() {
        var counts: [String: Int] = [:]
        for category in table.values("category") { counts[category, default: 0] += 1 }
        let top = counts.max { $0.value < $1.value }?.key
        #expect(top == IncidentCategory.insecurityCreatingBehaviour)
    }

    @Test func mostlyLowSeverityAndPoliceRisingWithIt() {
        let severity = table.values("severity").compactMap { Int($0) }
        #expect(severity.filter { $0 <= 3 }.count * 10 > severity.count * 7)
        let police = table.values("police_called")
        func policeShare(_ levels: ClosedRange<Int>) -> Double {
            let rows = severity.indices.filter { levels.contains(severity[$0]) }
            return Double(rows.filter { police[$0] == "true" }.count) / Double(max(1, rows.count))
        }
        #expect(policeShare(1...2) < policeShare(3...3))
        #expect(policeShare(3...3) < policeShare(4...5))
    }

    @Test func hoursMostlyTenToTwenty() {
        let hours = table.values("reported_at").compactMap { Int($0.dropFirst(11).prefix(2)) }
        #expect(hours.allSatisfy { (8...22).contains($0) })
        #expect(hours.filter { (10...19).contains($0) }.count * 10 > hours.count * 8)
    }

    @Test func selfServiceIsEarlyLateOrSunday() {
        let times = table.values("reported_at")
        let flags = table.values("during_self_service")
        for (time, flag) in zip(times, flags) {
            let hour = Int(time.dropFirst(11).prefix(2)) ?? -1
            let sunday = Samples.day(time).isoWeekday == 7
            #expect((flag == "true") == (sunday || hour < 10 || hour >= 19), "\(time)")
        }
    }

    @Test func noSelfServiceIncidentsAtBlågårdenWhileRestricted() {
        let timeline = Timeline.copenhagen
        for row in table.rows where row[2] == "Blågården" && row[6] == "true" {
            #expect(!timeline.has(TimelineKind.restrictedHours, at: "Blågården", on: Samples.day(row[1])), "\(row[1])")
        }
    }

    @Test func relationshipWorkersReportOnlyWhereTheEffortRuns() {
        let directory = LibraryDirectory.copenhagen
        var seen = 0
        for row in table.rows where row[7] == "relationsmedarbejder" {
            seen += 1
            let start = directory.library(named: row[2])?.effortStart
            #expect(start.map { $0 <= Samples.day(row[1]) } == true, "\(row[2]) \(row[1])")
        }
        #expect(seen > 0)
    }

    @Test func guardsAndNightHostsOnlyInTheirPeriods() {
        let timeline = Timeline.copenhagen
        for row in table.rows where row[7] == "vagt" || row[7] == "nattevært" {
            let kind = row[7] == "vagt" ? TimelineKind.guards : TimelineKind.nightHosts
            #expect(timeline.has(kind, at: row[2], on: Samples.day(row[1])), "\(row[7]) \(row[2]) \(row[1])")
        }
    }

    @Test func nørrebroAndVesterbroHaveTheMostIncidents() {
        var perLibrary: [String: Int] = [:]
        for library in table.values("library") { perLibrary[library, default: 0] += 1 }
        let top3 = perLibrary.sorted { $0.value > $1.value }.prefix(3).map(\.key)
        #expect(Set(top3) == ["Vesterbro", "Blågården", "Nørrebro"])
    }

    @Test func moreInWinter() {
        var perHalfYear: [HalfYear: Int] = [:]
        for half in Samples.incidentHalfYears { perHalfYear[half, default: 0] += 1 }
        for summer in [s23, s24, s25] {
            #expect((perHalfYear[summer] ?? 0) < (perHalfYear[summer.previous] ?? 0))
        }
    }

    @Test func descriptionsAreShortAndHoldNoNumbers() {
        for text in table.values("description") {
            #expect(!text.isEmpty && text.count <= 80)
            #expect(!text.contains { $0.isNumber }, "\(text)")
        }
    }

    @Test func descriptionsWithCommasAreQuoted() {
        #expect(Samples.incidentsText.contains("\"Unge samlet "))
        #expect(table.values("description").contains { $0.contains(",") })
    }
}
