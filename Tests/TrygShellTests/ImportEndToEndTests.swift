import Foundation
import Testing
import TrygEngine
import TrygShell

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
              note: halfyear, season, year, month, week, weekday and hour come from Tidspunkt, one of 2 date columns; for Dato, write halfyear(Dato), year(Dato) …

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
                                    "--format", "csv", "-c", "no_header select column_1, column_3 limit 2"])
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
            haendelser_excel,149,9
            haendelser_excel_rejects,1,4

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

    /// A file name with spaces or `-` names a table by a plain identifier, and the load says so;
    /// `.import` takes the path in quotes.
    @Test func aFileNameWithSpacesNamesAPlainTable() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("mine data-2025.csv", "a,b\n1,2\n3,4\n")
        let r = try TrygBinary.run(["--data", folder.path, "--format", "csv", "-c", "mine_data_2025 compute sum(b)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "sum_b\n6\n" || r.stdout.hasSuffix("\n6\n"), "\(r.stdout)")
        #expect(r.stderr.contains("the table is named mine_data_2025"), "\(r.stderr)")
        let quoted = try TrygBinary.run(["--format", "csv", "-c", ".import \"\(folder.path)/mine data-2025.csv\"\nmine_data_2025 count"])
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(quoted.stdout.hasSuffix("\n2\n"), "\(quoted.stdout)")
        let unquoted = try TrygBinary.run(["-c", ".import \(folder.path)/mine data-2025.csv"])
        #expect(unquoted.status != 0)
        #expect(unquoted.stderr.contains("a path with spaces goes in quotes: .import \"\(folder.path)/mine data-2025.csv\""), "\(unquoted.stderr)")
    }

    /// Files whose names make one table name (`a-b.csv` and `a_b.csv`, `x.csv` and `x.xlsx`'s
    /// kin `x.tsv`) each make a table: a file named so already keeps the name, the others take
    /// `_2`, `_3` in name order, and say why.
    @Test func filesWhoseNamesMakeOneTableNameEachMakeATable() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("a-b.csv", "x\n1\n")
        _ = try folder.write("a_b.csv", "y\n2\n3\n")
        _ = try folder.write("a b.tsv", "z\n4\n5\n6\n")
        let r = try TrygBinary.run(["--data", folder.path, "--format", "csv", "-c", "a_b count", "-c", "a_b_2 count", "-c", "a_b_3 count"])
        #expect(r.status == 0, "\(r.stderr)")
        // a_b.csv keeps its name; then name order: "a b.tsv", "a-b.csv".
        #expect(r.stdout == "count\n2\n\ncount\n3\n\ncount\n1\n", "\(r.stdout)")
        #expect(r.stderr.contains("the table is named a_b_2 (another file of the folder is named a_b too"), "\(r.stderr)")
        #expect(r.stderr.contains("the table is named a_b_3"), "\(r.stderr)")
    }

    /// A table of two date columns says which one its calendar columns come from.
    @Test func twoDateColumnsNameTheOneTheCalendarComesFrom() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("sager.csv", "id,lukket,oprettet\n1,2024-09-01,2024-03-01\n2,2025-02-01,2024-10-05\n")
        _ = try folder.write("en.csv", "id,dato\n1,2024-09-01\n")
        let r = try TrygBinary.run(["--data", folder.path, "--format", "csv", "-c", "sager group by halfyear"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: halfyear, season, year, month, week and weekday come from lukket, one of 2 date columns;"
                                  + " for oprettet, write halfyear(oprettet), year(oprettet) …"), "\(r.stderr)")
        #expect(r.stdout == "halfyear,count\nsommer 2024,1\nvinter 2024/25,1\n", "\(r.stdout)")
        #expect(r.stderr.components(separatedBy: "come from").count == 2, "one note, for sager alone: \(r.stderr)")
    }

    @Test(arguments: [("mine data-2025", "mine_data_2025"), ("Hændelser 2024 (ny)", "Hændelser_2024_ny"), ("2025", "t_2025"),
                      ("--", "data"), ("a__b", "a__b"), ("incidents", "incidents")])
    func tableNamesArePlainIdentifiers(file: String, name: String) {
        #expect(DataLoader.tableName(forFile: "/x/" + file + ".csv") == name)
    }

    @Test func tableNamesOfAnyFileNameArePlain() {
        let pieces = ["a", "ø", " ", "-", ".", "1", "_", "(", "é", "😀", "\u{301}", "#", "`"]
        for _ in 0..<300 {
            let base = (0..<Int.random(in: 1...10)).map { _ in pieces.randomElement() ?? "a" }.joined()
            let name = DataLoader.tableName(forFile: base + ".csv")
            let scan = Lexer.scan(name)
            #expect(scan.tokens.count == 1 && scan.tokens.first?.kind == .word(name), "\(base) -> \(name)")
        }
    }

    /// One file of a --data folder that cannot be loaded (a workbook that is not a zip) does not
    /// keep the others out: each failure is reported with its file; a script stops with status 1
    /// before its statements, and with --keep-going runs them on the other tables and still
    /// exits 1. The shell on a terminal starts with the tables that loaded.
    @Test func aFileOfTheFolderThatFailsLeavesTheOthers() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("a.csv", "id,library\n1,Valby\n2,Sundby\n")
        _ = try folder.write("b.xlsx", "this is not a workbook\n")
        _ = try folder.write("c.csv", "n\n7\n")
        let stopped = try TrygBinary.run(["--data", folder.path, "-c", "a count"])
        #expect(stopped.status == 1)
        #expect(stopped.stdout.isEmpty)
        #expect(stopped.stderr.contains("b.xlsx"), "\(stopped.stderr)")
        let going = try TrygBinary.run(["--data", folder.path, "--keep-going", "--format", "csv", "-c", "a count", "-c", "c count"])
        #expect(going.status == 1)
        #expect(going.stdout == "count\n2\n\ncount\n1\n", "\(going.stderr)")
        #expect(going.stderr.contains("b.xlsx"))
        let home = try TemporaryFolder()
        let tty = try PseudoTerminal(TrygBinary.path, arguments: ["--data", folder.path], environment: [
            "TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
            "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin",
        ])
        #expect(tty.expect("b.xlsx"), "\(tty.transcript)")
        #expect(tty.expect("the other tables are ready"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "), "\(tty.transcript)")
        tty.send("c count\r")
        #expect(tty.expect("1"), "\(tty.transcript)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0, "\(tty.transcript)")
    }

    @Test func anEmptyDataFolderSaysSo() throws {
        let folder = try TemporaryFolder()
        let r = try TrygBinary.run(["--data", folder.path, "-c", ".tables"])
        #expect(r.stderr.contains("no data files (*.csv, *.tsv, *.xlsx) in '\(folder.path)'"), "\(r.stderr)")
    }
}
