import Foundation
import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// Loads CSV text given inline.
func csvLoad(_ text: String, options: ImportOptions = .init()) throws(Diagnostic) -> CSVLoad {
    try CSVReader.load(bytes: Array(text.utf8), path: "test.csv", tableName: "t", options: options)
}

/// The diagnostic a load of these bytes throws, or nil when it loads.
func csvError(_ bytes: [UInt8], options: ImportOptions = .init()) -> Diagnostic? {
    do {
        _ = try CSVReader.load(bytes: bytes, path: "bad.csv", tableName: "t", options: options)
        return nil
    } catch {
        return error
    }
}

func csvError(_ text: String, options: ImportOptions = .init()) -> Diagnostic? {
    csvError(Array(text.utf8), options: options)
}

/// A column's values by name.
func csvValues(_ load: CSVLoad, _ column: String) -> [Value] {
    guard let c = load.table.column(column) else { return [] }
    return (0..<c.count).map { c.value(at: $0) }
}

/// A column's type by name.
func csvType(_ load: CSVLoad, _ column: String) -> DataType? { load.table.column(column)?.type }

/// The day number of a date.
func csvDay(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(CivilDate(year: y, month: m, day: d)?.dayNumber ?? 0) }

@Suite struct CSVReaderQuotingTests {
    @Test func readsHeaderAndRows() throws {
        let l = try csvLoad("id,library\n1,Vesterbro\n2,Blågården\n")
        #expect(l.table.name == "t")
        #expect(l.table.columnNames == ["id", "library"])
        #expect(l.rowsLoaded == 2 && l.rowsRejected == 0 && l.rejects == nil)
        #expect(csvValues(l, "id") == [.int(1), .int(2)])
        #expect(csvValues(l, "library") == [.text("Vesterbro"), .text("Blågården")])
        #expect(l.table.origin == "test.csv")
    }

    @Test func quotedFieldsHoldDelimitersDoubledQuotesAndNewlines() throws {
        let csv = "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\"\"\n"
        let l = try csvLoad(csv)
        #expect(csvValues(l, "note") == [.text("a, b"), .text("say \"hi\""), .text("two\nlines"), .text("\"")])
        #expect(csvValues(l, "id") == [.int(1), .int(2), .int(3), .int(4)])
    }

    @Test func quotedNumbersAreStillNumbers() throws {
        let l = try csvLoad("n\n\"42\"\n\"7\"\n")
        #expect(csvType(l, "n") == .int)
        #expect(csvValues(l, "n") == [.int(42), .int(7)])
    }

