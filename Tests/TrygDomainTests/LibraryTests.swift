import Testing
@testable import TrygDomain

@Suite struct LibraryTests {
    let directory = LibraryDirectory.copenhagen

    @Test(arguments: [
        ("Blågården", "Blågården"), ("Blågårdens Bibliotek", "Blågården"), ("blaagaarden", "Blågården"),
        ("BLÅGÅRDEN", "Blågården"), ("blågårdens bibliotek", "Blågården"), ("Bla\u{030A}gården", "Blågården"),
        ("Nørrebro", "Nørrebro"), ("nørrebro bibliotek", "Nørrebro"), ("Noerrebro", "Nørrebro"),
        ("Vesterbro Bibliotek og Kulturhus", "Vesterbro"), ("vesterbro bibliotek", "Vesterbro"),
        ("Københavns Hovedbibliotek", "Hovedbiblioteket"), ("ØSTERBRO", "Østerbro"),
        ("Kulturhuset Islands Brygge", "Islands Brygge"),
    ])
    func lookups(spelling: String, name: String) {
        #expect(directory.shortName(for: spelling) == name)
        #expect(directory.library(named: spelling)?.name == name)
    }

    @Test func unknownNames() {
        #expect(directory.library(named: "Atlantis Bibliotek") == nil)
        #expect(directory.shortName(for: "") == nil)
    }

    @Test func districts() {
        #expect(directory.district(of: "blågården") == "Nørrebro")
        #expect(directory.district(of: "Nørrebro Bibliotek") == "Nørrebro")
        #expect(directory.district(of: "Vesterbro") == "Vesterbro/Kongens Enghave")
        #expect(directory.district(of: "Hovedbiblioteket") == "Indre By")
        for library in directory.libraries {
            #expect(District.all.contains(library.district), "\(library.name)")
        }
    }

    @Test func everySpellingNamesOneLibrary() {
        var seen: [String: String] = [:]
        for library in directory.libraries {
            for spelling in Set(library.spellings.map { $0.lowercased() }) {
                #expect(seen[spelling] == nil, "\(spelling) names \(seen[spelling] ?? "") and \(library.name)")
                seen[spelling] = library.name
            }
        }
    }

    @Test func effortStarts() {
        let vesterbro = directory.library(named: "Vesterbro")?.effortStart
        #expect(vesterbro == date(2022, 10, 1))
        #expect(vesterbro.map { HalfYear(date: $0) } == HalfYear(season: .vinter, startYear: 2022))
        #expect(directory.library(named: "Blågården")?.effortStart == date(2025, 1, 1))
        #expect(directory.library(named: "Nørrebro")?.effortStart == date(2025, 1, 1))
        #expect(directory.libraries.filter { $0.effortStart != nil }.count == 3)
    }
}
