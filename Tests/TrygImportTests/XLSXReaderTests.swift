import CZip
import Foundation
import Testing
import TrygDomain
@_spi(Fuzzing) @testable import TrygImport
@testable import TrygEngine

/// Builds .xlsx archives in memory with libzip, from parts given as text.
enum TestWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static func sheet(_ rows: String) -> String {
        "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
    }

    static func workbook(_ sheets: [String], date1904: Bool = false) -> String {
        let list = sheets.enumerated().map { i, name in "<sheet name=\"\(name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }
        return "<workbook xmlns=\"\(main)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<workbookPr date1904=\"\(date1904)\"/><sheets>\(list.joined())</sheets></workbook>"
    }

    static func relations(_ count: Int) -> String {
        "<Relationships>" + (1...max(1, count)).map {
            "<Relationship Id=\"rId\($0)\" Type=\"worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }.joined() + "</Relationships>"
    }

    /// A zip archive of the parts (name → content).
    static func archive(_ parts: [String: String]) throws -> [UInt8] {
        #expect(tryg_zip_load() == nil)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        let source = try #require(zip_source_buffer_create(nil, 0, 0, &error))
        zip_source_keep(source)
        defer { zip_source_free(source) }
        let archive = try #require(zip_open_from_source(source, ZIP_TRUNCATE, &error))
        var buffers: [UnsafeMutableRawPointer] = []
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(text.utf8)
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
            buffer.copyMemory(from: bytes, byteCount: bytes.count)
            buffers.append(buffer)
            let data = try #require(zip_source_buffer(archive, buffer, zip_uint64_t(bytes.count), 0))
            #expect(zip_file_add(archive, name, data, zip_flags_t(ZIP_FL_OVERWRITE)) >= 0)
        }
        #expect(zip_close(archive) == 0)
        for b in buffers { b.deallocate() }
        #expect(zip_source_open(source) == 0)
        defer { zip_source_close(source) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t($0.count)) }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        return out
    }

    /// A workbook of one or more sheets (name → rows XML), with shared strings and styles.
    static func make(_ sheets: [(String, String)], sharedStrings: [String] = [], styles: String? = nil,
                     date1904: Bool = false) throws -> [UInt8] {
        var parts = [
            "xl/workbook.xml": workbook(sheets.map(\.0), date1904: date1904),
            "xl/_rels/workbook.xml.rels": relations(sheets.count),
            "xl/sharedStrings.xml": "<sst xmlns=\"\(main)\">" + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>",
        ]
        if let styles { parts["xl/styles.xml"] = styles }
        for (i, sheet) in sheets.enumerated() { parts["xl/worksheets/sheet\(i + 1).xml"] = self.sheet(sheet.1) }
        return try archive(parts)
    }

    /// Cell formats: 0 general, 1 date (14), 2 date and time (22), 3 time (21), 4 a custom
    /// Danish date, 5 money, 6 elapsed hours.
    static let styles = "<styleSheet xmlns=\"\(main)\"><numFmts>"
        + "<numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"#,##0.00 &quot;kr.&quot;\"/>"
        + "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/></numFmts><cellXfs>"
        + "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"21\"/>"
        + "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>"
}

