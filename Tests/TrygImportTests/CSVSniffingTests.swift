import Testing
import TrygDomain
@testable import TrygImport
@testable import TrygEngine

@Suite struct CSVSniffingTests {
    @Test(arguments: [(",", "','"), (";", "';'"), ("\t", "tab"), ("|", "'|'")])
    func delimiterIsSniffed(_ delimiter: String, _ shown: String) throws {
        let rows = ["id", "library", "note"].joined(separator: delimiter) + "\n"
            + ["1", "Vesterbro", "råb, uro"].joined(separator: delimiter == "," ? ";" : delimiter) + "\n"
        let csv = delimiter == "," ? "id,library,note\n1,Vesterbro,\"råb, uro\"\n2,Valby,x\n" : rows + "2\(delimiter)Valby\(delimiter)x\n"
        let l = try csvLoad(csv)
        #expect(l.table.columnNames == ["id", "library", "note"])
        #expect(csvValues(l, "note").first == .text("råb, uro"))
        #expect(l.report.finding("delimiter")?.value == shown)
        #expect(l.report.finding("delimiter")?.given == false)
    }

    @Test func semicolonWinsOverDecimalCommasWithoutAHeader() throws {
        let l = try csvLoad("1;3,5;Vesterbro\n2;4,25;Valby\n3;0,5;Sundby\n")
        #expect(l.report.finding("delimiter")?.value == "';'")
        #expect(l.report.finding("header")?.value == "no")
        #expect(l.table.columnNames == ["column_1", "column_2", "column_3"])
        #expect(csvValues(l, "column_2") == [.decimal(3.5), .decimal(4.25), .decimal(0.5)])
    }

    @Test func oneColumnHasNoDelimiter() throws {
        let l = try csvLoad("library\nVesterbro\nValby\n")
        #expect(l.report.finding("delimiter")?.value == "none")
        #expect(l.table.columnNames == ["library"])
    }

    /// An export that leaves out the empty fields at the end of a line, in a file whose later
    /// columns hold no values at all, keeps the header's columns: whatever the delimiter, the
    /// header's width and the number of rows, every short row is the first columns' values and
    /// nulls after. Prose with a comma in a one-column file stays one column.
    @Test(arguments: [",", ";", "\t", "|"])
    func headerSplitsWhenEveryRowIsShort(_ delimiter: String) throws {
        for width in 2...4 {
            for rows in 1...5 {
                let names = ["Antal", "Sagsnr", "Note", "Sted"].prefix(width)
                var csv = names.joined(separator: delimiter) + "\r\n"
                for r in 0..<rows {
                    let kept = r % max(1, width - 1) + 1
                    csv += (0..<kept).map { $0 == 0 ? "0\(4850 + r)" : "v\(r)" }.joined(separator: delimiter) + "\r\n"
                }
                let l = try csvLoad(csv)
                #expect(l.table.columnNames == Array(names), "width \(width), \(rows) rows: \(csv)")
                #expect(l.rowsLoaded == rows)
                #expect(csvValues(l, "Antal").count == rows)
            }
        }
        let prose = try csvLoad("Hændelse, kort\nråb\nuro\n")
        #expect(prose.table.columnNames == ["Hændelse, kort"])
        let trailing = try csvLoad("Note;\nråb\nuro\n")
        #expect(trailing.table.columnNames.first == "Note;" || trailing.table.columnNames.first == "Note")
    }

