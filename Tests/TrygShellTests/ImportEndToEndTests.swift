import Foundation
import Testing

/// `.import`, `.sheets` and `--data` through the built binary, on the import fixtures.
@Suite struct ImportEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TrygImportTests/ImportFixtures").path

    func fixture(_ name: String) -> String { ImportEndToEndTests.fixtures + "/" + name }

    @Test func danishExcelExportInOneCommand() throws {
        let r = try TrygBinary.run(["--format", "csv"], stdin: """
            .import \(fixture("haendelser-excel.csv")) as h null ukendt
            h where Alvorlighed >= 4 and `Politi tilkaldt` group by Bibliotek compute count, round(sum(`Skade (kr.)`)) as skade order by Bibliotek limit 2
            h_rejects select line, reason

            """)
        #expect(r.status == 0, "\(r.stderr)")
        // A script gets the summary and a line for each thing to know, on standard error.
        #expect(r.stderr == """
            h: 149 rows loaded, 1 rejected — see h_rejects
              note: Alvorlighed: 1 missing-value marker (NULL, N/A, NA, -, ukendt) read as null

            """)
        #expect(r.stdout.hasPrefix("Bibliotek,count,skade\n"))
        #expect(r.stdout.contains("""
            line,reason
            89,"expected 9 fields, found 11"
            """))
    }

    @Test func workbookSheetsAndASheetByName() throws {
        let r = try TrygBinary.run(["--format", "csv"], stdin: """
            .sheets \(fixture("arbejdsbog.xlsx"))
            .import \(fixture("arbejdsbog.xlsx")) sheet Tryghed as tryg
            tryg where safety >= "tryg" count

            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("""
            sheet,rows,columns,hidden
            Hændelser,122,9,false
            Tryghed,31,3,false
            Opslag,2,2,true
            """))
        #expect(r.stdout.hasSuffix("count\n11\n"))
        #expect(r.stderr == "tryg: 30 rows loaded\n")
    }

    @Test func dataTakesAFileAndFormatOptions() throws {
        let r = try TrygBinary.run(["--data", fixture("no-header.tsv"), "--header", "no", "--type", "column_1=decimal",
                                    "--format", "csv", "-c", "`no-header` select column_1, column_3 limit 2"])
        #expect(r.status == 0, "\(r.stderr)")
        // A decimal keeps the decimals its values were written with: none here.
        #expect(r.stdout == "column_1,column_3\n1,Vesterbro\n2,Nørrebro\n")
        let bad = try TrygBinary.run(["--data", fixture("no-header.tsv"), "--header", "maybe", "-c", "x"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("tryg: --header must be yes or no, not 'maybe'"))
    }

    @Test func dataFolderMixesCSVFilesAndWorkbooks() throws {
        let folder = try TemporaryFolder()
        for name in ["haendelser-excel.csv", "arbejdsbog.xlsx"] {
            try FileManager.default.copyItem(atPath: fixture(name), toPath: folder.path + "/" + name)
        }
        let r = try TrygBinary.run(["--data", folder.path, "--delimiter", ";", "--format", "csv", "-c", ".tables"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            table,rows,columns
            arbejdsbog,119,9
            arbejdsbog_rejects,2,4
            haendelser-excel,149,9
            haendelser-excel_rejects,1,4

            """)
        // Every file of --data reports its summary and what to know; --quiet leaves that out.
        #expect(r.stderr.contains("arbejdsbog: 119 rows loaded, 2 rejected — see arbejdsbog_rejects\n"))
        #expect(r.stderr.contains("  note: Alvorlighed: text: 1 of 149 values is not numbers, the first 'ukendt'\n"))
        let quiet = try TrygBinary.run(["--data", folder.path, "--delimiter", ";", "--quiet", "-c", ".tables"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func aWholeFileProblemIsOneError() throws {
        let broken = try TrygBinary.run([], stdin: ".import \(fixture("broken-utf8.csv")) as b\n")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("error: invalid UTF-8 at byte 49 (save the file as UTF-8)"))
        #expect(broken.stderr.contains("broken-utf8.csv:5:3"))
        let xlsxAsCSV = try TrygBinary.run([], stdin: ".import \(fixture("arbejdsbog.xlsx")) delimiter ;\n")
        #expect(xlsxAsCSV.status == 1)
        #expect(xlsxAsCSV.stderr.contains("error: delimiter is for CSV files; a workbook's cells carry their own format"))
    }

    @Test func reimportWithoutRejectsDropsTheOldRejects() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("t.csv", "a,b\n1,2\n3,4,5\n")
        let fixed = try folder.write("t2.csv", "a,b\n1,2\n3,4\n")
        let r = try TrygBinary.run(["--format", "csv"], stdin: """
            .import \(first)
            .tables
            .import \(fixed) as t
            .tables

            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("t_rejects,1,4"))
        let afterSecond = r.stdout.components(separatedBy: "table,rows,columns").last ?? ""
        #expect(afterSecond.contains("t,2,2") && !afterSecond.contains("t_rejects"))
    }
}
