import Testing
@testable import TrygDomain

/// The report's figures, counted straight from the generated rows (seed 2025, scale 1).
@Suite struct CalibrationTests {
    let insecurity = IncidentCategory.insecurityCreatingBehaviour

    @Test func f4VesterbroHalvedFromWinter2223ToWinter2425() {
        let before = Samples.count("Vesterbro", v2223)
        let after = Samples.count("Vesterbro", v2425)
        #expect(before == 240)
        #expect(after == 120)
        #expect(before == 2 * after)
    }

    @Test func f5InsecurityFellEveryWinterBy63Percent() {
        let counts = [v2223, v2324, v2425].map { Samples.count("Vesterbro", $0, category: insecurity) }
        #expect(counts == [100, 66, 37])
        #expect(counts[0] > counts[1] && counts[1] > counts[2])
        #expect(counts[2] * 100 == counts[0] * 37)
    }

    @Test func f6VesterbroSummerFell41Percent() {
        let before = Samples.count("Vesterbro", s23)
        let after = Samples.count("Vesterbro", s25)
        #expect(before == 200)
        #expect(after == 118)
        #expect((before - after) * 100 == before * 41)
    }

    @Test func f7VesterbroStaffFeelingSafe() {
        let y2023 = Samples.safePercent("Vesterbro", year: 2023)
        let y2025 = Samples.safePercent("Vesterbro", year: 2025)
        #expect(y2023.percent == 67)
        #expect(y2025.percent == 91)
        #expect((20...40).contains(y2023.respondents) && (20...40).contains(y2025.respondents))
    }

    @Test func f8NørrebroDistrictLeadsWinters2324And2425() {
        let directory = LibraryDirectory.copenhagen
        for winter in [v2324, v2425] {
            var perDistrict: [String: Int] = [:]
            for (i, row) in Samples.incidents.rows.enumerated() where Samples.incidentHalfYears[i] == winter {
                perDistrict[directory.district(of: row[Samples.incidents.column("library")]) ?? "?", default: 0] += 1
            }
            let nørrebro = perDistrict["Nørrebro"] ?? 0
            for (district, count) in perDistrict where district != "Nørrebro" {
                #expect(count < nørrebro, "\(winter): \(district) \(count) ≥ Nørrebro \(nørrebro)")
            }
        }
    }

    @Test func f9NørrebroLibrariesBaseline() {
        #expect(Samples.safePercent("Blågården", year: 2025).percent == 78)
        #expect(Samples.safePercent("Nørrebro", year: 2025).percent == 83)
    }

    /// The district lead holds for other seeds too: only the other libraries' volumes vary.
    @Test(arguments: [1, 7, 42, 99_999] as [UInt64])
    func f8HoldsForOtherSeeds(seed: UInt64) {
        let plan = IncidentPlan(seed: seed, scale: 1)
        for winter in [v2324, v2425] {
            guard let h = IncidentPlan.halfYears.firstIndex(of: winter) else { Issue.record("no \(winter)"); continue }
            var perDistrict: [String: Int] = [:]
            for (l, library) in plan.libraries.enumerated() { perDistrict[library.district, default: 0] += plan.counts[h][l] }
            let nørrebro = perDistrict["Nørrebro"] ?? 0
            #expect(perDistrict.filter { $0.key != "Nørrebro" }.values.allSatisfy { $0 < nørrebro })
        }
    }

    /// At scale 2 every count doubles, so the figures still hold exactly.
    @Test func scaleMultipliesEveryCount() {
        let table = CSVTable(SampleGenerator(seed: 2025, scale: 2).incidentsCSV())
        let halfYears = table.values("reported_at").map(Samples.halfYear)
        #expect(table.rows.count == 2 * Samples.incidents.rows.count)
        #expect(Samples.count("Vesterbro", v2223, in: table, halfYears: halfYears) == 480)
        #expect(Samples.count("Vesterbro", v2425, in: table, halfYears: halfYears) == 240)
        #expect(Samples.count("Vesterbro", v2425, category: insecurity, in: table, halfYears: halfYears) == 74)
        #expect(Samples.count("Vesterbro", s25, in: table, halfYears: halfYears) == 236)
    }
}
