import Foundation
import Testing
import TrygDomain
import TrygEngine
import TrygImport
@testable import TrygShell

/// Workbooks written by tryg read back through tryg's own .xlsx reader as the same table,
/// cell by cell: numbers as numbers, decimals to the cent, dates and timestamps as such,
/// text (Danish letters, leading zeros) as text, nulls as nulls.
@Suite struct WorkbookExportTests {
    /// Writes one table as a workbook and reads it back.
    static func roundTrip(_ table: Table, suppression: Suppression? = nil) throws -> Table {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.xlsx"
        try WorkbookExport.write([WorkbookSheet(name: "Ark", table: table, suppression: suppression)], to: path)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files == ["out.xlsx"], "no temporary file left beside the workbook: \(files)")
        let load = try XLSXReader.load(path: path, tableName: "back")
        #expect(load.rowsRejected == 0, "\(load.rejects.map { $0.rows.prefix(3).description } ?? "")")
        return load.table
    }

    /// Whether a value read back is the value written (numbers by value: a decimal column of
    /// scale 0 reads back as ints, a float column of short decimals as decimals).
    static func same(_ written: Value, _ read: Value, asText: Bool = false) -> Bool {
        // Digits a number cell would change are written as text, and read back as that text.
        if asText { return written.isNull ? read.isNull : read == .text(written.display) }
        switch (written, read) {
        case (.null, .null): return true
        case (.float(let a), _):
            // libxlsxwriter writes a double with 16 significant digits (Excel shows 15).
            guard let b = read.numeric else { return false }
            return a == b || abs(a - b) <= abs(a) * 1e-15
        case (.int, _), (.decimal, _):
            switch (written, read) {
            case (.int(let a), .int(let b)): return a == b
            case (.decimal(let a), .decimal(let b)): return a == b
            case (.decimal(let a), .int(let b)): return a == DecimalValue(b)
            case (.int(let a), .decimal(let b)): return DecimalValue(a) == b
            default: return false
            }
        default: return written == read
        }
    }

    static func expectSameCells(_ written: Table, _ back: Table, _ label: String) {
        let table = written
        #expect(back.columnNames == table.columnNames, "\(label)")
        #expect(back.rowCount == table.rowCount, "\(label)")
        guard back.columnNames == table.columnNames, back.rowCount == table.rowCount else { return }
        for c in table.columns.indices {
            let asText = WorkbookColumnFormat.needsText(table.columns[c])
            // A decimal column keeps its scale: its cells' format shows the decimals.
            if case .decimals(_, let scale) = table.columns[c].storage, scale > 0, !asText {
                let backScale: Int? = if case .decimals(_, let s) = back.columns[c].storage { s } else { nil }
                #expect(backScale == scale, "\(label): \(table.columnNames[c]) written with scale \(scale), read \(back.columns[c].type) scale \(backScale.map(String.init) ?? "-")")
            }
            for r in 0..<table.rowCount {
                let w = table.value(row: r, column: c), b = back.value(row: r, column: c)
                #expect(same(w, b, asText: asText), "\(label): \(table.columnNames[c]) row \(r + 1): wrote \(w), read \(b)")
            }
        }
    }

    @Test func typedCellsReadBackCellByCell() throws {
        let table = TestTables.table("t", [
            ("Bibliotek", .text, [.text("Blågården"), .text("Østerbro"), .null, .text("Ærø Æble")]),
            ("Kode", .text, [.text("007"), .text("0420"), .text("0001"), .null]),
            ("Antal", .int, [.int(12), .null, .int(-3), .int(9_007_199_254_740_992)]),
            ("Stort", .int, [.int(Int64.max), .int(1), .null, .int(Int64.min)]),
            ("Beløb", .decimal, [.decimal(DecimalValue(units: 30, scale: 2)), .decimal(DecimalValue(units: 101, scale: 2)),
                                 .decimal(DecimalValue(units: -5, scale: 2)), .null]),
            ("Andel", .float, [.float(1.0 / 3), .float(0.1 + 0.2), .null, .float(-2.5e-7)]),
            ("Dato", .date, [.date(Int64(CivilDate.dayNumber(year: 2025, month: 1, day: 31))), .null,
                             .date(Int64(CivilDate.dayNumber(year: 1900, month: 2, day: 28))),
                             .date(Int64(CivilDate.dayNumber(year: 1900, month: 3, day: 1)))]),
            ("Tid", .timestamp, [.timestamp(Int64(CivilDate.dayNumber(year: 2024, month: 10, day: 3)) * 86_400 + 8 * 3600 + 35 * 60 + 7),
                                 .null, .timestamp(0), .timestamp(-86_400 * 365 + 59)]),
            ("Politi", .bool, [.bool(true), .bool(false), .null, .bool(true)]),
        ])
        let back = try WorkbookExportTests.roundTrip(table)
        WorkbookExportTests.expectSameCells(table, back, "typed cells")
        #expect(back.columns[1].type == .text, "identifiers with leading zeros stay text")
        #expect(back.columns[2].type == .int, "ints up to 2^53 are numbers")
        #expect(back.columns[3].type == .text, "ints beyond 2^53 are text, every digit kept")
        #expect(back.columns[4].type == .decimal && back.columns[4].value(at: 1) == .decimal(DecimalValue(units: 101, scale: 2)))
        #expect(back.columns[6].type == .date && back.columns[7].type == .timestamp && back.columns[8].type == .bool)
    }

    @Test func rowsOfNullsAndWholeAmountsReadBackAsWritten() throws {
        let table = TestTables.table("t", [
            ("Konto", .text, [.text("A"), .null, .text("B"), .null]),
            ("Beløb", .decimal, [.decimal(DecimalValue(units: 300, scale: 2)), .null, .decimal(DecimalValue(units: 100, scale: 2)), .null]),
        ])
        let back = try WorkbookExportTests.roundTrip(table)
        #expect(back.rowCount == 4, "a row of nulls, inside the data or last, is a row")
        WorkbookExportTests.expectSameCells(table, back, "rows of nulls")
        #expect(back.columns[1].type == .decimal, "amounts formatted 0.00 stay decimals, though all are whole")
    }

    @Test func randomTablesReadBackCellByCell() throws {
        var random = WorkbookRandom(seed: 0x5EED_0012)
        for round in 0..<25 {
            let table = random.table(rows: Int.random(in: 1...60, using: &random), columns: Int.random(in: 1...7, using: &random))
            let back = try WorkbookExportTests.roundTrip(table)
            WorkbookExportTests.expectSameCells(table, back, "round \(round) (seed 0x5EED0012)")
        }
    }

    @Test func numberFormatsShowTheColumnsDecimalsAndDanishDates() throws {
        let table = TestTables.table("t", [
            ("amount", .decimal, [.decimal(DecimalValue(units: 1050, scale: 2))]),
            ("day", .date, [.date(20_000)]),
            ("at", .timestamp, [.timestamp(20_000 * 86_400 + 3600)]),
            ("n", .int, [.int(2025)]),
        ])
        let formats = table.columns.enumerated().map { WorkbookColumnFormat.of($1, name: table.columnNames[$0]).numberFormat }
        #expect(formats == ["0.00", "dd-mm-yyyy", "dd-mm-yyyy hh:mm", "0"])
        let folder = try TemporaryFolder()
        let path = folder.path + "/f.xlsx"
        try WorkbookExport.write([WorkbookSheet(name: "A", table: table, suppression: nil)], to: path)
        let styles = try WorkbookExportTests.part(path, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"0.00\"") && styles.contains("formatCode=\"dd-mm-yyyy\""), "\(styles.prefix(600))")
        let sheet = try WorkbookExportTests.part(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("state=\"frozen\""), "a frozen header row")
        #expect(sheet.contains("<autoFilter ref=\"A1:D2\"/>"), "an autofilter over the result")
    }

    @Test func suppressedCellsAreEmptyWithANote() throws {
        let table = TestTables.table("t", [("library", .text, [.text("A"), .text("B"), .text("C")]),
                                           ("h1", .int, [.int(3), .int(40), .int(50)]), ("h2", .int, [.int(30), .int(41), .int(2)])])
        let (suppressed, cells) = Suppression.apply(table, below: 5, countColumns: ["h1", "h2"])
        #expect(cells.cells.count >= 2)
        let back = try WorkbookExportTests.roundTrip(suppressed, suppression: cells)
        WorkbookExportTests.expectSameCells(suppressed, back, "suppressed")
        for cell in cells.cells { #expect(back.value(row: cell.row, column: cell.column) == .null) }
        let folder = try TemporaryFolder()
        let path = folder.path + "/s.xlsx"
        try WorkbookExport.write([WorkbookSheet(name: "A", table: suppressed, suppression: cells)], to: path)
        #expect(try WorkbookExportTests.part(path, "xl/comments1.xml").contains("suppressed: a count under 5"))
    }

    @Test func aFailedWriteLeavesNoFile() throws {
        let folder = try TemporaryFolder()
        let table = TestTables.table("t", [("x", .int, [.int(1)])])
        let sheet = WorkbookSheet(name: "A", table: table, suppression: nil)
        #expect(throws: WorkbookExportError.self) { try WorkbookExport.write([sheet], to: folder.path + "/missing/x.xlsx") }
        // A folder where the workbook should go: nothing is written, the folder stays.
        try FileManager.default.createDirectory(atPath: folder.path + "/taken.xlsx", withIntermediateDirectories: false)
        #expect(throws: WorkbookExportError.self) { try WorkbookExport.write([sheet], to: folder.path + "/taken.xlsx") }
        let long = TestTables.table("t", [("x", .text, [.text(String(repeating: "ø", count: 40_000))])])
        #expect(throws: WorkbookExportError.self) {
            try WorkbookExport.write([WorkbookSheet(name: "A", table: long, suppression: nil)], to: folder.path + "/long.xlsx")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files == ["taken.xlsx"], "\(files)")
    }

    @Test func aFailedWriteKeepsTheOldWorkbook() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("old.xlsx", "the old contents")
        let long = TestTables.table("t", [("x", .text, [.text(String(repeating: "a", count: 40_000))])])
        #expect(throws: WorkbookExportError.self) {
            try WorkbookExport.write([WorkbookSheet(name: "A", table: long, suppression: nil)], to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the old contents")
    }

    /// A part of the zip, as text (through libzip, as the reader opens workbooks).
    static func part(_ path: String, _ name: String) throws -> String {
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        unzip.arguments = ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
                           path, name]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        unzip.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Random tables of every type a workbook holds, with nulls (SplitMix64, replayable by seed).
