import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

@Suite struct CSVRejectsTests {
    /// The header again further down (a page break in an export) is no row: each repeat is
    /// rejected with its line, and the columns keep the types of their values, in one chunk
    /// or several. Random files, repeats anywhere after the first data row.
    @Test(arguments: 0..<40)
    func repeatedHeadersAreRejectedNotRead(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 321)
        let header = Bool.random(using: &rng) ? "Id;Dato;Antal" : "Id;Dato;Antal;"
        var text = header + "\n", ids: [Int64] = [], repeats: [Int64] = []
        var line = 1
        let rows = Int.random(in: 1...(seed % 4 == 0 ? 3000 : 30), using: &rng)
        for r in 1...rows {
            text += "\(r);0\(Int.random(in: 1...9, using: &rng))-01-2025;\(Int.random(in: 0...50, using: &rng))\n"
            line += 1
            ids.append(Int64(r))
            if Int.random(in: 0..<(rows > 100 ? 200 : 5), using: &rng) == 0 {
                text += header + "\n"
                line += 1
                repeats.append(Int64(line))
            }
        }
        for chunks in [1, 3] {
            var options = ImportOptions()
            options.chunks = chunks
            let l = try csvLoad(text, options: options)
            #expect(l.table.column("Id")?.type == .int && l.table.column("Dato")?.type == .date, "seed \(seed)")
            #expect(csvValues(l, "Id") == ids.map { .int($0) }, "seed \(seed)")
            #expect(l.rejects?.rows.map { $0[1] } ?? [] == repeats.map { .int($0) }, "seed \(seed)")
            #expect((l.rejects?.rows ?? []).allSatisfy { $0[3] == .text("repeats the header (a page break in the export?)") })
        }
    }

    @Test func longRowsAreRejectedWithLineAndRawTextAndShortRowsEndInNulls() throws {
        let csv = "id,library,note\n1,Vesterbro,a\n2,Nørrebro\n3,\"Blå\ngården\",b\n4,x,y,z\n5,Valby,c\nI alt\n"
        let l = try csvLoad(csv)
        #expect(l.rowsLoaded == 4 && l.rowsRejected == 2)
        #expect(csvValues(l, "id") == [.int(1), .int(2), .int(3), .int(5)])
        #expect(csvValues(l, "note") == [.text("a"), .null, .text("b"), .text("c")])
        #expect(l.report.notes.contains { $0.contains("1 row has fewer fields than the header (the first on line 3)") })
        let rejects = try #require(l.rejects)
        #expect(rejects.name == "t_rejects")
        #expect(rejects.columnNames == ["file", "line", "raw", "reason"])
        #expect(rejects.column("line")?.type == .int)
        #expect(rejects.rows == [
            [.text("test.csv"), .int(6), .text("4,x,y,z"), .text("expected 3 fields, found 4")],
            // A short row whose values do not fit their columns is not data (a total, a note).
            [.text("test.csv"), .int(8), .text("I alt"), .text("expected 3 fields, found 1")],
        ])
    }

    @Test func aRejectedRowLeavesNoValueInTheColumnsBeforeTheMisfit() throws {
        // Typed columns take each row's values one after another; a later misfit must take
        // back the values (and nulls) the earlier ones took.
        let csv = "a,b,c,d\n1,2024-01-01,3,x\n,2024-01-02,nope,y\n5,never,,z\n,,7,w\n"
        let l = try csvLoad(csv, options: ImportOptions(types: ["a": .int, "b": .date, "c": .int]))
        #expect(l.rowsLoaded == 2 && l.rowsRejected == 2)
        #expect(csvValues(l, "a") == [.int(1), .null])
        #expect(csvValues(l, "b") == [.date(csvDay(2024, 1, 1)), .null])
        #expect(csvValues(l, "c") == [.int(3), .int(7)])
        #expect(csvValues(l, "d") == [.text("x"), .text("w")])
        #expect(l.report.misfits == [0, 1, 1, 0])
        #expect(l.rejects?.rows.map { $0[1] } == [.int(3), .int(4)])
    }

    @Test func aMisfitWidensItsColumnAndKeepsItsRow() throws {
        // `n` is sniffed as whole numbers and `d` as dates; the last row widens `n` to decimal
        // and makes `d` text, and no row is lost to an inferred type.
        var csv = "n,d\n"
        for i in 0..<200 { csv += "\(i),2024-01-01\n" }
        csv += "2.5,never\n"
        let l = try csvLoad(csv)
        #expect(csvType(l, "n") == .decimal)
        #expect(csvType(l, "d") == .text)
        #expect(l.rowsRejected == 0 && l.rowsLoaded == 201)
    }

    @Test func rejectedRowsDoNotSteerInference() throws {
        let l = try csvLoad("a,b\n1,2\nx\n3,4\n")
        #expect(csvType(l, "a") == .int)
        #expect(l.rowsRejected == 1)
    }

    @Test func textAfterAClosingQuoteIsRejected() throws {
        let l = try csvLoad("a,b\n1,\"x\"y\n2,z\n")
        #expect(l.rowsLoaded == 1)
        #expect(l.rejects?.rows.first == [.text("test.csv"), .int(2), .text("1,\"x\"y"),
                                          .text("unexpected text after the closing quote in field 2 (b)")])
    }

    @Test func overriddenTypeRejectsAValueThatDoesNotFit() throws {
        let options = ImportOptions(types: ["severity": .int, "code": .text, "share": .decimal])
        let l = try csvLoad("id,severity,code,share\n1,3,007,1\n2,high,008,2\n3,,009,x\n4,5,010,0.5\n", options: options)
        #expect(csvType(l, "severity") == .int)
        #expect(csvValues(l, "severity") == [.int(3), .int(5)])
        #expect(csvValues(l, "code") == [.text("007"), .text("010")])
        #expect(csvValues(l, "share") == [.decimal(1), .decimal(0.5)])
        let rejects = try #require(l.rejects)
        #expect(rejects.rows.map { $0[1] } == [.int(3), .int(4)])
        #expect(rejects.rows.map { $0[3] } == [.text("column severity: 'high' is not an int"),
                                               .text("column share: 'x' is not a decimal")])
    }

    @Test func overriddenTemporalTypes() throws {
        let options = ImportOptions(types: ["day": .date, "at": .timestamp, "ok": .bool])
        let l = try csvLoad("day,at,ok\n2025-01-01,2025-01-01,true\n2025-01-01T10:00,2025-01-01,yes\n2025-01-02,x,false\n",
                            options: options)
        #expect(csvValues(l, "at") == [.timestamp(csvDay(2025, 1, 1) * 86_400)])
        #expect(l.rejects?.rows.map { $0[3] } == [
            .text("column day: '2025-01-01T10:00' is not a date (YYYY-MM-DD or DD-MM-YYYY); "
                  + "column ok: 'yes' is not a bool (ja/nej, true/false, 1/0)"),
            .text("column at: 'x' is not a timestamp (YYYY-MM-DD HH:MM[:SS] or DD-MM-YYYY HH:MM[:SS])"),
        ])
    }

    @Test func overriddenCategoryAndHalfYear() throws {
        let options = ImportOptions(types: ["safety": .category(SurveyScale.safety), "period": .halfYear])
        let l = try csvLoad("safety,period\n,V24/25\nTryg,sommer 2025\nsafe,2025\nutryg,2025/27\nutryg,\n", options: options)
        #expect(csvValues(l, "safety") == [.null, .category(3, SurveyScale.safety), .category(1, SurveyScale.safety)])
        #expect(csvValues(l, "period") == [.halfYear(HalfYear(season: .vinter, startYear: 2024)),
                                           .halfYear(HalfYear(season: .sommer, startYear: 2025)), .null])
        #expect(l.rejects?.rows.map { $0[1] } == [.int(4), .int(5)])
        let reason = l.rejects?.rows.first?[3]
        #expect(reason == .text("column safety: 'safe' is not in the scale safety (meget utryg, utryg, hverken/eller, tryg, meget tryg)"))
    }

    @Test func typeForAMissingColumnIsAnError() {
        let d = csvError("a,b\n1,2\n", options: ImportOptions(types: ["c": .int]))
        #expect(d?.message == "a type is given for column 'c', which the file lacks")
        #expect(d?.notes == ["note: the columns are a, b"])
    }

    /// A type names its column as a query does: as written, else ignoring case.
    @Test func typeNamesItsColumnIgnoringCase() throws {
        let l = try csvLoad("Beløb;Sag\n12;007\n3;010\n", options: ImportOptions(types: ["beløb": .decimal, "SAG": .text]))
        #expect(csvType(l, "Beløb") == .decimal)
        #expect(csvValues(l, "Sag") == [.text("007"), .text("010")])
    }
}

