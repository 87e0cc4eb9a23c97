import Testing
@testable import TrygDomain

@Suite struct TimelineTests {
    let entries = Timeline.copenhagen.entries

    @Test func kindsAndLibrariesAreKnown() {
        for entry in entries {
            #expect(TimelineKind.all.contains(entry.kind), "\(entry.kind)")
            #expect(LibraryDirectory.copenhagen.library(named: entry.library)?.name == entry.library)
            #expect(entry.ends.map { entry.starts <= $0 } ?? true)
        }
    }

    @Test func effortsMatchTheDirectory() {
        for library in LibraryDirectory.copenhagen.libraries {
            let effort = entries.first { $0.library == library.name && $0.kind == TimelineKind.effort }
            #expect(effort?.starts == library.effortStart, "\(library.name)")
        }
    }

    @Test func threeRelationshipWorkersOnePerLibrary() {
        let workers = entries.filter { $0.kind == TimelineKind.relationshipWorker }
        #expect(workers.count == 3)
        #expect(Set(workers.map(\.library)) == ["Vesterbro", "Blågården", "Nørrebro"])
    }

    @Test func nightHostsFromWeek43To31March() throws {
        let hosts = try #require(entries.first { $0.kind == TimelineKind.nightHosts })
        #expect(hosts.library == "Blågården")
        #expect(hosts.starts.isoWeek == (2025, 43))
        #expect(hosts.starts.isoWeekday == 1)
        #expect(hosts.ends == date(2026, 3, 31))
    }

    @Test func winter2024PeriodsLieInThatWinter() {
        let winter = HalfYear(season: .vinter, startYear: 2024)
        let guards = entries.filter { $0.kind == TimelineKind.guards }
        #expect(Set(guards.map(\.library)) == ["Blågården", "Nørrebro"])
        let restricted = entries.filter { $0.kind == TimelineKind.restrictedHours }
        #expect(restricted.count >= 2)
        #expect(restricted.allSatisfy { $0.library == "Blågården" })
        for entry in guards + restricted {
            #expect(HalfYear(date: entry.starts) == winter)
            #expect(entry.ends.map { HalfYear(date: $0) } == winter)
        }
    }

    @Test func freeJobbersAtNørrebroOpenEnded() {
        let jobbers = entries.filter { $0.kind == TimelineKind.freeJobber }
        #expect(jobbers.count == 1)
        #expect(jobbers.first?.library == "Nørrebro")
        #expect(jobbers.first?.ends == nil)
    }

    @Test func coversIsInclusive() {
        let timeline = Timeline.copenhagen
        #expect(timeline.has(TimelineKind.nightHosts, at: "Blågården", on: date(2025, 10, 20)))
        #expect(timeline.has(TimelineKind.nightHosts, at: "Blågården", on: date(2026, 3, 31)))
        #expect(!timeline.has(TimelineKind.nightHosts, at: "Blågården", on: date(2025, 10, 19)))
        #expect(!timeline.has(TimelineKind.nightHosts, at: "Blågården", on: date(2026, 4, 1)))
        #expect(timeline.has(TimelineKind.freeJobber, at: "Nørrebro", on: date(2030, 1, 1)))
    }
}