struct WorkbookRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let words = ["Blågården", "Nørrebro", "Østerbro", "Ærø", "utryghedsskabende adfærd", "Hærværk", "café",
                        "a \"quoted\" word", "semi;colon", "x < y & z", "tab\tinside", "two\nlines", "emoji 😀", "Æbleø"]
    static let types: [DataType] = [.int, .decimal, .float, .text, .bool, .date, .timestamp]

    mutating func value(_ type: DataType, scale: Int) -> Value {
        if Int.random(in: 0..<6, using: &self) == 0 { return .null }
        switch type {
        case .int:
            switch Int.random(in: 0..<8, using: &self) {
            case 0: return .int(Bool.random(using: &self) ? .max : .min)
            case 1: return .int(Int64.random(in: -(1 << 60)...(1 << 60), using: &self))
            default: return .int(Int64.random(in: -100_000...100_000, using: &self))
            }
        case .decimal:
            let bound: Int64 = Int.random(in: 0..<5, using: &self) == 0 ? 999_999_999_999_999 : 10_000_000
            return .decimal(DecimalValue(units: Int64.random(in: -bound...bound, using: &self), scale: scale))
        case .float:
            switch Int.random(in: 0..<4, using: &self) {
            case 0: return .float(Double(Int.random(in: -1000...1000, using: &self)) / 7)
            case 1: return .float(Double.random(in: -1e300...1e300, using: &self))
            default: return .float(Double.random(in: -1000...1000, using: &self))
            }
        case .text:
            if Bool.random(using: &self) {
                // An identifier with leading zeros.
                return .text("0" + String(Int.random(in: 0...99_999, using: &self)))
            }
            return .text(WorkbookRandom.words.randomElement(using: &self) ?? "x")
        case .bool: return .bool(Bool.random(using: &self))
        case .date: return .date(Int64.random(in: -25_567...2_932_896, using: &self))   // 1900-01-01 … 9999-12-31
        case .timestamp:
            return .timestamp(Int64.random(in: -2_208_988_800...4_102_444_800, using: &self))   // 1900 … 2100
        default: return .null
        }
    }

    mutating func table(rows: Int, columns: Int) -> Table {
        var specs: [(String, DataType, [Value])] = []
        for c in 0..<columns {
            let type = WorkbookRandom.types.randomElement(using: &self) ?? .int
            let scale = Int.random(in: 0...4, using: &self)
            let values = (0..<rows).map { _ in value(type, scale: scale) }
            specs.append(("kolonne_\(c + 1)_\(type)", type, values))
        }
        return TestTables.table("t", specs)
    }
}