@Suite struct XLSXReaderTests {
    func load(_ bytes: [UInt8], options: ImportOptions = .init()) throws(Diagnostic) -> TableLoad {
        let result: Result<TableLoad, Diagnostic> = bytes.withUnsafeBytes { raw in
            do throws(Diagnostic) { return .success(try XLSXReader.load(bytes: raw, path: "test.xlsx", tableName: "t", options: options)) } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func values(_ l: TableLoad, _ column: String) -> [Value] {
        guard let c = l.table.column(column) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }

    @Test func typedCellsByFormat() throws {
        // 45658 is 2025-01-01; .75 is 18:00.
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>
            <row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>45658</v></c><c r="C2" s="2"><v>45658.75</v></c>\
            <c r="D2" s="3"><v>0.75</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" s="5"><v>1234.5</v></c><c r="G2" t="s"><v>7</v></c></row>
            <row r="3"><c r="A3"><v>2</v></c><c r="B3" s="4"><v>45659</v></c><c r="C3" s="2"><v>45659</v></c>\
            <c r="D3" s="3"><v>0.5</v></c><c r="E3" t="b"><v>0</v></c><c r="G3" t="inlineStr"><is><t>Nørrebro</t></is></c></row>
            """
        let strings = ["nr", "dato", "tid", "klokken", "politi", "beløb", "bibliotek", "Blågården"]
        let l = try load(try TestWorkbook.make([("Ark1", rows)], sharedStrings: strings, styles: TestWorkbook.styles))
        #expect(l.table.columnNames == strings.dropLast())
        #expect(l.table.columns.map(\.type) == [.int, .date, .timestamp, .text, .bool, .decimal, .text])
        let day = csvDay(2025, 1, 1)
        #expect(values(l, "dato") == [.date(day), .date(day + 1)])
        #expect(values(l, "tid") == [.timestamp(day * 86_400 + 18 * 3600), .timestamp((day + 1) * 86_400)])
        #expect(values(l, "klokken") == [.text("18:00:00"), .text("12:00:00")])
        #expect(values(l, "politi") == [.bool(true), .bool(false)])
        #expect(values(l, "beløb") == [.decimal(1234.5), .null])
        #expect(values(l, "bibliotek") == [.text("Blågården"), .text("Nørrebro")])
        #expect(l.report.finding("sheet")?.value == "'Ark1'")
    }

    /// A date cell whose serial is no day (60, Excel's 29 February 1900; a negative one) rejects
    /// its row with why, and the rejected row keeps the number as written.
    @Test func aSerialThatIsNoDayKeepsItsNumberInTheRejects() throws {
        var rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>nr</t></is></c><c t=\"inlineStr\"><is><t>dato</t></is></c></row>"
        for (r, serial) in ["45658", "60", "45659", "-3", "45660"].enumerated() {
            rows += "<row r=\"\(r + 2)\"><c><v>\(r + 1)</v></c><c s=\"1\"><v>\(serial)</v></c></row>"
        }
        let l = try load(try TestWorkbook.make([("A", rows)], styles: TestWorkbook.styles))
        #expect(l.rowsLoaded == 3 && l.rowsRejected == 2)
        let rejects = l.rejects?.rows ?? []
        #expect(rejects.map { $0[2] } == [.text("2;60"), .text("4;-3")], "\(rejects)")
        #expect(rejects.map { $0[3] } == [.text("cell B3 (dato): 60 is 29 February 1900, a day Excel counts that never was"),
                                          .text("cell B5 (dato): -3 is not a date Excel can show")], "\(rejects)")
    }

    /// Text cells in a declared number column read as a CSV field would: leading zeros in an
    /// int, a decimal comma where only it reads the value; what is no number still rejects.
    @Test func textCellsOfADeclaredNumberColumnReadAsInCSV() throws {
        func text(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        var rows = "<row r=\"1\">\(text("Sagsnr"))\(text("Beløb"))</row>"
        let cells = [("0042", "1.234,50"), ("0043", "12,50"), ("44", "-"), ("045", "7.5"), ("46", " 1.234 "), ("x47", "ti")]
        for (r, (nr, beløb)) in cells.enumerated() { rows += "<row r=\"\(r + 2)\">\(text(nr))\(text(beløb))</row>" }
        let l = try load(try TestWorkbook.make([("A", rows)]), options: ImportOptions(types: ["Sagsnr": .int, "Beløb": .decimal]))
        #expect(l.rowsLoaded == 5 && l.rowsRejected == 1)
        #expect(values(l, "Sagsnr") == [.int(42), .int(43), .int(44), .int(45), .int(46)])
        let amounts = values(l, "Beløb").map { v -> Double? in
            switch v { case .decimal(let d): return d.double; case .float(let f): return f; default: return nil }
        }
        #expect(amounts == [1234.5, 12.5, nil, 7.5, 1.234], "\(values(l, "Beløb"))")
    }

    @Test func aTitleAboveTheHeaderIsPassedOverUnlessTheHeaderIsGiven() throws {
        let rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>Hændelser 2025</t></is></c></row>"
            + "<row r=\"3\"><c t=\"inlineStr\"><is><t>nr</t></is></c><c t=\"inlineStr\"><is><t>sted</t></is></c></row>"
            + "<row r=\"4\"><c><v>1</v></c><c t=\"inlineStr\"><is><t>Valby</t></is></c></row>"
        let bytes = try TestWorkbook.make([("A", rows)])
        let found = try load(bytes)
        #expect(found.table.columnNames == ["nr", "sted"])
        #expect(found.report.finding("header")?.value == "row 3")
        #expect(found.rejects?.rows.first?[3] == .text("above the header row (a title?)"))
        let given = try load(bytes, options: ImportOptions(header: true))
        #expect(given.table.columnNames == ["Hændelser 2025", "column_2"])
        #expect(given.rowsLoaded == 2)
        let none = try load(bytes, options: ImportOptions(header: false))
        #expect(none.table.columnNames == ["column_1", "column_2"] && none.rowsLoaded == 3)
    }

    @Test func dateSerials() {
        let epoch = csvDay(1899, 12, 30)
        #expect(XLSXDates.dayAndSeconds(45658, date1904: false)?.day == csvDay(2025, 1, 1))
        #expect(XLSXDates.dayAndSeconds(61, date1904: false)?.day == csvDay(1900, 3, 1))
        #expect(XLSXDates.dayAndSeconds(59, date1904: false)?.day == csvDay(1900, 2, 28))
        #expect(XLSXDates.dayAndSeconds(1, date1904: false)?.day == csvDay(1900, 1, 1))
        #expect(XLSXDates.dayAndSeconds(60, date1904: false) == nil)
        #expect(XLSXDates.dayAndSeconds(0, date1904: true)?.day == csvDay(1904, 1, 1))
        #expect(XLSXDates.dayAndSeconds(-1, date1904: false) == nil)
        #expect(XLSXDates.dayAndSeconds(.infinity, date1904: false) == nil)
        #expect(XLSXDates.dayAndSeconds(3e6, date1904: false) == nil)
        let late = XLSXDates.dayAndSeconds(100.999_999_9, date1904: false)
        #expect(late?.day == epoch + 101 && late?.seconds == 0)
        #expect(XLSXDates.timeText(1.5625, seconds: false, elapsed: true) == "37:30")
        #expect(XLSXDates.timeText(1.5625, seconds: false, elapsed: false) == "13:30")
    }

    @Test func formatCodes() {
        #expect(XLSXFormatKind.custom("dd\\-mm\\-yyyy") == .date)
        #expect(XLSXFormatKind.custom("d/m/yyyy h:mm") == .dateTime)
        #expect(XLSXFormatKind.custom("mm/dd/yy\\ hh:mm\\ AM/PM") == .dateTime)
        #expect(XLSXFormatKind.custom("[$-406]d. mmmm yyyy;@") == .date)
        #expect(XLSXFormatKind.custom("hh:mm") == .time(seconds: false, elapsed: false))
        #expect(XLSXFormatKind.custom("[h]:mm:ss") == .time(seconds: true, elapsed: true))
        #expect(XLSXFormatKind.custom("#,##0.00 \"kr.\"") == .number(decimals: 2))
        #expect(XLSXFormatKind.custom("[Red]#,##0;-#,##0") == .number(decimals: 0))
        #expect(XLSXFormatKind.custom("General") == .number(decimals: 0))
        #expect(XLSXFormatKind.custom("\"TRUE\";\"TRUE\";\"FALSE\"") == .number(decimals: 0))
        #expect(XLSXFormatKind.custom("0.000") == .number(decimals: 3))
        #expect(XLSXFormatKind.custom("0.0%") == .number(decimals: 0), "a percentage's digits are not the value's")
        #expect(XLSXFormatKind.custom("0.00E+00") == .number(decimals: 0))
        #expect(XLSXFormatKind.custom("\"v. 1.5\" 0") == .number(decimals: 0), "a point in quoted text is not the decimal mark")
        #expect(XLSXFormatKind.builtIn(4) == .number(decimals: 2) && XLSXFormatKind.builtIn(10) == .number(decimals: 0))
        #expect(XLSXFormatKind.custom("mmm-yy") == .date)
        #expect(XLSXFormatKind.builtIn(14) == .date && XLSXFormatKind.builtIn(22) == .dateTime)
        #expect(XLSXFormatKind.builtIn(2) == .number(decimals: 2))
        #expect(XLSXFormatKind.custom("0000") == .zeroPadded(width: 4))
        #expect(XLSXFormatKind.custom("000000;@") == .zeroPadded(width: 6))
        #expect(XLSXFormatKind.custom("00") == .number(decimals: 0), "two digits (a month, an hour) stay a number")
    }

    /// An error in the header names its column as Excel shows it, with a warning naming the cell.
    @Test func anErrorInTheHeaderIsWarnedOf() throws {
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="e"><v>#REF!</v></c></row>
            <row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>
            """
        let l = try load(try TestWorkbook.make([("Ark1", rows)], sharedStrings: ["n"]))
        #expect(l.table.columnNames == ["n", "#REF!"])
        #expect(l.report.warnings.map(\.message).contains("cell B1 of the header holds the error #REF!; the column is called #REF!"),
                "\(l.report.warnings.map(\.message))")
    }

    /// Postcodes kept as numbers under `0000` load as the text Excel shows (`0900`), the
    /// whole column so, and a value with a fraction keeps its digits.
    @Test func zeroPaddedNumbersAreTheTextExcelShows() throws {
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.main)\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"0000\"/></numFmts>"
            + "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="2"><c r="A2" s="1"><v>900</v></c><c r="B2"><v>1</v></c></row>
            <row r="3"><c r="A3" s="1"><v>2200</v></c><c r="B3"><v>2</v></c></row>
            <row r="4"><c r="A4" s="1"><v>5</v></c><c r="B4"><v>3</v></c></row>
            """
        let l = try load(try TestWorkbook.make([("Ark1", rows)], sharedStrings: ["Postnr", "n"], styles: styles))
        #expect(l.table.column("Postnr")?.type == .text)
        #expect(values(l, "Postnr") == [.text("0900"), .text("2200"), .text("0005")])
    }

    /// A number under `0.00` in a column that other cells make text reads with the decimals
    /// its format shows (`7.00`, not `7.0`), and one with more keeps them all (no rounding).
    @Test func formattedNumbersInATextColumnShowTheirDecimals() throws {
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.main)\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>"
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="2"><c r="A2" s="1"><v>7</v></c></row>
            <row r="3"><c r="A3" s="1"><v>2.125</v></c></row>
            <row r="4"><c r="A4"><v>7</v></c></row>
            <row r="5"><c r="A5"><v>0.5</v></c></row>
            <row r="6"><c r="A6" t="s"><v>1</v></c></row>
            """
        let l = try load(try TestWorkbook.make([("Ark1", rows)], sharedStrings: ["v", "syv"], styles: styles))
        #expect(values(l, "v") == [.text("7.00"), .text("2.125"), .text("7"), .text("0.5"), .text("syv")])
    }