@Suite struct CSVErrorTests {
    /// A workbook, an old .xls or a PDF under a `.csv` name is named as what it is, with what to
    /// do, not reported as invalid UTF-8.
    @Test(arguments: [([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] as [UInt8], "a zip archive"),
                      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], "an old Excel workbook (.xls)"),
                      (Array("%PDF-1.7\n%\u{E2}".utf8), "a PDF document")])
    func otherFormatsAreNamed(_ bytes: [UInt8], _ kind: String) {
        let d = csvError(bytes + Array(repeating: 0xFF, count: 64))
        #expect(d?.message.hasPrefix("not CSV text: this is \(kind)") == true, "\(String(describing: d?.message))")
        #expect(d?.notes.first?.hasPrefix("help: ") == true)
    }

    /// DOS's end mark (Ctrl-Z) after the last line is no row, and the report says it was dropped;
    /// a line of spaces alone in a file of several columns is no row either.
    @Test func dosEndMarkAndLinesOfSpacesHoldNoRow() throws {
        for tail in ["\u{1A}", "\u{1A}\u{1A}"] {
            let l = try csvLoad("a;b\n1;x\n   \n2;y\n" + tail)
            #expect(csvValues(l, "a") == [.int(1), .int(2)] && l.table.column("a")?.type == .int)
            #expect(l.report.notes.contains("a DOS end-of-file mark (Ctrl-Z) after the last line dropped"))
        }
        let inside = try csvLoad("a;b\n1;x\u{1A}y\n")
        #expect(csvValues(inside, "b") == [.text("x\u{1A}y")])
    }

    @Test func invalidUTF8NamesLineColumnAndByte() throws {
        let bytes = Array("id,name\n1,ok\n2,bl".utf8) + [0xE5] + Array("gården\n".utf8)
        let d = try #require(csvError(bytes))
        #expect(d.message == "invalid UTF-8 at byte 17 (save the file as UTF-8)")
        #expect(d.file?.path == "bad.csv")
        #expect(d.file?.line == 3)
        #expect(d.file?.column == 5)
        #expect(d.file?.snippet == "2,bl\u{FFFD}gården")
        #expect(d.description.contains("--> bad.csv:3:5"))
    }

    @Test func invalidUTF8Forms() {
        // Overlong, surrogate, above U+10FFFF, truncated, stray continuation: errors when the
        // file is said to be UTF-8, or when it is UTF-8 elsewhere.
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            let d = csvError(Array("a\nx".utf8) + bad + Array("\n".utf8), options: ImportOptions(encoding: .utf8))
            #expect(d?.message.hasPrefix("invalid UTF-8 at byte 3") == true, "\(bad)")
            let mixed = csvError(Array("a\nx".utf8) + bad + Array("\nø\n".utf8))
            #expect(mixed?.message.hasPrefix("invalid UTF-8 at byte 3") == true, "\(bad)")
        }
        #expect(csvError(Array("a\n€😀\n".utf8)) == nil)
    }

    @Test func quoteLeftOpenRejectsItsLineOnly() throws {
        let l = try csvLoad("id,note\n1,ok\n2,\"never\nclosed\n3,x\n")
        #expect(csvValues(l, "id") == [.int(1), .int(3)])
        #expect(csvValues(l, "note") == [.text("ok"), .text("x")])
        #expect(l.rejects?.rows == [[.text("test.csv"), .int(3), .text("2,\"never"), .text("quote left open in field 2 (note)")],
                                    [.text("test.csv"), .int(4), .text("closed"), .text("expected 2 fields, found 1")]])
    }

    @Test func quoteLeftOpenUntilAnotherQuoteRejectsItsLineOnly() throws {
        // The quote before Valby closes the one left open on line 3, and text follows it.
        let l = try csvLoad("id;library;n\n1;Vesterbro;2\n2;\"Nørrebro;3\n3;\"Valby\";4\n4;Sundby;5\n")
        #expect(csvValues(l, "id") == [.int(1), .int(3), .int(4)])
        #expect(csvValues(l, "library") == [.text("Vesterbro"), .text("Valby"), .text("Sundby")])
        #expect(l.rejects?.rows.map { $0[1] } == [.int(3)])
        #expect(l.rejects?.rows.first?[2] == .text("2;\"Nørrebro;3"))
    }

    @Test func quoteLeftOpenLineCountsNewlinesInEarlierQuotes() throws {
        let l = try csvLoad("a,b\n\"x\ny\",1\nø,\"z\n")
        #expect(l.rejects?.rows.map { $0[1] } == [.int(4)])
        #expect(l.rowsLoaded == 1)
    }

    @Test func quoteLeftOpenInTheHeaderIsAnError() throws {
        let d = try #require(csvError("id,\"note\n1,x\n"))
        #expect(d.message == "the header has a quote that is not closed on its line")
        #expect(d.file?.line == 1)
        #expect(d.file?.column == 4)
    }

    @Test func emptyFileIsAnError() {
        #expect(csvError([UInt8]())?.message == "empty file: expected a header row with column names")
        #expect(csvError([0xEF, 0xBB, 0xBF])?.message == "empty file: expected a header row with column names")
        #expect(csvError([UInt8]())?.file == FilePosition(path: "bad.csv"))
        #expect(csvError("\n1,2\n")?.message == "the first line is blank: expected a header row with column names")
    }

    /// UTF-16 without a byte order mark is named, with the encoding that reads it.
    @Test(arguments: [false, true])
    func utf16WithoutAByteOrderMarkIsNamed(bigEndian: Bool) {
        let units = Array("id;navn\n1;Valby\n".utf16)
        let bytes = units.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let d = csvError(bytes)
        #expect(d?.message.hasPrefix("not a text file: NUL byte") == true)
        #expect(d?.notes == ["note: the file looks like UTF-16 without a byte order mark; load it with encoding utf-16\(bigEndian ? "be" : "le")"])
        var options = ImportOptions()
        options.encoding = bigEndian ? .utf16BE : .utf16LE
        // The suggested encoding reads it.
        let l = try? CSVReader.load(bytes: bytes, path: "u.csv", tableName: "u", options: options)
        #expect(l.map { csvValues($0, "navn") } == [.text("Valby")])
    }

    /// UTF-16 without a byte order mark whose text holds letters beyond ASCII (`ø`, `é`, and
    /// Latin letters past Latin-1 such as `ł` or `č`, whose high byte is not NUL) is named as
    /// well, in either byte order, short or longer than the bytes looked at; the suggested
    /// encoding reads it. Random Danish and Latin text, with tabs or `;` between fields.
    @Test(arguments: 0..<40)
    func utf16WithLatinLettersAndNoByteOrderMarkIsNamed(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 1616)
        let words = ["Beløb", "Sagsnr", "Nørrebro", "Blågården", "Ærø", "Østerbro", "café", "Müller", "Łódź", "Dvořák",
                     "Straße", "årsag", "Åben", "ændret", "Gdańsk", "Şişli", "Valby", "kr. 1.234,50", "25 €", "a–b"]
        let delimiter = Bool.random(using: &rng) ? "\t" : ";"
        let width = Int.random(in: 2...4, using: &rng)
        var lines = [(0..<width).map { "\(words.randomElement(using: &rng) ?? "x")_\($0)" }]
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            lines.append((0..<width).map { _ in words.randomElement(using: &rng) ?? "x" })
        }
        let text = lines.map { $0.joined(separator: delimiter) }.joined(separator: "\r\n") + "\r\n"
        for bigEndian in [false, true] {
            let bytes = Array(text.utf16).flatMap { u in
                bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
            }
            let order = bigEndian ? "utf-16be" : "utf-16le"
            let d = csvError(bytes)
            #expect(d?.message.hasPrefix("not a text file: NUL byte") == true, "seed \(seed) \(order): \(d?.message ?? "loaded")")
            #expect(d?.notes == ["note: the file looks like UTF-16 without a byte order mark; load it with encoding \(order)"],
                    "seed \(seed) \(order): \(text.prefix(200))")
            var options = ImportOptions()
            options.encoding = bigEndian ? .utf16BE : .utf16LE
            let l = try CSVReader.load(bytes: bytes, path: "u.csv", tableName: "u", options: options)
            #expect(l.rowsLoaded == lines.count - 1, "seed \(seed) \(order)")
        }
        // Windows-1252 and UTF-8 text with a NUL byte in it is not taken for UTF-16.
        let latin1 = Array("id;navn\n1;Vølby\n2;Ærø\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) + [0, 0x0A]
        #expect(csvError(latin1)?.notes.isEmpty == true)
        #expect(csvError(Array("id;navn\n1;Vølby\n2;Ærø\n".utf8) + [0, 0x0A])?.notes.isEmpty == true)
    }

    @Test func binaryFileIsAnError() {
        let d = csvError([0x42, 0x49, 0x4E, 0x31, 0x00, 0x00, 0x0A, 0x00])
        #expect(d?.message == "not a text file: NUL byte at byte 4")
        #expect(d?.file?.line == 1)
    }

    /// A NUL byte anywhere in the file, not only in the head probed before reading, makes it
    /// not text: in a text or a number column, a quoted field or a rejected row, read in one
    /// part or several, UTF-8 or Windows-1252, the error names the byte, line and column.
    @Test(arguments: [(3_000, 0), (3_000, 1), (3_000, 2), (3_000, 3), (5_999, 0), (9, 1)], [1, 4])
    func aNULByteAnywhereIsAnError(_ place: (line: Int, kind: Int), chunks: Int) throws {
        for latin1 in [false, true] {
            var lines = ["id;note;n"]
            for i in 1..<6_000 { lines.append("\(i);ærlig tekst nummer \(i);\(i * 7)") }
            var line = lines[place.line]
            var column: Int
            switch place.kind {
            case 0:   // in a text value
                column = 8
            case 1:   // in a number
                column = line.count
            case 2:   // in a quoted field
                line = "\(place.line);\"citat\";\(place.line)"
                column = line.count - 4
            default:  // in a row rejected for its fields
                line = "\(place.line);a;1;2;3"
                column = line.count
            }
            var chars = Array(line)
            chars.insert("\u{0}", at: column - 1)
            lines[place.line] = String(chars)
            let text = lines.joined(separator: "\n") + "\n"
            var bytes = Array(text.utf8)
            if latin1 { bytes = Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) }
            let offset = try #require(bytes.firstIndex(of: 0))
            var options = ImportOptions()
            options.chunks = chunks
            let d = csvError(bytes, options: options)
            // Windows-1252 is converted to UTF-8 first: offsets there are not the file's.
            #expect(d?.message == "not a text file: NUL byte" + (latin1 ? "" : " at byte \(offset)"), "line \(place.line + 1)")
            #expect(d?.file?.line == place.line + 1)
            #expect(d?.file?.column == column)
        }
    }

    @Test func badDelimiterIsAnError() {
        #expect(csvError("a\n", options: ImportOptions(delimiter: UInt8(ascii: "\"")))?.message
            == "the delimiter must be an ASCII character other than a quote or a line end")
    }

    @Test func snippetIsCutToAbout120Characters() throws {
        let long = String(repeating: "æ", count: 300)
        let d = try #require(csvError(Array("a,b\n1,\"\(long)".utf8) + [0xFF]))
        #expect(d.file?.line == 2)
        let snippet = try #require(d.file?.snippet)
        #expect(snippet.count == 121 && snippet.hasSuffix("…") && snippet.hasPrefix("1,\"æ"))
    }
}

