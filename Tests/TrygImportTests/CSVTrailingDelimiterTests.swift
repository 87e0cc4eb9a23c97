import Testing
@testable import TrygImport
@testable import TrygEngine

/// Delimiters after the last field, as many exports write every line (`a;b;c;`, `1;2;3;`).
@Suite struct CSVTrailingDelimiterTests {
    /// Delimiters after the header's last name and after the rows' last field — none, one or
    /// two, on the header, on every row or on some — add no column and cost no row: the table
    /// has the header's names and every row, no warning of a column without a name, and one
    /// note counts the lines that lost them. Random delimiters, widths, rows and line ends.
    @Test(arguments: 0..<80)
    func delimitersAfterTheLastFieldAddNoColumn(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 7070)
        let d = [",", ";", "\t", "|"].randomElement(using: &rng) ?? ";"
        let lineEnd = Bool.random(using: &rng) ? "\r\n" : "\n"
        let width = Int.random(in: 2...5, using: &rng)
        let names = Array(["Sagsnr", "Bibliotek", "Kategori", "Note", "Sted"].prefix(width))
        let headerExtra = Int.random(in: 0...2, using: &rng)
        let sameOnEveryRow = Bool.random(using: &rng)
        let everyRow = Int.random(in: 0...2, using: &rng)
        let rowCount = Int.random(in: 1...8, using: &rng)
        var text = names.joined(separator: d) + String(repeating: d, count: headerExtra) + lineEnd
        var extras: [Int] = []
        for r in 0..<rowCount {
            let extra = sameOnEveryRow ? everyRow : Int.random(in: 0...2, using: &rng)
            extras.append(extra)
            let fields = ["\(4200 + r)"] + (1..<width).map { "v\(r)x\($0)" }
            text += fields.joined(separator: d) + String(repeating: d, count: extra) + lineEnd
        }
        let l = try csvLoad(text)
        let context = "seed \(seed): \(text.debugDescription)"
        #expect(l.table.columnNames == names, "\(context)")
        #expect(l.rowsLoaded == rowCount && l.rowsRejected == 0, "\(context)")
        #expect(l.report.warnings.isEmpty, "\(context): \(l.report.warnings.map(\.message))")
        #expect(csvValues(l, "Sagsnr") == (0..<rowCount).map { .int(Int64(4200 + $0)) }, "\(context)")
        #expect(csvValues(l, names[width - 1]) == (0..<rowCount).map { .text("v\($0)x\(width - 1)") }, "\(context)")
        let rows = extras.count { $0 > 0 }
        let several = (headerExtra > 1 ? 1 : 0) + extras.count { $0 > 1 }
        let note = l.report.notes.first { $0.contains("after the last field") }
        if headerExtra == 0 && rows == 0 {
            #expect(note == nil, "\(context)")
        } else {
            var lines: [String] = []
            if headerExtra > 0 { lines.append("the header") }
            if rows > 0 { lines.append(rows == 1 ? "1 row" : "\(rows) rows") }
            let shown = d == "\t" ? "tab" : "'\(d)'"
            var expected = "a \(shown) after the last field of \(lines.joined(separator: " and of ")) dropped"
            if several > 0 {
                expected += (headerExtra > 0 ? 1 : 0) + rows == 1 ? " (more than one)" : " (more than one on \(several) of them)"
            }
            #expect(note == expected, "\(context): \(l.report.notes)")
        }
    }

    /// A value under the header's empty last name keeps that column, as today: a row's value
    /// is never dropped with the delimiters. In a small file the sample sees it; in a large one
    /// it may come past the sample, and the file is read again with the column.
    @Test(arguments: [(6, 3), (6, 0), (60_000, 44_000), (60_000, 59_999)])
    func aValueUnderAnEmptyNameKeepsItsColumn(rows: Int, valueAt: Int) throws {
        var text = "Sagsnr;Bibliotek;Antal;\n"
        for r in 0..<rows { text += "\(r + 1);Valby;\(r % 7);" + (r == valueAt ? "bemærk" : "") + "\n" }
        let l = try csvLoad(text)
        #expect(l.table.columnNames == ["Sagsnr", "Bibliotek", "Antal", "column_4"])
        #expect(l.rowsLoaded == rows && l.rowsRejected == 0)
        #expect(csvValues(l, "column_4").enumerated().allSatisfy { $0.element == ($0.offset == valueAt ? .text("bemærk") : .null) })
        #expect(l.report.warnings.map(\.message) == ["column 4 has no name; it is called column_4"])
        #expect(!l.report.notes.contains { $0.contains("after the last field") }, "\(l.report.notes)")
    }

    /// Fields beyond the header's width are dropped only when empty: a row with a value there
    /// is rejected with the counts, whatever the delimiters before it.
    @Test(arguments: [";", ",", "\t"])
    func aValueAfterEmptyFieldsIsRejectedNotDropped(_ d: String) throws {
        let l = try csvLoad(["a\(d)b\(d)c", "1\(d)2\(d)3\(d)\(d)", "4\(d)5\(d)6\(d)\(d)x", "7\(d)8\(d)9\(d)"].joined(separator: "\n") + "\n")
        #expect(l.table.columnNames == ["a", "b", "c"])
        #expect(l.rowsLoaded == 2 && l.rowsRejected == 1)
        #expect(l.rejects?.rows.first?[3] == .text("expected 3 fields, found 5"))
        #expect(l.rejects?.rows.first?[2] == .text("4\(d)5\(d)6\(d)\(d)x"))
    }
}
