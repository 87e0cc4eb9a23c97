import Testing
import TrygDomain
@testable import TrygEngine
import TrygImport

/// A filter on a library matches every spelling the data holds (short name, full name,
/// aliases, any case), so `where library = …` counts what `group by district` counts.
@Suite struct LibrarySpellingTests {
    static let directory = LibraryDirectory.copenhagen

    /// A table of random spellings of four libraries and one name the domain does not know.
    static func table(seed: UInt64) throws -> (Catalog, [String]) {
        var rng = TestTables.Rng(state: seed)
        let chosen = directory.libraries.prefix(4)
        var spellings: [String] = ["Ukendt filial"]
        for l in chosen {
            spellings += [l.name, l.fullName, l.name.uppercased(), l.name.lowercased()] + l.aliases
        }
        var rows: [String] = []
        for i in 0..<400 { rows.append("\(i);\(spellings[rng.int(spellings.count)])") }
        let text = "id;library\n" + rows.joined(separator: "\n") + "\n"
        let load = try CSVReader.load(bytes: Array(text.utf8), path: "own.csv", tableName: "own")
        let catalog = Catalog()
        catalog.register(load.table)
        return (catalog, rows.map { String($0.split(separator: ";")[1]) })
    }

    static func count(_ session: Session, _ query: String) throws -> Int64? {
        guard case .rows(let r) = try session.execute(query), case .int(let n) = r.table.columns[0].value(at: 0) else { return nil }
        return n
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everySpellingIsMatched(seed: UInt64) throws {
        let (catalog, values) = try LibrarySpellingTests.table(seed: seed)
        let session = Session(catalog: catalog)
        let resolved = values.map { LibrarySpellingTests.directory.shortName(for: $0) }
        for library in LibrarySpellingTests.directory.libraries.prefix(4) {
            let want = Int64(resolved.filter { $0 == library.name }.count)
            for literal in [library.name, library.fullName, library.name.uppercased()] {
                #expect(try LibrarySpellingTests.count(session, "own where library = \"\(literal)\" count") == want, "\(literal)")
                #expect(try LibrarySpellingTests.count(session, "own where library != \"\(literal)\" count") == Int64(values.count) - want)
            }
            let other = LibrarySpellingTests.directory.libraries[4].name
            let both = Int64(resolved.filter { $0 == library.name || $0 == other }.count)
            #expect(try LibrarySpellingTests.count(session, "own where library in (\"\(library.name)\", \"\(other)\") count") == both)
        }
        // A name the domain does not know is compared as written.
        #expect(try LibrarySpellingTests.count(session, "own where library = \"Ukendt filial\" count")
                == Int64(values.filter { $0 == "Ukendt filial" }.count))
    }

    /// Columns that spell a library one way, several ways or not at all: the filter counts
    /// every spelling, and warns that it matches nothing exactly when it counts no row.
    @Test(arguments: [4, 5, 6, 7] as [UInt64])
    func aWarningOnlyWhenNothingMatches(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        let libraries = Array(LibrarySpellingTests.directory.libraries.prefix(3))
        var rows: [String] = []
        for (k, l) in libraries.enumerated() {
            // The first library not at all, the second one way, the third several ways.
            let spellings = [[], [l.name.uppercased()], [l.name.uppercased(), l.name.lowercased(), l.fullName]][k]
            for _ in 0..<(spellings.isEmpty ? 0 : 5 + rng.int(20)) { rows.append(spellings[rng.int(spellings.count)]) }
        }
        let text = "library\n" + rows.joined(separator: "\n") + "\n"
        let catalog = Catalog()
        catalog.register(try CSVReader.load(bytes: Array(text.utf8), path: "few.csv", tableName: "few").table)
        let session = Session(catalog: catalog)
        for l in libraries {
            let want = Int64(rows.filter { LibrarySpellingTests.directory.shortName(for: $0) == l.name }.count)
            for query in ["few where library = \"\(l.name)\" count", "few where library in (\"\(l.name)\", \"Ukendt\") count"] {
                guard case .rows(let r) = try session.execute(query), case .int(let n) = r.table.columns[0].value(at: 0) else {
                    Issue.record("no count for \(query)")
                    continue
                }
                #expect(n == want, "\(query)")
                // `Ukendt` matches nothing: with it, the library is named as missing only with it.
                let warned = r.warnings.contains { $0.message.contains(l.name) || $0.message.contains("2 of the 2") }
                #expect(warned == (want == 0), "\(query): \(r.warnings.map(\.message))")
            }
        }
    }
}
