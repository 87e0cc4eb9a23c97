import Testing
@testable import TrygDomain

/// The survey, libraries and timeline tables.
@Suite struct SmallTableTests {
    @Test func surveyColumnsAndValues() {
        let survey = Samples.survey
        #expect(survey.header == ["year", "season", "library", "respondent", "safety", "competence"])
        #expect(Set(survey.values("season")) == ["vinter"])
        #expect(Set(survey.values("safety")).isSubset(of: Set(SurveyScale.safety.values)))
        #expect(Set(survey.values("competence")).isSubset(of: Set(SurveyScale.competence.values)))
        // Every answer on the safety scale turns up somewhere.
        #expect(Set(survey.values("safety")) == Set(SurveyScale.safety.values))
        let names = Set(LibraryDirectory.copenhagen.libraries.map(\.name))
        #expect(Set(survey.values("library")).isSubset(of: names))
    }

    @Test func respondentsNumberedWithinEachRound() {
        let survey = Samples.survey
        var rounds: [[String]: [String]] = [:]
        var order: [[String]] = []
        for row in survey.rows {
            let key = Array(row[0...2])
            if rounds[key] == nil { order.append(key) }
            rounds[key, default: []].append(row[3])
        }
        #expect(order.count == SurveyPlan.rounds.count)
        for key in order {
            let respondents = rounds[key] ?? []
            #expect((20...40).contains(respondents.count), "\(key)")
            #expect(respondents == (1...respondents.count).map(String.init), "\(key)")
        }
    }

    @Test func librariesTableIsTheDirectory() {
        let table = Samples.libraries
        #expect(table.header == ["name", "full_name", "district", "effort_start"])
        let expected = LibraryDirectory.copenhagen.libraries.map {
            [$0.name, $0.fullName, $0.district, $0.effortStart?.iso ?? ""]
        }
        #expect(table.rows == expected)
        #expect(table.rows.first { $0[0] == "Hovedbiblioteket" }?[3] == "")
    }

    @Test func timelineTableIsTheTimeline() {
        let table = Samples.timeline
        #expect(table.header == ["library", "kind", "starts", "ends", "note"])
        let expected = Timeline.copenhagen.entries.map {
            [$0.library, $0.kind, $0.starts.iso, $0.ends?.iso ?? "", $0.note]
        }
        #expect(table.rows == expected)
        #expect(table.rows.contains(["Blågården", "natteværter", "2025-10-20", "2026-03-31", "Natteværter fra uge 43"]))
        #expect(table.rows.contains { $0[0] == "Nørrebro" && $0[1] == "frijobber" && $0[3].isEmpty })
    }

    @Test func csvFieldsQuoteOnlyWhenNeeded() {
        #expect(CSVField.encode("Blågården") == Array("Blågården".utf8))
        #expect(CSVField.encode("a,b") == Array("\"a,b\"".utf8))
        #expect(CSVField.encode("say \"hi\"") == Array("\"say \"\"hi\"\"\"".utf8))
        #expect(CSVField.encode("two\nlines") == Array("\"two\nlines\"".utf8))
        #expect(CSVField.encode("Bla\u{030A}gården") == Array("Blågården".utf8))
        #expect(CSVTable.parse("a,\"b,\"\"c\"\"\",\n1,2,3\n") == [["a", "b,\"c\"", ""], ["1", "2", "3"]])
    }

    @Test func randomStreamsAreStable() {
        var random = SampleRandom(seed: 2025, stream: 0)
        var again = SampleRandom(seed: 2025, stream: 0)
        var other = SampleRandom(seed: 2025, stream: 1)
        let first = (0..<8).map { _ in random.next() }
        #expect(first == (0..<8).map { _ in again.next() })
        #expect(first != (0..<8).map { _ in other.next() })
        for bound in [1, 2, 7, 60, 1000] {
            #expect((0..<200).allSatisfy { _ in (0..<bound).contains(random.below(bound)) })
        }
        #expect((0..<200).allSatisfy { _ in random.pick([0, 3, 0, 1]) % 2 == 1 })
    }
}
