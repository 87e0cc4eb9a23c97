import Foundation
import Testing

/// `let` never replaces a table loaded from a file; `.drop` removes one, then `let` may.
@Suite struct LetAndDropTests {
    @Test func letRefusesALoadedTableUntilItIsDropped() throws {
        let data = try TestData.folder()
        let script = try data.write("let.tryg", """
            let incidents = incidents where id = 1
            incidents count
            .drop incidents
            let incidents = libraries
            incidents count

            """)
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", "--keep-going", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: 'incidents' is a table loaded from a file"))
        #expect(r.stderr.contains(".drop incidents"))
        // The loaded table is untouched (3 rows); after .drop the name holds the let's result (2 rows).
        #expect(r.stdout == "count\n3\n\ncount\n2\n")
    }

    @Test func dropOfAnUnknownTableIsAnError() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "-c", ".drop incidnets"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown table 'incidnets'"))
    }
}
