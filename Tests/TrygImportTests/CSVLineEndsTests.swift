import Testing
@testable import TrygImport

/// Lone `\r` are counted the same however many stretches the count is split into, with a
/// `\r` at the last byte of a stretch and its `\n` at the first of the next (not lone), a `\r`
/// at the very end (lone), and runs of `\r`.
@Suite struct CSVLineEndsTests {
    static func reference(_ b: [UInt8]) -> Int {
        b.indices.filter { b[$0] == 13 && ($0 + 1 == b.count || b[$0 + 1] != 10) }.count
    }

    @Test func theCountIsTheSameInAnyNumberOfStretches() {
        var rng = SeededGenerator(state: 5)
        for round in 0..<60 {
            let n = 4096 * (1 + round % 9) + Int.random(in: 0..<50, using: &rng)
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: n)
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                bytes[Int.random(in: 0..<n, using: &rng)] = [13, 10, 13][Int.random(in: 0..<3, using: &rng)]
            }
            // A line end split between two stretches, for every way of splitting.
            for parts in 2...8 where n / parts > 1 {
                let cut = n / parts
                bytes[cut - 1] = 13
                bytes[cut] = 10
            }
            if round % 2 == 0 { bytes[n - 1] = 13 }
            let want = Self.reference(bytes)
            for parts in 1...8 {
                let got = bytes.withUnsafeBufferPointer { b in b.baseAddress.map { CSVLineEnds.loneCRs($0, count: n, parts: parts) } ?? -1 }
                #expect(got == want, "n \(n), \(parts) stretches")
            }
        }
    }

    /// Rows whose lines end in a mix of `\n`, `\r\n` and `\r` alone read back as written,
    /// with a lone `\r` (or a `\n`, or `\r\n`) inside a quoted value kept in the value, and
    /// only the lone `\r` between rows counted in the note.
    @Test func aLoneCRInsideAQuotedValueStaysInTheValue() throws {
        var rng = SeededGenerator(state: 11)
        let pieces = ["ab", "c", "\r", "\n", "\r\n", "\"", ",", ";", " d"]
        for round in 0..<80 {
            let delimiter = round % 2 == 0 ? "," : ";"
            let rows = Int.random(in: 1..<12, using: &rng)
            var want: [[String]] = []
            var text = "a\(delimiter)b\n"
            var loneBetween = 0
            for r in 0..<rows {
                var row: [String] = []
                for _ in 0..<2 {
                    var v = "x"
                    for _ in 0..<Int.random(in: 0..<4, using: &rng) { v += pieces.randomElement(using: &rng) ?? "" }
                    v += "y"
                    row.append(v)
                }
                want.append(row)
                text += row.map { v in
                    v.utf8.contains { [10, 13, 34, 44, 59].contains($0) } ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
                }.joined(separator: delimiter)
                if r + 1 < rows || round % 3 == 0 {
                    let end = ["\n", "\r\n", "\r"].randomElement(using: &rng) ?? "\n"
                    if end == "\r" { loneBetween += 1 }
                    text += end
                }
            }
            let l = try CSVReader.load(bytes: Array(text.utf8), path: "ends.csv", tableName: "t", options: ImportOptions())
            let got = l.table.rows.map { $0.map { v -> String in if case .text(let s) = v { return s }; return "\(v)" } }
            #expect(got == want, "round \(round): \(text.debugDescription)")
            let note = l.report.notes.first { $0.contains("CR alone") }
            if loneBetween == 0 {
                #expect(note == nil, "round \(round)")
            } else {
                #expect(note?.hasPrefix("\(loneBetween) line") == true, "round \(round): \(note ?? "no note")")
            }
        }
    }
}
