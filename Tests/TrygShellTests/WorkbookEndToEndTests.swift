import Foundation
import Testing
import TrygEngine
import TrygImport
@testable import TrygShell

/// Workbooks written by the `tryg` command (`--format xlsx`, `to "FILE.xlsx"`, `.export table`)
/// read back through tryg's own reader as the results the same queries print as csv.
@Suite struct WorkbookEndToEndTests {
    static let script = """
        -- sheet: Hændelser pr. bibliotek
        incidents group by library compute count order by library
        let vesterbro = incidents where library = "Vesterbro" group by halfyear compute count, max(severity) as worst
        incidents where id <= 20 select id, reported_at, library, severity, police_called, description order by id

        """

    /// A sheet of a workbook as tryg prints it in csv, read back by tryg.
    static func csv(ofSheet sheet: String, in path: String, query: String) throws -> String {
        let r = try TrygBinary.run(["--data", path, "--sheet", sheet, "--format", "csv", "-c", query])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func aScriptWritesOneSheetPerResult() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("report.tryg", WorkbookEndToEndTests.script)
        let book = folder.path + "/book.xlsx"
        let r = try TrygBinary.run(["--format", "xlsx", "--output", book, script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let sheets = try XLSXReader.sheets(path: book)
        #expect(sheets.map(\.name) == ["Hændelser pr. bibliotek", "vesterbro", "Resultat 3"])

        let direct = { (query: String) throws -> String in
            try TrygBinary.run(["--format", "csv", "-c", query]).stdout
        }
        #expect(try WorkbookEndToEndTests.csv(ofSheet: "Hændelser pr. bibliotek", in: book, query: "book")
                == direct("incidents group by library compute count order by library"))
        #expect(try WorkbookEndToEndTests.csv(ofSheet: "vesterbro", in: book, query: "book")
                == direct("incidents where library = \"Vesterbro\" group by halfyear compute count, max(severity) as worst"))
        #expect(try WorkbookEndToEndTests.csv(ofSheet: "Resultat 3", in: book, query: "book order by id")
                == direct("incidents where id <= 20 select id, reported_at, library, severity, police_called, description order by id"))
    }

    @Test func toAfterAQueryWritesAWorkbookWithSuppressedCellsEmpty() throws {
        let folder = try TemporaryFolder()
        let query = "incidents where category = \"Vold\" group by library, halfyear pivot halfyear suppress below 5"
        let r = try TrygBinary.run(["--format", "csv", "-c", query + " to \"vold.xlsx\""], directory: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("suppressed"), "the note says how many cells were suppressed: \(r.stderr)")
        let back = try WorkbookEndToEndTests.csv(ofSheet: "Resultat 1", in: folder.path + "/vold.xlsx", query: "vold")
        let direct = try TrygBinary.run(["--format", "csv", "-c", query]).stdout
        #expect(back == direct, "\(back.prefix(300))\n---\n\(direct.prefix(300))")
        #expect(direct.contains(",,"), "some cells are suppressed (null): \(direct.prefix(300))")
        // The result is shown as well as written (LANGUAGE.md: "as well as show it").
        #expect(r.stdout == direct, "\(r.stdout.prefix(300))")
    }

    /// `to "FILE.csv"` and `to "FILE.json"` write the result in that format, as the output
    /// modes would, and show it too; a chart's image is written in json mode as in the others.
    @Test func toWritesCSVAndJSONByTheExtension() throws {
        let folder = try TemporaryFolder()
        let query = "libraries select name, effort_start, district order by name"
        let r = try TrygBinary.run(["--format", "csv", "-c", query + " to \"libs.csv\"", "-c", "let v = " + query + " to \"libs.json\""],
                                   directory: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try TrygBinary.run(["--format", "csv", "-c", query]).stdout
        let json = try TrygBinary.run(["--format", "json", "-c", query]).stdout
        #expect(try String(contentsOfFile: folder.path + "/libs.csv", encoding: .utf8) == csv)
        #expect(try String(contentsOfFile: folder.path + "/libs.json", encoding: .utf8) == json)
        #expect(r.stdout == csv, "shown as well: \(r.stdout.prefix(200))")
        let chart = try TrygBinary.run(["--format", "json", "-c", "incidents group by halfyear chart bar to \"c.svg\""],
                                       directory: folder.path)
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/c.svg"), "the chart's image in json mode")
    }

    @Test func exportTableWritesTheLastResult() throws {
        let folder = try TemporaryFolder()
        let r = try TrygBinary.run(["-c", "libraries select name, effort_start order by name", "-c", ".export table libs.xlsx"],
                                   directory: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        let back = try WorkbookEndToEndTests.csv(ofSheet: "Resultat 1", in: folder.path + "/libs.xlsx", query: "libs")
        let direct = try TrygBinary.run(["--format", "csv", "-c", "libraries select name, effort_start order by name"]).stdout
        #expect(back == direct)
    }

    @Test func outputSendsTextFormatsToAFile() throws {
        let folder = try TemporaryFolder()
        let r = try TrygBinary.run(["--format", "csv", "-o", "count.csv", "-c", "incidents count"], directory: folder.path)
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let direct = try TrygBinary.run(["--format", "csv", "-c", "incidents count"]).stdout
        #expect(try String(contentsOfFile: folder.path + "/count.csv", encoding: .utf8) == direct)
    }

    @Test func mistakesAreErrorsAndWriteNothing() throws {
        let folder = try TemporaryFolder()
        let noOutput = try TrygBinary.run(["--format", "xlsx", "-c", "incidents count"])
        #expect(noOutput.status == 2 && noOutput.stderr.contains("--output FILE.xlsx"), "\(noOutput.stderr)")
        let png = try TrygBinary.run(["-c", "incidents count to \"x.png\""], directory: folder.path)
        #expect(png.status == 1 && png.stderr.contains("name the file .csv, .json or .xlsx"), "\(png.stderr)")
        let csv = try TrygBinary.run(["-c", "incidents count", "-c", ".export table x.csv"], directory: folder.path)
        #expect(csv.status == 1 && csv.stderr.contains(".xlsx"), "\(csv.stderr)")
        let nothing = try TrygBinary.run(["-c", ".export table x.xlsx"], directory: folder.path)
        #expect(nothing.status == 1 && nothing.stderr.contains("no result to export yet"), "\(nothing.stderr)")
        let missing = try TrygBinary.run(["-c", "incidents count to \"no/such/folder/x.xlsx\""], directory: folder.path)
        #expect(missing.status == 1 && missing.stderr.contains("cannot write the workbook"), "\(missing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func toEndsAQueryAndNamesTheWorkbook() throws {
        let session = Session(catalog: TestTables.catalog())
        guard case .rows(let r) = try session.execute("libraries count to \"tæller.xlsx\"") else {
            Issue.record("expected rows")
            return
        }
        #expect(r.outputFile == "tæller.xlsx")
        guard case .stored(_, let kept) = try session.execute("let n = libraries count to \"n.XLSX\"") else {
            Issue.record("expected a kept table")
            return
        }
        #expect(kept.outputFile == "n.XLSX")
        for bad in ["(libraries to \"a.xlsx\") count", "explain libraries count to \"a.xlsx\"",
                    "libraries count to \"a.txt\"", "libraries count to a.xlsx", "libraries count to \"a.xlsx\" count"] {
            #expect(throws: Diagnostic.self, "\(bad)") { try session.execute(bad) }
        }
    }

    @Test func aSheetCommentNamesTheStatementBelow() {
        let items = ScriptSplitter.split("-- sheet: Første ark\nincidents count\n\n#  Sheet:  To \nlibraries count\n-- a comment\nsurvey count\n")
        #expect(items.map(\.sheet) == ["Første ark", "To", nil])
    }

    @Test func sheetNamesAreSanitisedAndUnique() {
        #expect(WorkbookExport.sheetNames(["a/b:c", "A_B_C", nil, "", "History", "'quoted'"])
                == ["a_b_c", "A_B_C (2)", "Resultat 3", "Resultat 4", "Resultat 5", "quoted"])
        let long = String(repeating: "æ", count: 40)
        #expect(WorkbookExport.sheetNames([long, long]) == [String(repeating: "æ", count: 31), String(repeating: "æ", count: 27) + " (2)"])
        #expect(WorkbookExport.sheetNames([String(repeating: "😀", count: 20)])[0].utf16.count <= 31)
    }

    @Test func randomSheetNamesAreAcceptedAndReadBack() throws {
        var random = WorkbookRandom(seed: 31)
        let alphabet = Array("ab Æø[]:*?/\\'😀\t-") + ["e\u{301}"]
        for round in 0..<20 {
            let wanted: [String?] = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? nil
                    : String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            }
            let names = WorkbookExport.sheetNames(wanted)
            for name in names {
                #expect(!name.isEmpty && name.utf16.count <= 31 && !name.contains { WorkbookSheetName.forbidden.contains($0) })
                #expect(!name.hasPrefix("'") && !name.hasSuffix("'"))
            }
            #expect(Set(names.map { $0.lowercased() }).count == names.count, "unique: \(names)")
            let folder = try TemporaryFolder()
            let table = TestTables.table("t", [("x", .int, [.int(Int64(round))])])
            try WorkbookExport.write(names.map { WorkbookSheet(name: $0, table: table, suppression: nil) }, to: folder.path + "/n.xlsx")
            #expect(try XLSXReader.sheets(path: folder.path + "/n.xlsx").map(\.name) == names, "round \(round): \(wanted)")
        }
    }
}
