import Testing
import TrygDomain
@testable import TrygImport
@testable import TrygEngine

/// Notes for total rows and for values that differ only in blanks around them.
@Suite struct LoadChecksTests {
    private func notes(_ text: String) throws -> [String] {
        LoadChecks.notes(try csvLoad(text).table)
    }

    /// A total row under the data, in any of the spellings and places, with or without nulls
    /// in the column, gives one note naming its row and how to leave it out.
    @Test(arguments: ["I alt", "i alt:", "Total", "TOTAL ", "Totalt", "Sum", "Samlet"])
    func aTotalRowIsNoted(word: String) throws {
        for rows in [3, 7, 40] {
            for nullAt in [nil, 0, 1] as [Int?] {
                var text = "Bibliotek;Hændelser\n"
                for r in 0..<rows { text += "\(r == nullAt ? "" : "Bibliotek \(r % 5)");\(r + 1)\n" }
                text += "\(word);\(rows * (rows + 1) / 2)\n"
                let n = try notes(text)
                let total = rows + 1
                #expect(n == ["Bibliotek: row \(LoadReport.grouped(total)) of \(LoadReport.grouped(total)) (the last) reads "
                              + "'\(word)', like a total of other rows; sums and counts over the table include it: "
                              + "leave it out with where Bibliotek != \"\(word)\""], "\(word), \(rows) rows, null at \(String(describing: nullAt))")
            }
        }
    }

    /// The words inside other values, short tables, many rows of the word (a column of
    /// categories named so), and null rows whose placeholder code is the word's: no note.
    @Test func noTotalWhereThereIsNone() throws {
        #expect(try notes("kategori;n\nSum af alt;1\nTotalskade;2\nSummen;3\nI alt i alt;4\n").isEmpty)
        #expect(try notes("kategori;n\nVold;1\nI alt;1\n").isEmpty)
        var many = "kategori;n\n"
        for r in 0..<20 { many += "\(r % 2 == 0 ? "Sum" : "Andet");\(r)\n" }
        #expect(try notes(many).isEmpty)
        // The first value is the word and the null rows hold its code.
        var nulls = "navn;n\nTotal;1\n"
        for r in 0..<30 { nulls += "\(r % 3 == 0 ? "" : "x\(r)");\(r)\n" }
        let load = try csvLoad(nulls)
        #expect(LoadChecks.notes(load.table).count == 1)
        #expect(LoadChecks.notes(load.table).first?.contains("row 1 of 31 reads 'Total'") == true, "\(LoadChecks.notes(load.table))")
    }

    /// Values that differ only in blanks around them, at either end, spaces or tabs: one note
    /// with the number of padded rows; none when no unpadded twin exists.
    @Test func paddedTwinsAreNoted() throws {
        for pad in [" ", "  ", "\t"] {
            for (before, after) in [(pad, ""), ("", pad), (pad, pad)] {
                var text = "library,n\n"
                var padded = 0
                for r in 0..<30 {
                    let twin = r % 4 == 1
                    if twin { padded += 1 }
                    text += "\"\(twin ? before + "Blågården" + after : "Blågården")\",\(r)\n"
                    text += "Valby,\(r)\n"
                }
                let n = try notes(text)
                #expect(n.count == 1, "\(n)")
                #expect(n.first?.hasSuffix("\(padded) rows have such blanks, and group and compare apart: trim(library) makes them one") == true,
                        "\(n)")
            }
        }
        let valby = try notes("library,n\n Blågården,1\nValby,2\nValby ,3\n")
        #expect(valby == ["library: 'Valby' and 'Valby ' differ only in blanks around them; 1 row has such blanks, "
                          + "and group and compare apart: trim(library) makes them one"], "\(valby)")
        #expect(try notes("library,n\n\" Blågården\",1\nValby,2\nNørrebro,3\n").isEmpty)
    }
}
