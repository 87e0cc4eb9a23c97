import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// The table view's layout rules checked on random columns: the decimal marks of a column line
/// up without changing a value, ASCII drawing is the Unicode drawing with plain characters, and
/// the note about columns left out wraps only at spaces.
@Suite struct TableLayoutTests {
    /// A column of random floats: small and large, negative, whole, with nulls.
    func randomFloats(_ random: inout WorkbookRandom, rows: Int) -> [Value] {
        (0..<rows).map { _ in
            switch Int.random(in: 0..<6, using: &random) {
            case 0: return .null
            case 1: return .float(Double(Int.random(in: -50...50, using: &random)))
            case 2: return .float(Double.random(in: -1e7...1e7, using: &random))
            default: return .float(Double.random(in: -10...10, using: &random))
            }
        }
    }

    /// The data lines of a one-column table (between the rule under the types and the bottom border).
    func dataLines(_ out: String) -> [String] {
        let lines = out.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("├") || $0.hasPrefix("+") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.hasPrefix("│") || $0.hasPrefix("|") })
    }

    @Test(arguments: [false, true]) func decimalMarksLineUpAndValuesStay(danish: Bool) {
        var random = WorkbookRandom(seed: danish ? 11 : 7)
        for round in 0..<200 {
            let values = randomFloats(&random, rows: Int.random(in: 1...12, using: &random))
            var renderer = TableRenderer(maxRows: 0)
            renderer.danishNumbers = danish
            let lines = dataLines(renderer.render(TestTables.table("t", [("x", .float, values)])))
            #expect(lines.count == values.count)
            let mark: Character = danish ? "," : "."
            var markColumns = Set<Int>()
            for (line, value) in zip(lines, values) {
                let cell = line.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
                guard case .float(let d) = value else { #expect(cell == "NULL"); continue }
                if let i = line.lastIndex(of: mark) { markColumns.insert(line.distance(from: line.startIndex, to: i)) }
                // The shown number is the value rounded to two places, whatever zeros were added.
                let plain = danish ? cell.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") : cell
                let shown = Double(plain)
                #expect(shown != nil && abs((shown ?? .nan) - (d * 100).rounded() / 100) < 1e-6,
                        "round \(round): \(d) shown as \(cell)")
            }
            #expect(markColumns.count <= 1, "round \(round): marks at \(markColumns.sorted())\n\(lines.joined(separator: "\n"))")
        }
    }

    /// A float in the table view is what `round(x, 2)` gives: half away from zero on the value
    /// as it prints, so the table and a rounded column agree (0.285 is 0.29, 1.005 is 1.01).
    @Test func tableFloatsRoundAsRoundDoes() {
        #expect(CellText.rounded(0.285) == "0.29" && CellText.rounded(1.005) == "1.01" && CellText.rounded(-0.285) == "-0.29")
        #expect(CellText.rounded(2.675) == "2.68" && CellText.rounded(12) == "12.0" && CellText.rounded(0.001) == "0.0")
        var random = WorkbookRandom(seed: 9)
        for value in randomFloats(&random, rows: 300) {
            guard case .float(let d) = value else { continue }
            let shown = CellText.rounded(d)
            #expect(Double(shown) == d.roundedAsPrinted(2) || (shown == "0.0" && d.roundedAsPrinted(2) == 0), "\(d) shown as \(shown)")
        }
    }

    /// A float of 10^15 or more shows as its shortest text, which reads back as the same double;
    /// below, as two places. Huge and tiny magnitudes of both signs.
    @Test func hugeFloatsShowTheirShortestText() {
        #expect(CellText.rounded(1e308) == "1e+308" && CellText.rounded(-2.5e20) == "-2.5e+20")
        #expect(CellText.rounded(1e16) == "1e+16" && CellText.rounded(1e15) == "1000000000000000.0" && CellText.rounded(999_999_999_999_999) == "999999999999999.0")
        #expect(CellText.rounded(123_456_789_012_345.5) == "123456789012345.5")
        var random = WorkbookRandom(seed: 11)
        for _ in 0..<500 {
            let d = Double.random(in: 1...9.99, using: &random) * pow(10, Double(Int.random(in: 15...308, using: &random)))
            for x in [d, -d] {
                let shown = CellText.rounded(x)
                #expect(Double(shown) == x && shown.count <= 24, "\(x) shown as \(shown)")
            }
        }
    }

    @Test func decimalsOfAColumnAreFilledToTheMostAnyHas() {
        #expect(CellText.commonDecimals(["2.28", "2.3", "12", "NULL", "<5", "-0.5"], mark: ".")
                == ["2.28", "2.30", "12.00", "NULL", "<5", "-0.50"])
        #expect(CellText.commonDecimals(["1.234,5", "7", "0,25"], mark: ",") == ["1.234,50", "7,00", "0,25"])
        #expect(CellText.commonDecimals(["inf", "nan", "3"], mark: ".") == ["inf", "nan", "3"])
        #expect(CellText.commonDecimals(["1", "2"], mark: ".") == ["1", "2"])
    }

    /// The ASCII table is the Unicode one with each drawing character replaced, cell for cell.
    @Test func asciiTablesAreTheUnicodeOnesInPlainCharacters() {
        var random = WorkbookRandom(seed: 3)
        let wide = TestTables.table("w", [
            ("id", .int, (0..<30).map { .int(Int64($0)) }),
            ("name", .text, (0..<30).map { _ in .text(String(repeating: "ab ", count: Int.random(in: 0...30, using: &random))) }),
            ("x", .float, randomFloats(&random, rows: 30)),
            ("note", .text, (0..<30).map { _ in .null }),
        ])
        for width in [nil, 30, 50, 80] as [Int?] {
            for maxRows in [0, 5] {
                var unicode = TableRenderer(maxRows: maxRows, width: width)
                unicode.maxColumnWidth = 20
                var ascii = unicode
                ascii.ascii = true
                let a = ascii.render(wide), u = unicode.render(wide)
                #expect(a.unicodeScalars.allSatisfy { $0.isASCII }, "\(a)")
                var mapped = u
                for (from, to) in [("┌", "+"), ("┬", "+"), ("┐", "+"), ("├", "+"), ("┼", "+"), ("┤", "+"),
                                   ("└", "+"), ("┴", "+"), ("┘", "+"), ("─", "-"), ("│", "|")] {
                    mapped = mapped.replacingOccurrences(of: from, with: to)
                }
                // `… N more rows` starts a line; every other `…` marks a cut cell or column.
                mapped = mapped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.hasPrefix("… ") ? "..." + line.dropFirst() : line.replacingOccurrences(of: "…", with: "~")
                }.joined(separator: "\n")
                #expect(a == mapped, "width \(String(describing: width)), maxRows \(maxRows)")
            }
        }
    }

    @Test func asciiTableInFull() {
        var renderer = TableRenderer(maxRows: 2)
        renderer.ascii = true
        #expect(renderer.render(TestTables.table("t", [("n", .int, [.int(1), .int(22), .int(3)]),
                                                       ("mean", .float, [.float(2.28), .float(2.3), .null])])) == """
            +-----+-------+
            |   n |  mean |
            | int | float |
            +-----+-------+
            |   1 |  2.28 |
            |  22 |  2.30 |
            +-----+-------+
            ... 1 more row (.maxrows N to show more)
            3 rows

            """)
    }

    /// At every width the note about columns not shown keeps its words whole and its lines in the width.
    @Test func columnsNotShownNoteWrapsAtSpaces() {
        let names = ["library", "category", "severity", "Dato for hændelse", "utryghedsskabende_adfærd_i_alt", "x"]
        let table = TestTables.table("t", [("id", .int, [.int(1)])] + names.map { ($0, DataType.text, [Value.text("a")]) })
        var noted = 0
        for width in 20...100 {
            let out = TableRenderer(maxRows: 40, width: width).render(table)
            let lines = out.split(separator: "\n").map(String.init)
            guard let first = lines.firstIndex(where: { $0.contains("not shown:") }) else { continue }
            let note = Array(lines[first...])
            noted += 1
            for line in note where line.split(separator: " ").count > 1 {
                // TextWrap keeps lines of at least 20 columns.
                #expect(DisplayWidth.of(line) <= max(width - 1, 20), "width \(width): \(line)")
            }
            // Put back on one line, the note names the columns cut from the right, each whole.
            let text = note.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            let prefix = text.prefix { $0 != ":" }
            #expect(prefix.hasSuffix("not shown") && text.hasSuffix(" (try .mode line)"), "width \(width): \(text)")
            let listed = text.dropFirst(prefix.count + 2).dropLast(" (try .mode line)".count)
                .components(separatedBy: ", ")
            #expect(listed == Array(names.suffix(listed.count)), "width \(width): \(listed)")
            #expect(prefix.hasPrefix("\(listed.count) column"), "width \(width): \(text)")
            for line in lines where line.hasPrefix("┌") || line.hasPrefix("│") { #expect(DisplayWidth.of(line) <= width) }
        }
        #expect(noted > 40)
    }
}