    /// A file of one column whose values hold commas (addresses, sentences) keeps every line as
    /// a row with its commas, under its header; text with a number or two among it has no title
    /// lines either. Random values, with and without a number at the end.
    @Test(arguments: 0..<60)
    func oneColumnOfTextKeepsEveryLine(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 9090)
        let words = ["Nørrebrogade", "Valby Langgade", "Dør låst", "Rude knust", "vindue", "kl. 14", "2200 København N",
                     "råb og larm", "Vagten kom", "Politi tilkaldt"]
        let count = Int.random(in: 1...12, using: &rng)
        var values: [String] = (0..<count).map { _ in
            let parts = Int.random(in: 1...3, using: &rng)
            return (0..<parts).map { _ in words.randomElement(using: &rng) ?? "x" }.joined(separator: ", ")
        }
        if Bool.random(using: &rng) { values.append(String(Int.random(in: 1...99, using: &rng))) }
        let header = ["Adresse", "Beskrivelse", "Note"].randomElement(using: &rng) ?? "Note"
        let l = try csvLoad(([header] + values).joined(separator: "\n") + "\n")
        #expect(l.table.columnNames == [header], "seed \(seed)")
        #expect(l.table.rows.map { $0.first.map(\.display) ?? "" } == values, "seed \(seed)")
        #expect(!l.report.notes.contains { $0.contains("passed over") }, "seed \(seed): \(l.report.notes)")
        // Title lines and a blank one over a header of numbers stay titles: the blank line is
        // no line of words (a case the round-trip fuzzing found).
        let titled = try csvLoad("Udtræk fra systemet\r\nPeriode: 01-01-2025 til 31-03-2025\r\n\r\nSagsnr\r\n19418136\r\n-27167\r\n5508538138\r\n\r\n")
        #expect(titled.table.columnNames == ["Sagsnr"], "\(titled.table.columnNames)")
        #expect(titled.table.rowCount == 4)
    }

    /// A `;` file reads the same with a title above it that holds commas, and with a `;` after
    /// the last field of some rows, when a header name holds a comma (`Skade, kr.`).
    @Test(arguments: 0..<40)
    func commasInATitleOrAHeaderNameDoNotMakeTheDelimiter(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 5151)
        let rows = Int.random(in: 2...8, using: &rng)
        var body = "Id;Skade, kr.;Dato;Bibliotek\n"
        for r in 1...rows {
            let amount = "\(Int.random(in: 0...999, using: &rng)),\(Int.random(in: 10...99, using: &rng))"
            body += "\(r);\(amount);0\(Int.random(in: 1...9, using: &rng))-01-2025;Vesterbro, 1. sal"
            body += Int.random(in: 0..<3, using: &rng) == 0 ? ";\n" : "\n"
        }
        let plain = try csvLoad(body)
        #expect(plain.report.finding("delimiter")?.value == "';'", "seed \(seed)")
        #expect(plain.table.columnNames == ["Id", "Skade, kr.", "Dato", "Bibliotek"], "seed \(seed)")
        #expect(plain.rowsLoaded == rows && plain.rowsRejected == 0)
        #expect(plain.table.column("Skade, kr.")?.type == .decimal, "seed \(seed)")
        let titled = try csvLoad("Udtræk, Københavns Kommune, 2025\n" + body)
        #expect(titled.table.rows == plain.table.rows, "seed \(seed)")
        #expect(titled.table.columnNames == plain.table.columnNames, "seed \(seed)")
    }

    @Test func headerIsSniffed() throws {
        let header = try csvLoad("id,at,library\n1,2025-01-01,Valby\n2,2025-01-02,Valby\n")
        #expect(header.report.finding("header")?.value == "yes")
        let data = try csvLoad("1,2025-01-01,Valby\n2,2025-01-02,Valby\n")
        #expect(data.report.finding("header")?.value == "no")
        #expect(data.rowsLoaded == 2)
        #expect(csvType(data, "column_2") == .date)
        // Years as column names over counts are a header, not data.
        let pivot = try csvLoad("library;2023;2024\nVesterbro;12;15\nValby;3;4\n")
        #expect(pivot.report.finding("header")?.value == "yes")
        #expect(pivot.table.columnNames == ["library", "2023", "2024"])
        // A repeated text value in the first row is data.
        let repeated = try csvLoad("Valby,x\nVesterbro,y\nValby,z\n")
        #expect(repeated.report.finding("header")?.value == "no")
    }

    @Test func everyPartCanBeGiven() throws {
        let options = ImportOptions(delimiter: UInt8(ascii: ";"), quoting: false, header: false, encoding: .utf8,
                                 decimalComma: true, thousands: ThousandsSeparator.none)
        let l = try csvLoad("\"a\";1.234\n\"b\";2,5\n", options: options)
        #expect(l.report.findings.allSatisfy { $0.given })
        #expect(csvValues(l, "column_1") == [.text("\"a\""), .text("\"b\"")])
        #expect(csvType(l, "column_2") == .text)
        let grouped = try csvLoad("n\n1.234\n2\n", options: ImportOptions(decimalComma: true))
        #expect(csvValues(grouped, "n") == [.int(1234), .int(2)])
    }

    @Test func quotingIsTurnedOffOnlyWhenQuotesAreNotQuotes() throws {
        let inches = try csvLoad("id;screen\n1;\"15\" skærm\n2;\"17\" skærm\n3;\"21\" skærm\n")
        #expect(inches.report.finding("quoting")?.value == "none")
        #expect(csvValues(inches, "screen") == [.text("\"15\" skærm"), .text("\"17\" skærm"), .text("\"21\" skærm")])
        // It changes values, so the notes (what a script's report shows) say so.
        #expect(inches.report.notes.first?.hasPrefix("quoting off: quotes leave 3 of 4 lines broken") == true, "\(inches.report.notes)")
        let one = try csvLoad("a,b\n1,\"x\"y\n2,\"z\"\n")
        #expect(one.report.finding("quoting")?.value == "'\"'")
        #expect(!one.report.notes.contains { $0.hasPrefix("quoting off") })
        #expect(one.rowsRejected == 1)
    }

    /// The encodings named beside the sniffed ones convert every letter of Danish text, and the
    /// euro sign where the code page has one, from each code page's own bytes.
    @Test(arguments: [
        (TextEncoding.latin9, [0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0xA4] as [UInt8], "æøåÆØÅ€"),
        (TextEncoding.cp850, [0x91, 0x9B, 0x86, 0x92, 0x9D, 0x8F], "æøåÆØÅ"),
        (TextEncoding.macRoman, [0xBE, 0xBF, 0x8C, 0xAE, 0xAF, 0x81, 0xDB], "æøåÆØÅ€"),
    ])
    func namedEncodingsConvertDanishLetters(_ encoding: TextEncoding, _ letters: [UInt8], _ text: String) throws {
        let bytes = Array("id;tekst\n1;".utf8) + letters + Array("\n".utf8)
        let l = try CSVReader.load(bytes: bytes, path: "x.csv", tableName: "t", options: ImportOptions(encoding: encoding))
        #expect(csvValues(l, "tekst") == [.text(text)], "\(encoding)")
        #expect(TextEncoding(name: encoding.rawValue.lowercased()) == encoding)
    }

    /// Windows-1252 text reads as such even where two of its bytes happen to spell a UTF-8
    /// character of another script (`Ø` and a no-break space, `Å` and `°`); UTF-8 text with a
    /// Windows-1252 byte in it stays damaged UTF-8. Random Danish text both ways.
    @Test(arguments: 0..<40)
    func windows1252WithChancePairsOfUTF8(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 1252)
        let words = ["Søren", "Blågården", "Æblehaven", "Ørestad", "ST", "Nørrebro", "kl. 14", "Vagt"]
        let chance = ["Ø\u{A0}", "Å°", "Æ½", "Ø²"]
        var values: [String] = []
        for _ in 0..<Int.random(in: 1...10, using: &rng) {
            var value = words.randomElement(using: &rng) ?? "x"
            if Bool.random(using: &rng) { value += " " + (chance.randomElement(using: &rng) ?? "") + "x" }
            values.append(value)
        }
        values.append("Søren " + (chance.randomElement(using: &rng) ?? ""))
        let text = "id;tekst\n" + values.enumerated().map { "\($0.offset);\($0.element)" }.joined(separator: "\n") + "\n"
        let ansi = try #require(text.data(using: .windowsCP1252))
        let l = try CSVReader.load(bytes: Array(ansi), path: "ansi.csv", tableName: "t")
        #expect(l.report.finding("encoding")?.value == "Windows-1252", "seed \(seed)")
        #expect(csvValues(l, "tekst") == values.map { .text($0) }, "seed \(seed)")
        // The same text in UTF-8 with one Windows-1252 `ø` is damaged, not another encoding.
        let damaged = Array(text.utf8) + [0x31, 0x3B, 0xF8, 0x0A]
        #expect(csvError(damaged)?.message.hasPrefix("invalid UTF-8") == true, "seed \(seed)")
    }

    @Test func windows1252IsSniffedAndConverted() throws {
        // "bibliotek;sted\nBlågården;Nørrebro\n" in Windows-1252.
        var bytes = Array("bibliotek;sted\nBl".utf8) + [0xE5] + Array("g".utf8) + [0xE5] + Array("rden;N".utf8)
        bytes += [0xF8] + Array("rrebro\n".utf8)
        let l = try CSVReader.load(bytes: bytes, path: "ansi.csv", tableName: "t")
        #expect(csvValues(l, "bibliotek") == [.text("Blågården")])
        #expect(csvValues(l, "sted") == [.text("Nørrebro")])
        #expect(l.report.finding("encoding")?.value == "Windows-1252")
        #expect(l.report.finding("encoding")?.evidence == "not UTF-8: byte 17 is 0xE5, 'å' in Windows-1252")
        // Said to be UTF-8, it is an error with the byte offset, not mojibake.
        let d = csvError(bytes, options: ImportOptions(encoding: .utf8))
        #expect(d?.message == "invalid UTF-8 at byte 17 (save the file as UTF-8)")
        #expect(d?.notes == [TextDecoding.invalidUTF8Note])
        // An undefined Windows-1252 byte keeps it an error.
        #expect(csvError(Array("a\nx".utf8) + [0x81] + Array("\n".utf8))?.message.hasPrefix("invalid UTF-8") == true)
    }

    @Test func byteOrderMarks() throws {
        let bom = try CSVReader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("id;navn\n1;Ø\n".utf8), path: "b.csv", tableName: "t")
        #expect(bom.table.columnNames == ["id", "navn"])
        #expect(bom.report.finding("encoding")?.value == "UTF-8 with a byte order mark")
        // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "id\tnavn\r\n1\tÆble\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try CSVReader.load(bytes: utf16, path: "u.txt", tableName: "t")
        #expect(wide.report.finding("encoding")?.value == "UTF-16LE with a byte order mark")
        #expect(csvValues(wide, "navn") == [.text("Æble")])
        let odd = csvError(utf16 + [0x41])
        #expect(odd?.message.hasPrefix("the file ends inside a UTF-16LE character") == true)
    }

    /// A line break in a header name (Excel's Alt+Enter in a cell, `"Beløb\r\n(kr.)"`) is read as
    /// one space together with the white space around it, so a query can name the column; the
    /// report lists the columns so named. Random names, line breaks (CR LF, LF, CR, with spaces
    /// and tabs around) and delimiters; white space without a line break stays as written, and
    /// two names that become one are told apart as repeats are.
    @Test(arguments: 0..<30)
    func lineBreaksInHeaderNamesAreSpaces(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 4040)
        let words = ["Beløb", "(kr.)", "Antal", "hændelser", "Dato for", "indberetning", "Sted", "i alt", "Bibliotek"]
        let breaks = ["\r\n", "\n", "\r", " \r\n", "\r\n  ", "\t\n", " \n \n ", "\n\t"]
        let delimiter = [";", ",", "\t", "|"].randomElement(using: &rng) ?? ";"
        let lineEnd = Bool.random(using: &rng) ? "\r\n" : "\n"
        let width = Int.random(in: 2...5, using: &rng)
        var written: [String] = [], expected: [String] = [], broken: [String] = []
        for c in 0..<width {
            let first = "\(words.randomElement(using: &rng) ?? "x")\(c)"
            let second = words.randomElement(using: &rng) ?? "y"
            if Bool.random(using: &rng) {
                let gap = breaks.randomElement(using: &rng) ?? "\n"
                written.append("\"\(first)\(gap)\(second)\"")
                expected.append("\(first) \(second)")
                broken.append("\(first) \(second)")
            } else {
                written.append("\"\(first)  \(second)\"")
                expected.append("\(first)  \(second)")
            }
        }
        let rows = (1...3).map { r in (0..<width).map { "\(r * 10 + $0)" }.joined(separator: delimiter) }
        let l = try csvLoad(([written.joined(separator: delimiter)] + rows).joined(separator: lineEnd) + lineEnd)
        #expect(l.table.columnNames == expected, "seed \(seed): \(written)")
        #expect(l.rowsLoaded == 3)
        let note = l.report.notes.first { $0.hasPrefix("line breaks in ") }
        if broken.isEmpty {
            #expect(note == nil, "seed \(seed)")
        } else {
            let list = broken.map { "'\($0)'" }.joined(separator: ", ")
            #expect(note == "line breaks in \(broken.count == 1 ? "1 column name" : "\(broken.count) column names") read as spaces: \(list)",
                    "seed \(seed): \(l.report.notes)")
        }
        // Two names that become one: the second is a repeat, as in any header.
        let twice = try csvLoad("\"Beløb\r\n(kr.)\";\"Beløb (kr.)\";\"\n\"\r\n1;2;3\r\n")
        #expect(twice.table.columnNames == ["Beløb (kr.)", "Beløb (kr.)_2", "column_3"])
        #expect(twice.report.warnings.map(\.message) == ["column 2 repeats the name 'Beløb (kr.)'; it is called Beløb (kr.)_2",
                                                         "column 3 has no name; it is called column_3"])
    }

    @Test func emptyAndDuplicateNamesAreRenamedWithAWarning() throws {
        let l = try csvLoad("id,,Library,library,id\n1,2,3,4,5\n")
        #expect(l.table.columnNames == ["id", "column_2", "Library", "library_2", "id_2"])
        #expect(l.report.warnings.map(\.message) == [
            "column 2 has no name; it is called column_2",
            "column 4 repeats the name 'library'; it is called library_2",
            "column 5 repeats the name 'id'; it is called id_2",
        ])
        #expect(l.report.warnings.first?.file?.line == 1 && l.report.warnings.first?.file?.column == 4)
        // A byte order mark is no character of the header: columns count from the text after it.
        let marked = try csvLoad("\u{FEFF}Navn;Beløb;Navn\n1;2;3\n")
        let w = try #require(marked.report.warnings.first?.file)
        #expect(w.column == 12 && w.snippet == "Navn;Beløb;Navn")
        // A number added to a repeat skips the names the header gives itself: the file's own
        // a_2 keeps its name, and only the repeat is warned of.
        let own = try csvLoad("a;a;a_2;A_3\n1;2;3;4\n")
        #expect(own.table.columnNames == ["a", "a_4", "a_2", "A_3"])
        #expect(own.report.warnings.map(\.message) == ["column 2 repeats the name 'a'; it is called a_4"])
    }

    @Test func oneMisfitMakesTextAndNoRowIsLost() throws {
        var few = "id,severity\n"
        for i in 0..<150 { few += "\(i),\(i == 77 ? "ukendt" : String(i % 5 + 1))\n" }
        let l = try csvLoad(few)
        #expect(csvType(l, "severity") == .text)
        #expect(l.rowsLoaded == 150 && l.rowsRejected == 0)
        #expect(l.report.misfits == [0, 0])
        // A value the person names as missing is null, and the column keeps its type.
        let named = try csvLoad(few, options: ImportOptions(nullMarkers: ["ukendt"]))
        #expect(csvType(named, "severity") == .int)
        #expect(named.rowsLoaded == 150 && csvValues(named, "severity")[77] == .null)
        #expect(named.report.notes == ["severity: 1 missing-value marker (NULL, N/A, NA, -, ukendt) read as null"])
        var many = "id,severity\n"
        for i in 0..<150 { many += "\(i),\(i % 20 == 0 ? "ukendt" : String(i % 5 + 1))\n" }
        let m = try csvLoad(many)
        #expect(csvType(m, "severity") == .text)
        #expect(m.rowsRejected == 0)
    }

    @Test func lateMisfitsBeyondTheSampleMakeTextAndRowsComeBack() throws {
        // After the sampled head of 2 MiB, 16 windows of 64 KiB are sampled, one every 128 KiB
        // of the next 2 MiB; text goes only between them, in a tenth of those rows.
        let head = "id,code\n"
        var text = head
        var i = 0
        while text.utf8.count < (4 << 20) {
            let offset = text.utf8.count - head.utf8.count - (2 << 20)
            let between = offset > 0 && (72 << 10)...(120 << 10) ~= offset % (128 << 10)
            text += "\(i),\(between && i % 10 == 0 ? "K\(i)" : String(i % 100))\n"
            i += 1
        }
        let l = try csvLoad(text)
        #expect(csvType(l, "code") == .text)
        #expect(l.rowsRejected == 0 && l.rowsLoaded == i)
        #expect(l.report.textFallbacks["code"]?.hasPrefix("text: ") == true)
        // The report names the first value that did not fit, and where.
        #expect(l.report.notes.contains { $0.hasPrefix("code: text: ") && $0.contains(", the first 'K") && $0.contains("' on line ") })
        #expect(l.reportText(name: "t").contains("code text (text: "))
    }

    /// The note on how a column's numbers were read (`'.' read as thousands separator`) goes
    /// when a value past the sample turns the column to text.
    @Test func aNumberNoteGoesWhenTheColumnEndsAsText() throws {
        var text = "id;n\n"
        var i = 0
        while text.utf8.count < (1 << 20) {
            text += "\(i);\(1 + i % 9).250\n"
            i += 1
        }
        let numbers = try csvLoad(text)
        #expect(csvType(numbers, "n") == .int)
        #expect(numbers.report.notes.contains { $0.hasPrefix("n: '.' read as thousands separator") })
        let turned = try csvLoad(text + "\(i);ukendt\n")
        #expect(csvType(turned, "n") == .text)
        #expect(!turned.report.notes.contains { $0.hasPrefix("n: '.' read as") }, "\(turned.report.notes)")
        #expect(turned.report.textFallbacks["n"] != nil)
    }

    @Test func limits() throws {
        let wide = String(repeating: "a,", count: LoadLimits.columns) + "a\n1\n"
        #expect(csvError(wide)?.message.hasPrefix("the first row has 16,385 fields; at most 16,384 columns") == true)
        let wideRow = try csvLoad("a,b\n1,2\n" + String(repeating: ",", count: 2_000_000) + "\n3,4\n")
        #expect(wideRow.rowsLoaded == 2)
        #expect(wideRow.rejects?.rows.first?[3] == .text("expected 2 fields, found 2,000,001"))
        #expect(csvError(String(repeating: ",", count: 2_000_000) + "\n1,2\n")?.message
            == "the first row has 2,000,001 fields; at most 16,384 columns can be loaded (is the delimiter right?)")
        let longName = String(repeating: "n", count: 2000) + ",b\n1,2\n"
        #expect(csvError(longName)?.message.hasPrefix("column name 1 is 2,000 bytes long") == true)
        let longField = "id,note\n1,ok\n2,\"" + String(repeating: "x", count: LoadLimits.fieldBytes + 1) + "\"\n3,ok\n"
        let l = try csvLoad(longField)
        #expect(l.rowsLoaded == 2)
        let reject = try #require(l.rejects?.rows.first)
        #expect(reject[3] == .text("field 2 (note) is 1,048,577 bytes long; at most 1,048,576"))
        if case .text(let raw) = reject[2] { #expect(raw.hasPrefix("2,\"xxx") && raw.hasSuffix("(1,044,485 more bytes)")) }
    }

    @Test func aLongLineIsWalkedOnceNotOncePerSampleWindow() throws {
        // 30 MB on one line: the sample's 16 windows all fall inside it (walking it once per
        // window took minutes; its speed is the benchmarks' to measure, not a timed test's).
        let l = try csvLoad("a,b\n" + String(repeating: "x", count: 30 << 20) + "\n1,2\n")
        #expect(l.rowsLoaded == 1 && l.rowsRejected == 1)
    }

    @Test func cancelledLoadThrows() {
        let flag = CancellationFlag()
        flag.raise()
        var text = "a,b\n"
        for i in 0..<40_000 { text += "\(i),x\n" }
        #expect(csvError(Array(text.utf8), options: ImportOptions(cancellation: flag))?.message == CSVLoader.cancelled)
    }

    /// A column that is text because half its values are written another way (the other
    /// decimal mark, a trailing minus) says why, as one with a single stray value does.
    @Test func halfAndHalfSaysWhyItIsText() throws {
        let l = try csvLoad("id;b\n1;1.234,50\n2;1,234.50\n3;100-\n4;5\n")
        #expect(l.table.column("b")?.type == .text)
        #expect(l.report.notes.contains("b: text: 2 of 4 values are not numbers, the first '1,234.50'"), "\(l.report.notes)")
    }

    @Test func reportReadsWell() throws {
        let l = try csvLoad("id;beløb\n1;3,5\n2;x\n")
        #expect(l.reportText(name: "t") == """
            t: 2 rows loaded
              encoding   UTF-8 (valid UTF-8)
              delimiter  ';' (2 fields on 3 of 3 lines)
              quoting    '"'
              numbers    decimal comma, thousands '.' (3,5)
              header     yes ('id' heads a column of numbers)
              columns    id int, beløb text
            """)
    }
}

/// A first row of whole numbers over columns of whole numbers is read as the header, as years
/// heading columns are, and the load says how to read it as data instead.
@Suite struct CSVNumericHeaderTests {
    @Test func numbersAsNamesAreNoted() throws {
        let l = try csvLoad("1;Vesterbro;3\n2;Valby;4\n3;Sundby;1\n")
        #expect(l.rowsLoaded == 2)
        #expect(l.report.notes.contains { $0.hasPrefix("header: line 1 ") && $0.contains("'1', '3'") && $0.contains("header no") })
        var options = ImportOptions()
        options.header = false
        #expect(try csvLoad("1;Vesterbro;3\n2;Valby;4\n3;Sundby;1\n", options: options).rowsLoaded == 3)
        // Names that are words, or a header told apart by its text, are not noted.
        for csv in ["id;navn;n\n2;Valby;4\n3;Sundby;1\n", "Bibliotek;2024;2025\nValby;4;5\nSundby;1;2\n"] {
            let plain = try csvLoad(csv)
            #expect(!plain.report.notes.contains { $0.hasPrefix("header:") }, "\(csv)")
        }
    }
}