/// Past its head, a file read as UTF-8 is checked while its rows are read; what that finds
/// must match a check of the whole file before reading.
@Suite struct CSVLateEncodingTests {
    /// An ASCII file longer than the head checked up front, then `tail`.
    static func file(_ tail: [UInt8], header: String = "id,n,note\n") -> [UInt8] {
        var bytes = Array(header.utf8)
        var i = 0
        while bytes.count <= TextDecoding.headBytes + 4096 {
            bytes += Array("\(i),\(i % 7),plain\n".utf8)
            i += 1
        }
        return bytes + tail
    }

    func chunked(_ n: Int) -> ImportOptions {
        var options = ImportOptions()
        options.chunks = n
        return options
    }

    static let rows = { () -> Int in
        var count = 0
        for b in file([]) where b == UInt8(ascii: "\n") { count += 1 }
        return count - 1
    }()

    @Test(arguments: [1, 2])
    func invalidUTF8LateInATextColumnNamesItsByte(chunks: Int) throws {
        let head = CSVLateEncodingTests.file([])
        let bytes = head + Array("9,1,bl".utf8) + [0xE5] + Array("gården\n".utf8)
        let d = try #require(csvError(bytes, options: chunked(chunks)))
        #expect(d.message == "invalid UTF-8 at byte \(head.count + 6) (save the file as UTF-8)")
        #expect(d.file?.line == CSVLateEncodingTests.rows + 2)
    }

