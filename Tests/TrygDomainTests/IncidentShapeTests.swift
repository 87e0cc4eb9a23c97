import Foundation
import Testing
@testable import TrygDomain

/// The incidents look like the reporting system's: columns, order, values, distributions.
@Suite struct IncidentShapeTests {
    let table = Samples.incidents

    @Test func columnsAsTheDomainNamesThem() {
        #expect(table.header == ["id", "case_no", "reported_at", "library", "category", "severity", "police_called",
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
        let (at, library, selfService) = (table.column("reported_at"), table.column("library"),
                                          table.column("during_self_service"))
        for row in table.rows where row[library] == "Blågården" && row[selfService] == "true" {
            #expect(!timeline.has(TimelineKind.restrictedHours, at: "Blågården", on: Samples.day(row[at])), "\(row[at])")
        }
    }

    @Test func relationshipWorkersReportOnlyWhereTheEffortRuns() {
        let directory = LibraryDirectory.copenhagen
        var seen = 0
        let (at, library, by) = (table.column("reported_at"), table.column("library"), table.column("reported_by"))
        for row in table.rows where row[by] == "relationsmedarbejder" {
            seen += 1
            let start = directory.library(named: row[library])?.effortStart
            #expect(start.map { $0 <= Samples.day(row[at]) } == true, "\(row[library]) \(row[at])")
        }
        #expect(seen > 0)
    }

    @Test func guardsAndNightHostsOnlyInTheirPeriods() {
        let timeline = Timeline.copenhagen
        let (at, library, by) = (table.column("reported_at"), table.column("library"), table.column("reported_by"))
        for row in table.rows where row[by] == "vagt" || row[by] == "nattevært" {
            let kind = row[by] == "vagt" ? TimelineKind.guards : TimelineKind.nightHosts
            #expect(timeline.has(kind, at: row[library], on: Samples.day(row[at])), "\(row[by]) \(row[library]) \(row[at])")
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

    @Test func caseNumbersAreUniqueAndNumberEachYearInOrder() {
        let numbers = table.values("case_no")
        let years = table.values("reported_at").map { String($0.prefix(4)) }
        #expect(Set(numbers).count == numbers.count)
        var expected: [String: Int] = [:]
        for (number, year) in zip(numbers, years) {
            let next = expected[year, default: 0] + 1
            expected[year] = next
            #expect(number == "MM-\(year)-" + String(repeating: "0", count: max(0, 6 - String(next).count)) + String(next),
                    "\(number) for \(year)")
        }
    }
}

/// The free-text descriptions: as staff write them, nearly all different, about nobody.
@Suite struct DescriptionTextTests {
    let descriptions = Samples.incidents.values("description")

    @Test func nearlyAllDifferent() {
        #expect(Set(descriptions).count * 100 >= descriptions.count * 99)
    }

    @Test func sentencesOfVaryingLength() {
        let lengths = descriptions.map(\.utf8.count)
        #expect(lengths.allSatisfy { (30...400).contains($0) })
        #expect(Set(lengths).count > 100)
        #expect(descriptions.allSatisfy { $0.first.map { $0.isUppercase || $0.isNumber } == true })
        // More than one sentence in most: what happened, then what was done.
        #expect(descriptions.filter { $0.dropLast().contains(". ") }.count * 2 > descriptions.count)
    }

    @Test func timesAndNumbersButNothingLikeACPRNumber() {
        #expect(descriptions.contains { $0.contains("kl. ") })
        #expect(descriptions.filter { $0.contains { $0.isNumber } }.count * 2 > descriptions.count)
        for text in descriptions {
            var run = 0
            for c in text.unicodeScalars {
                run = ("0"..."9").contains(c) ? run + 1 : 0
                #expect(run <= 5, "\(text)")
            }
        }
    }

    /// No names: a capital letter starts a sentence (or the abbreviation SSP), nowhere else.
    @Test func capitalsOnlyWhereASentenceStarts() {
        for text in descriptions {
            let words = text.split(separator: " ")
            for (i, word) in words.enumerated() where word.first?.isUppercase == true && !word.hasPrefix("SSP") {
                let previous = i > 0 ? words[i - 1] : nil
                #expect(previous == nil || previous?.last == "." || previous?.last == ":", "\(word) in \(text)")
            }
        }
    }

    @Test func danishLettersInBothCases() {
        #expect(descriptions.contains { $0.contains("råb") })
        #expect(descriptions.contains { $0.hasPrefix("Råb") || $0.contains(". Råb") })
        #expect(descriptions.contains { $0.contains("æ") } && descriptions.contains { $0.contains("ø") })
    }

    @Test func commasAndQuotesAreQuotedInTheFile() {
        #expect(descriptions.contains { $0.contains(",") })
        #expect(descriptions.contains { $0.contains("\"") })
        #expect(Samples.incidentsText.contains("\"\"vi kommer igen\"\""))
    }

    /// The template style is the first samples' file: the old header, a few hundred descriptions.
    @Test func templateStyleKeepsTheOldColumnsAndFewValues() {
        let old = CSVTable(SampleGenerator(seed: 2025, scale: 1, descriptions: .templates).incidentsCSV())
        #expect(old.header == ["id", "reported_at", "library", "category", "severity", "police_called",
                               "during_self_service", "reported_by", "description"])
        #expect((100...400).contains(Set(old.values("description")).count))
    }

    /// The description is drawn apart from everything else: every other column is the same in
    /// both styles, so the report's figures cannot depend on it.
    @Test func otherColumnsAreTheSameInBothStyles() {
        let free = Samples.incidents
        let old = CSVTable(SampleGenerator(seed: 2025, scale: 1, descriptions: .templates).incidentsCSV())
        #expect(free.rows.count == old.rows.count)
        for name in old.header where name != "description" {
            #expect(free.values(name) == old.values(name), "\(name)")
        }
    }
}