    /// Rows of delimiters alone (a spreadsheet's empty rows) are rows of nulls, counted in the
    /// report wherever they stand and however many chunks read the file.
    @Test(arguments: [1, 3])
    func rowsOfDelimitersAloneAreCounted(chunks: Int) throws {
        var rng = SeededGenerator(state: 31)
        var csv = "Id;Bibliotek;Antal\r\n"
        var rows = 0, empty = 0
        for i in 0..<5_000 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                csv += Bool.random(using: &rng) ? ";;\r\n" : ";;;\r\n"
                empty += 1
            case 1: csv += ";;\(i)\r\n"
            default: csv += "\(i);Valby;\(i % 7)\r\n"
            }
            rows += 1
        }
        var options = ImportOptions()
        options.chunks = chunks
        let l = try csvLoad(csv, options: options)
        #expect(l.rowsLoaded == rows)
        #expect(l.rowsRejected == 0)
        let ids = csvValues(l, "Id"), libraries = csvValues(l, "Bibliotek"), counts = csvValues(l, "Antal")
        #expect(ids.indices.filter { ids[$0].isNull && libraries[$0].isNull && counts[$0].isNull }.count == empty)
        #expect(l.report.notes.contains("\(LoadReport.grouped(empty)) rows hold no value (only ';', as a spreadsheet saves an empty row); read as rows of nulls"),
                "\(l.report.notes)")
        // Not in a file of one column, where an empty line is a null value as before.
        #expect(try csvLoad("n\n1\n\n3\n").report.notes.allSatisfy { !$0.contains("no value") })
    }

    @Test func crlfLineEnds() throws {
        let l = try csvLoad("id,name\r\n1,a\r\n2,\"b\r\nc\"\r\n3,d\r\n")
        #expect(csvValues(l, "id") == [.int(1), .int(2), .int(3)])
        #expect(csvValues(l, "name") == [.text("a"), .text("b\r\nc"), .text("d")])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let l = try CSVReader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("id,x\n1,2\n".utf8), path: "bom.csv", tableName: "t")
        #expect(l.table.columnNames == ["id", "x"])
        #expect(csvValues(l, "id") == [.int(1)])
    }

    @Test func finalNewlineIsOptional() throws {
        let withNewline = try csvLoad("a,b\n1,x\n2,y\n")
        let without = try csvLoad("a,b\n1,x\n2,y")
        #expect(without.rowsLoaded == 2)
        #expect(csvValues(without, "b") == csvValues(withNewline, "b"))
        #expect(csvValues(try csvLoad("a,b\n1,\"q\""), "b") == [.text("q")])
        #expect(csvValues(try csvLoad("a,b\r\n1,x\r\n2,y\r"), "b") == [.text("x"), .text("y")])
    }

    @Test func emptyFieldsAreNull() throws {
        let l = try csvLoad("a,b,c\n1,,x\n,2.5,\n3,1,\"\"\n")
        #expect(csvType(l, "a") == .int)
        #expect(csvValues(l, "a") == [.int(1), .null, .int(3)])
        #expect(csvValues(l, "b") == [.null, .decimal(2.5), .decimal(1)])
        #expect(csvValues(l, "c") == [.text("x"), .null, .null])
        #expect(l.table.column("a")?.isNull(1) == true)
    }

    @Test func trailingDelimiterMeansATrailingEmptyField() throws {
        let l = try csvLoad("a,b\n1,\n2,\n")
        #expect(l.rowsLoaded == 2)
        #expect(csvValues(l, "b") == [.null, .null])
    }

    @Test func blankLinesAreSkippedInMultiColumnFiles() throws {
        let l = try csvLoad("a,b\n1,x\n\n2,y\n\n")
        #expect(l.rowsLoaded == 2 && l.rowsRejected == 0)
        let single = try csvLoad("a\n1\n\n2\n")
        #expect(csvValues(single, "a") == [.int(1), .null, .int(2)])
    }

    @Test func semicolonDelimiter() throws {
        let l = try csvLoad("library;share;note\nVesterbro;0.91;\"a;b\"\nNørrebro;0.83;x,y\n",
                         options: ImportOptions(delimiter: UInt8(ascii: ";")))
        #expect(l.table.columnNames == ["library", "share", "note"])
        #expect(csvValues(l, "share") == [.decimal(0.91), .decimal(0.83)])
        #expect(csvValues(l, "note") == [.text("a;b"), .text("x,y")])
    }

    @Test func tabDelimiter() throws {
        let l = try csvLoad("a\tb\n1\thello world\n", options: ImportOptions(delimiter: UInt8(ascii: "\t")))
        #expect(csvValues(l, "b") == [.text("hello world")])
    }

    @Test func headerNamesAreTrimmedAndMadeUnique() throws {
        let l = try csvLoad(" id ,,Id,id,\"na\"\"me\"\n1,2,3,4,5\n")
        #expect(l.table.columnNames == ["id", "column_2", "Id_2", "id_3", "na\"me"])
    }

    @Test func headerOnlyGivesEmptyTextColumns() throws {
        let l = try csvLoad("a,b\n")
        #expect(l.rowsLoaded == 0)
        #expect(l.table.rowCount == 0)
        #expect(csvType(l, "a") == .text)
    }

    @Test func loadsFromAPath() throws {
        let path = NSTemporaryDirectory() + "tryg-csv-\(getpid()).csv"
        try Data("id,when\n1,2025-01-31T08:30\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let l = try CSVReader.load(path: path, tableName: "incidents")
        #expect(l.table.name == "incidents")
        #expect(l.table.origin == path)
        #expect(csvValues(l, "when") == [.timestamp(csvDay(2025, 1, 31) * 86_400 + 8 * 3600 + 30 * 60)])
    }

    @Test func directoryIsAnError() {
        do {
            _ = try CSVReader.load(path: NSTemporaryDirectory(), tableName: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "cannot load a directory as a table")
        }
    }

    @Test func missingFileIsAnError() {
        do {
            _ = try CSVReader.load(path: "/nonexistent/x.csv", tableName: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("cannot open '/nonexistent/x.csv'"))
            #expect(error.file?.path == "/nonexistent/x.csv")
        }
    }
}