    // An otherwise ASCII file with a stray high byte would be Windows-1252; the header's `æ`
    // makes it UTF-8 with a damaged byte.
    @Test func invalidUTF8LateInANumberColumnIsFoundInTheRejectedRow() throws {
        let head = CSVLateEncodingTests.file([], header: "id,n,bemærkning\n")
        let d = try #require(csvError(head + Array("9,1".utf8) + [0xFF] + Array(",x\n".utf8), options: chunked(2)))
        #expect(d.message == "invalid UTF-8 at byte \(head.count + 3) (save the file as UTF-8)")
    }

    @Test func invalidUTF8InAColumnThatBecomesTextLate() throws {
        // `n` is read as numbers, then turns to text at the last row and is read again.
        let head = CSVLateEncodingTests.file([], header: "id,n,bemærkning\n")
        let d = try #require(csvError(head + Array("9,x".utf8) + [0xC0, 0x80] + Array(",y\n".utf8),
                                      options: ImportOptions(types: ["id": .int])))
        #expect(d.message.hasPrefix("invalid UTF-8 at byte \(head.count + 3)"))
    }

    @Test func aLateWindows1252LetterMakesTheFileWindows1252() throws {
        let bytes = CSVLateEncodingTests.file(Array("9,1,Bl".utf8) + [0xE5] + Array("g".utf8) + [0xE5] + Array("rden\n".utf8))
        let l = try CSVReader.load(bytes: bytes, path: "ansi.csv", tableName: "t", options: chunked(2))
        #expect(l.report.finding("encoding")?.value == "Windows-1252")
        #expect(csvValues(l, "note").last == .text("Blågården"))
        #expect(l.rowsLoaded == CSVLateEncodingTests.rows + 1)
    }

    @Test func theEvidenceSaysWhetherAnyByteWasBeyondASCII() throws {
        let ascii = try CSVReader.load(bytes: CSVLateEncodingTests.file([]), path: "a.csv", tableName: "t")
        #expect(ascii.report.finding("encoding")?.evidence == "plain ASCII")
        for tail in ["9,1,Nørrebro\n", "9,1,2,3\n9,1,Blågården,x\n"] {
            let late = try CSVReader.load(bytes: CSVLateEncodingTests.file(Array(tail.utf8)), path: "a.csv", tableName: "t",
                                          options: chunked(2))
            #expect(late.report.finding("encoding")?.evidence == "valid UTF-8", "\(tail)")
        }
        let header = try CSVReader.load(bytes: CSVLateEncodingTests.file([], header: "id,n,bemærkning\n"), path: "a.csv",
                                        tableName: "t")
        #expect(header.report.finding("encoding")?.evidence == "valid UTF-8")
    }

    @Test func aByteOrderMarkOrAGivenEncodingIsReportedAsBefore() throws {
        let bom = try CSVReader.load(bytes: [0xEF, 0xBB, 0xBF] + CSVLateEncodingTests.file([]), path: "a.csv", tableName: "t")
        #expect(bom.report.finding("encoding")?.value == "UTF-8 with a byte order mark")
        let given = try CSVReader.load(bytes: CSVLateEncodingTests.file([]), path: "a.csv", tableName: "t",
                                       options: ImportOptions(encoding: .utf8))
        #expect(given.report.finding("encoding")?.given == true)
        let d = csvError([0xEF, 0xBB, 0xBF] + CSVLateEncodingTests.file([0xFF, 0x0A]))
        #expect(d?.message.hasPrefix("invalid UTF-8 at byte") == true)
    }
}