    /// Formulas saved without their result (as openpyxl writes them) are blank cells, and the
    /// load warns, naming the first cell and how many.
    @Test func formulasWithoutASavedResultAreWarnedOf() throws {
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f></c></row>
            <row r="3"><c r="A3"><v>2</v></c><c r="B3"><f>A3*2</f><v>4</v></c></row>
            <row r="4"><c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"/><v></v></c></row>
            """
        let l = try load(try TestWorkbook.make([("Ark1", rows)], sharedStrings: ["a", "b"]))
        #expect(values(l, "b") == [.null, .int(4), .null])
        #expect(l.report.warnings.map(\.message).contains { $0.hasPrefix("2 formula cells have no saved result (the first: B2)") },
                "\(l.report.warnings.map(\.message))")
        let saved = try load(try TestWorkbook.make([("Ark1", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><f>1+1</f><v>2</v></c></row>")],
                                                   sharedStrings: ["a"]))
        #expect(saved.report.warnings.isEmpty)
    }

    /// The text of a formatted number reads back as the same double, whatever the decimals.
    @Test func formattedNumberTextKeepsTheValue() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let x: Double
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: x = Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 100
            case 1: x = Double.random(in: -1e9...1e9, using: &generator)
            default: x = Double(Int.random(in: -99_999...99_999, using: &generator))
            }
            let decimals = Int.random(in: 0...4, using: &generator)
            let text = XLSXValue.text(of: x, decimals: decimals)
            #expect(Double(text) == x, "\(x) shown as \(text)")
            if let dot = text.firstIndex(of: ".") {
                #expect(text.distance(from: dot, to: text.endIndex) - 1 >= decimals, "\(text) under \(decimals) decimals")
            } else {
                #expect(decimals == 0 && x == x.rounded(), "\(x) shown as \(text)")
            }
        }
        #expect(XLSXValue.text(of: -0.0, decimals: 2) == "0.00")
        #expect(XLSXValue.text(of: 1e20, decimals: 2) == Value.format(1e20))
    }

    @Test func sheetsByNameAndTheirList() throws {
        let bytes = try TestWorkbook.make([("Hændelser", "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c><v>1</v></c></row>"),
                                           ("Tryghed", "<row r=\"1\"><c t=\"inlineStr\"><is><t>b</t></is></c><c r=\"C1\"><v>2</v></c></row>")])
        let sheets = try bytes.withUnsafeBytes { raw in try XLSXReader.sheets(bytes: raw, path: "test.xlsx") }
        #expect(sheets == [XLSXSheetInfo(name: "Hændelser", rows: 2, columns: 1, state: nil),
                           XLSXSheetInfo(name: "Tryghed", rows: 1, columns: 3, state: nil)])
        let second = try load(bytes, options: ImportOptions(sheet: "tryghed"))
        #expect(second.table.columnNames == ["b", "column_2", "2"])
        #expect(second.report.warnings.map(\.message) == ["cell B1 of the header is empty; column 2 is called column_2"])
        let missing = loadError(bytes, options: ImportOptions(sheet: "Tryhed"))
        #expect(missing?.message == "the workbook has no sheet 'Tryhed'; did you mean 'Tryghed'?")
        #expect(missing?.notes == ["note: its sheets are 'Hændelser', 'Tryghed'"])
    }

    @Test func textTimestampsWithAnOffsetAreCopenhagenTimeAndCounted() throws {
        func text(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        var rows = "<row r=\"1\">\(text("at"))</row>"
        for (r, at) in ["2025-12-31T23:30:00Z", "2025-06-30T22:00:00.5Z", "2025-06-30T22:00"].enumerated() {
            rows += "<row r=\"\(r + 2)\">\(text(at))</row>"
        }
        let l = try load(try TestWorkbook.make([("A", rows)]))
        let day = { (y: Int, m: Int, d: Int) in Int64(CivilDate.dayNumber(year: y, month: m, day: d)) * 86_400 }
        #expect(values(l, "at") == [.timestamp(day(2026, 1, 1) + 1800), .timestamp(day(2025, 7, 1)),
                                    .timestamp(day(2025, 6, 30) + 22 * 3600)])
        #expect(l.report.notes.contains("at: 2 times with a UTC offset read as Copenhagen time "
                                        + "(2025-12-31T23:30:00Z = 2026-01-01T00:30)"), "\(l.report.notes)")
        #expect(l.report.notes.contains("at: fractions of a second dropped from 1 time "
                                        + "(2025-06-30T22:00:00.5Z = 2025-07-01T00:00)"), "\(l.report.notes)")
    }

    @Test func missingValueMarkersAndEmptyTextAreNullAndCounted() throws {
        func text(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        var rows = "<row r=\"1\">\(text("id"))\(text("alvor"))\(text("note"))</row>"
        for (r, alvor) in ["3", "NULL", "-", "N/A", "", "2"].enumerated() {
            let cell = Int(alvor).map { "<c><v>\($0)</v></c>" } ?? text(alvor)
            rows += "<row r=\"\(r + 2)\"><c><v>\(r + 1)</v></c>\(cell)\(text(r == 1 ? "NULL" : "ok"))</row>"
        }
        let l = try load(try TestWorkbook.make([("A", rows)]))
        #expect(l.rowsLoaded == 6 && l.rowsRejected == 0)
        #expect(values(l, "alvor") == [.int(3), .null, .null, .null, .null, .int(2)])
        // In a text column a marker is a value, as written.
        #expect(values(l, "note")[1] == .text("NULL"))
        #expect(l.report.notes.contains("alvor: 3 missing-value markers (NULL, N/A, NA, -) read as null"))
    }

    /// A header cell with a line break (Alt+Enter), as a shared or an inline string, names its
    /// column with one space there, and the report lists such columns; two that become one
    /// name are told apart as repeats are.
    @Test func lineBreaksInHeaderCellsAreSpaces() throws {
        func text(_ t: String) -> String { "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">\(t)</t></is></c>" }
        let rows = "<row r=\"1\"><c t=\"s\"><v>0</v></c>\(text("Antal&#10;hændelser"))\(text("Beløb \n  (kr.)"))\(text("Sted  i alt"))</row>"
            + "<row r=\"2\"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>"
        let l = try load(try TestWorkbook.make([("A", rows)], sharedStrings: ["Beløb&#13;&#10;(kr.)"]))
        #expect(l.table.columnNames == ["Beløb (kr.)", "Antal hændelser", "Beløb (kr.)_2", "Sted  i alt"])
        #expect(l.report.notes.contains("line breaks in 3 column names read as spaces: 'Beløb (kr.)', 'Antal hændelser', 'Beløb (kr.)_2'"),
                "\(l.report.notes)")
        #expect(l.report.warnings.map(\.message) == ["cell C1 repeats the name 'Beløb (kr.)'; it is called Beløb (kr.)_2"])
    }

    @Test func theReportNamesASheetsPlaceAmongTheVisibleOnes() throws {
        let row = "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c><v>1</v></c></row>"
        let bytes = try TestWorkbook.make([("Første", row), ("Anden", row)])
        #expect(try load(bytes).report.finding("sheet")?.evidence == "sheet 1 of 2 visible: 'Første', 'Anden'")
        #expect(try load(bytes, options: ImportOptions(sheet: "anden")).report.finding("sheet")?.value
                == "'Anden', sheet 2 of 2 visible")
    }

    @Test func aTextInANumberColumnMakesItTextAndAnErrorCellRejectsItsRow() throws {
        var rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>n</t></is></c><c t=\"inlineStr\"><is><t>m</t></is></c></row>"
        for r in 2...151 {
            let n = r == 50 ? "<c r=\"A\(r)\" t=\"inlineStr\"><is><t>ukendt</t></is></c>" : "<c r=\"A\(r)\"><v>\(r)</v></c>"
            let m = r == 70 ? "<c r=\"B\(r)\" t=\"e\"><v>#DIV/0!</v></c>" : "<c r=\"B\(r)\" t=\"str\"><v>\(r % 7)</v></c>"
            rows += "<row r=\"\(r)\">\(n)\(m)</row>"
        }
        let l = try load(try TestWorkbook.make([("A", rows)]))
        // Text cells stay text, whatever they spell; an inferred type never costs a row.
        #expect(l.table.columns.map(\.type) == [.text, .text])
        #expect(l.rowsLoaded == 149 && l.rowsRejected == 1)
        #expect(l.rejects?.rows.map { $0[3] } == [.text("cell B70 (m) holds the error #DIV/0!")])
        #expect(l.rejects?.rows.map { $0[2] } == [.text("70;#DIV/0!")])
        #expect(l.table.column("n")?.value(at: 48) == .text("ukendt"))
    }

    func loadError(_ bytes: [UInt8], options: ImportOptions = .init()) -> Diagnostic? {
        do {
            _ = try load(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func notAWorkbook() throws {
        #expect(loadError(Array("a,b\n1,2\n".utf8))?.message == "not an .xlsx workbook: the file is not a zip archive")
        #expect(loadError([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])?.message.hasPrefix("the workbook is damaged: ") == true)
        let noWorkbook = try TestWorkbook.archive(["hello.txt": "hi"])
        #expect(loadError(noWorkbook)?.message == "the workbook is damaged: it has no xl/workbook.xml (is it an .xlsx workbook?)")
        let badXML = try TestWorkbook.archive(["xl/workbook.xml": "<workbook><sheets><sheet name=\"x\""])
        #expect(loadError(badXML)?.message.hasPrefix("the workbook is damaged: its part xl/workbook.xml is not well-formed XML") == true)
        let dtd = try TestWorkbook.archive(["xl/workbook.xml": "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><workbook>&a;</workbook>"])
        #expect(loadError(dtd)?.message == "the workbook's part xl/workbook.xml declares a DTD, which a workbook never does")
        let empty = try TestWorkbook.make([("Tom", "")])
        #expect(loadError(empty)?.message == "sheet 'Tom' is empty: expected a header row with column names")
        let noSheets = try TestWorkbook.archive(["xl/workbook.xml": "<workbook/>"])
        #expect(loadError(noSheets)?.message == "the workbook is damaged: it lists no sheets")
    }

    @Test func damagedSheetsAreOneClearError() throws {
        for (rows, message) in [
            ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", "the workbook is damaged: row 1 uses shared string 5, which it lacks"),
            ("<row r=\"0\"><c><v>1</v></c></row>", "the workbook is damaged: row number '0' in xl/worksheets/sheet1.xml is not one Excel can have"),
            ("<row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row>", "the workbook is damaged: cell reference 'ZZZZ1' in xl/worksheets/sheet1.xml is not one Excel can have"),
            ("<row r=\"1\"><c r=\"A1\"><v>abc</v></c></row>", "the workbook is damaged: a number cell in xl/worksheets/sheet1.xml holds 'abc'"),
        ] {
            let error = loadError(try TestWorkbook.make([("A", rows)]))
            #expect(error?.message == message)
            #expect(error?.file?.path == "test.xlsx")
        }
    }

    @Test func partsWithoutAZip() throws {
        let sheet = Array(TestWorkbook.sheet("<row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"2\"><c s=\"1\"><v>1462</v></c></row>").utf8)
        let strings = Array("<sst><si><r><t>da</t></r><r><t>to</t></r><rPh><t>x</t></rPh></si></sst>".utf8)
        let l = try XLSXReader.load(sheet: sheet, sharedStrings: strings, styles: Array(TestWorkbook.styles.utf8),
                                    workbook: Array(TestWorkbook.workbook(["A"], date1904: true).utf8), path: "p.xlsx")
        #expect(l.table.columnNames == ["dato"])
        #expect(values(l, "dato") == [.date(csvDay(1908, 1, 2))])
    }

    /// A row of blank cells between rows with values is a row of nulls; blank rows after the
    /// last value are formatting, unless the sheet's autofilter covers them.
    @Test func blankRowsInsideTheDataAreRowsOfNulls() throws {
        func text(_ ref: String, _ s: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>" }
        let rows = "<row r=\"1\">\(text("A1", "konto"))\(text("B1", "beløb"))</row>"
            + "<row r=\"2\">\(text("A2", "a"))<c r=\"B2\" s=\"5\"><v>3</v></c></row>"
            + "<row r=\"3\"><c r=\"A3\" s=\"5\"/></row>"
            + "<row r=\"4\">\(text("A4", "b"))<c r=\"B4\" s=\"5\"><v>1.5</v></c></row>"
            + "<row r=\"5\"><c r=\"A5\" s=\"5\"/><c r=\"B5\" s=\"5\"></c></row>"
        for filter in ["", "<autoFilter ref=\"A1:B5\"/>"] {
            let sheet = "<worksheet xmlns=\"\(TestWorkbook.main)\"><sheetData>\(rows)</sheetData>\(filter)</worksheet>"
            let l = try XLSXReader.load(sheet: Array(sheet.utf8), sharedStrings: nil, styles: Array(TestWorkbook.styles.utf8),
                                        workbook: Array(TestWorkbook.workbook(["A"]).utf8), path: "p.xlsx")
            let expected: [Value] = [.decimal(DecimalValue(units: 300, scale: 2)), .null, .decimal(DecimalValue(units: 150, scale: 2))]
            #expect(values(l, "beløb") == expected + (filter.isEmpty ? [] : [.null]), "filter: \(filter)")
            #expect(l.table.columns[1].type == .decimal, "a number format of two decimals keeps them")
            #expect(l.report.notes.contains { $0.contains("blank cells") }, "\(l.report.notes)")
        }
    }

    @Test func escapesInStrings() {
        #expect(XLSXWorkbook.unescape("a_x000D_b") == "a\rb")
        #expect(XLSXWorkbook.unescape("_x00e6_") == "æ")
        #expect(XLSXWorkbook.unescape("_x00G1_ and _x") == "_x00G1_ and _x")
    }

    @Test func cellReferences() {
        func ref(_ s: String) -> String {
            let r = s.withCString { p in
                p.withMemoryRebound(to: UInt8.self, capacity: s.utf8.count + 1) { XLSXSheetReader.cellReference($0) }
            }
            guard let r else { return "nil" }
            return "\(r.column):\(r.row.map(String.init) ?? "-")"
        }
        #expect(ref("A1") == "0:1")
        #expect(ref("XFD1048576") == "16383:1048576")
        #expect(ref("AA") == "26:-")
        for bad in ["XFE1", "A0", "A1048577", "1", "A1B", "", "ÆA1"] { #expect(ref(bad) == "nil", "\(bad)") }
        #expect(XLSXTableBuilder.columnLetters(0) == "A" && XLSXTableBuilder.columnLetters(27) == "AB")
        #expect(XLSXTableBuilder.columnLetters(16_383) == "XFD")
    }

    @Test func cancelledLoadThrows() throws {
        let flag = CancellationFlag()
        flag.raise()
        let bytes = try TestWorkbook.make([("A", "<row r=\"1\"><c><v>1</v></c></row>")])
        #expect(loadError(bytes, options: ImportOptions(cancellation: flag))?.message == CSVLoader.cancelled)
    }

    /// libxml2 compares each attribute of an element with every one before it: an element with
    /// very many is refused before it parses, naming the sheet, the cell and the line.
    @Test func anElementWithTooManyAttributesIsRefusedNamingTheCell() throws {
        func cell(_ extra: Int) -> String {
            let attributes = (0..<extra).map { " x\($0)=\"1\"" }.joined()
            return "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c></row>\n"
                + "<row r=\"2\"><c r=\"A2\"\(attributes)><v>1</v></c></row>"
        }
        let error = loadError(try TestWorkbook.make([("Ark1", cell(50_000))]))
        #expect(error?.message == "the workbook is damaged: cell A2 in sheet 'Ark1' (xl/worksheets/sheet1.xml, line 2) "
                + "has 50,001 attributes, more than the 256 tryg reads on one element")
        #expect(error?.file?.path == "test.xlsx")
        // At the limit it loads.
        let l = try load(try TestWorkbook.make([("Ark1", cell(XMLBounds.maxAttributes - 1))]))
        #expect(values(l, "n") == [.int(1)])
        // Any element, namespace declarations counted.
        let namespaces = (0..<300).map { " xmlns:n\($0)=\"urn:\($0)\"" }.joined()
        let root = "<worksheet xmlns=\"\(TestWorkbook.main)\"\(namespaces)><sheetData/></worksheet>"
        let parts = ["xl/workbook.xml": TestWorkbook.workbook(["A"]), "xl/_rels/workbook.xml.rels": TestWorkbook.relations(1),
                     "xl/worksheets/sheet1.xml": root]
        #expect(loadError(try TestWorkbook.archive(parts))?.message.hasPrefix(
            "the workbook is damaged: an element <worksheet> in sheet 'A' (xl/worksheets/sheet1.xml, line 1) has 301 attributes") == true)
    }

    /// Equals signs inside values, comments and CDATA are not attributes.
    @Test func equalsSignsOutsideAttributesAreNotCounted() throws {
        let many = String(repeating: "a=b;", count: 400)
        let rows = "<!-- \(many) --><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"str\" x='\(many)>'><v><![CDATA[\(many)<x y=1>]]></v></c></row>"
        let l = try load(try TestWorkbook.make([("A", rows)]))
        #expect(values(l, "n") == [.text(many + "<x y=1>")])
    }

    /// Ctrl-C stops a part with very many nodes, whatever they are.
    @Test func readingAPartSeesCtrlC() throws {
        let flag = CancellationFlag()
        flag.raise()
        let part = Array(("<sst>" + String(repeating: "<si><t>x</t></si>", count: 100_000) + "</sst>").utf8)
        let xml = try XMLPullReader(part, part: "xl/sharedStrings.xml", path: "test.xlsx", cancellation: flag)
        var nodes = 0
        var error: Diagnostic?
        do throws(Diagnostic) {
            while try xml.next() { nodes += 1 }
        } catch let e {
            error = e
        }
        #expect(error?.code == .cancelled)
        #expect(nodes < 100_000)
    }

    /// A row that names one cell twice would keep one value silently: the row is rejected
    /// naming the cell and both values, wherever the repeat stands; in the header it is an error.
    @Test(arguments: ["<c r=\"A3\"><v>7</v></c><c r=\"B3\"><v>8</v></c><c r=\"A3\"><v>9</v></c>",
                      "<c r=\"A3\"><v>7</v></c><c r=\"A3\"><v>9</v></c><c r=\"B3\"><v>8</v></c>",
                      "<c r=\"B3\"><v>8</v></c><c r=\"A3\"><v>7</v></c><c r=\"A3\"><v>9</v></c>"])
    func aCellGivenTwiceRejectsItsRow(_ row3: String) throws {
        func text(_ t: String) -> String { "<c t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        let rows = "<row r=\"1\">\(text("a"))\(text("b"))</row><row r=\"2\"><c><v>1</v></c><c><v>2</v></c></row>"
            + "<row r=\"3\">\(row3)</row><row r=\"4\"><c r=\"B4\"><v>4</v></c><c r=\"A4\"><v>3</v></c></row>"
        let l = try load(try TestWorkbook.make([("A", rows)]))
        #expect(values(l, "a") == [.int(1), .int(3)])
        #expect(values(l, "b") == [.int(2), .int(4)])
        #expect(l.rowsRejected == 1)
        let reject = try #require(l.rejects?.rows.first)
        #expect(reject[1] == .int(3))
        #expect(reject[3] == .text("the sheet gives cell A3 twice ('7' and '9')"))

        let header = "<row r=\"1\">\(text("a"))<c r=\"A1\" t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\"><c><v>1</v></c></row>"
        #expect(loadError(try TestWorkbook.make([("Ark", header)]))?.message
            == "the workbook is damaged: sheet 'Ark' gives cell A1 twice ('a' and 'b') in its header row")
    }
}
