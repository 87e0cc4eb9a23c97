import Foundation
import Testing
import TrygEngine
import TrygShell

/// The interactive shell on a real pseudo-terminal: completion, history, Ctrl-C, Ctrl-D.
@Suite(.serialized) struct TerminalTests {
    let home: TemporaryFolder
    let data: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        data = try TestData.folder()
    }

    var historyPath: String { home.path + "/state/tryg/history" }

    func start(_ extra: [String] = [], columns: UInt16 = 100) throws -> PseudoTerminal {
        try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"] + extra, environment: [
            "TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
            "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin",
        ], columns: columns)
    }

    @Test func welcomeAndPrompt() throws {
        let tty = try start()
        #expect(tty.expect("incidents"), "\(tty.transcript)")
        #expect(tty.expect(".help"))
        #expect(tty.expect("tryg> "))
    }

    @Test func tabCompletesATableName() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incid\t")
        #expect(tty.expect("incidents "), "\(tty.unread)")
        tty.send("count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test func tabCompletesAColumn() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where sever\t")
        #expect(tty.expect("severity "), "\(tty.unread)")
        tty.send(">= 4 count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test func tabCompletesAValueInQuotes() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where library = \"Bl\t")
        #expect(tty.expect("Blågården\""), "\(tty.unread)")
    }

    @Test func tabAfterASourceAndADotCompletesOnlyTheColumn() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents join libraries on library = name group by libraries.dis\t")
        #expect(tty.expect("libraries.district "), "\(tty.unread)")
        #expect(!tty.transcript.contains("libraries.libraries"))
        tty.send("\r")
        #expect(tty.expect("2 rows"), "\(tty.unread)")
    }

    /// Readline shows the candidates in the completer's order, read across the rows: a scale's
    /// answers in scale order, on one line or (at 40 columns) several.
    /// Tab Tab lists functions with their arguments (`median(x)`); a column is listed as it is,
    /// and the line keeps what was typed.
    @Test func tabListsFunctionsWithTheirArguments() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents compute m\t\t")
        #expect(tty.expect("median(x)"), "\(tty.transcript)")
        #expect(tty.expect("tryg> incidents compute m"), "\(tty.transcript)")
        tty.send("edian(severity)\r")
        #expect(tty.expect("median"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "), "\(tty.transcript)")
    }

    @Test(arguments: [100, 40] as [UInt16])
    func tabListsAScaleInItsOrder(columns: UInt16) throws {
        try data.write("data/survey.csv", "respondent,safety\n1,tryg\n2,meget utryg\n3,hverken/eller\n4,meget tryg\n5,utryg\n")
        let tty = try start(columns: columns)
        #expect(tty.expect("tryg> "))
        tty.send("survey where safety = \"\t\t")
        #expect(tty.expect("hverken/eller"), "\(tty.transcript)")
        #expect(tty.expect("tryg> survey where safety = \""), "\(tty.transcript)")
        // The listing between the typed line and the prompt drawn again, in reading order.
        let text = tty.transcript
        let start = try #require(text.range(of: "meget utryg"))
        let end = try #require(text.range(of: "tryg> ", range: start.upperBound..<text.endIndex))
        let shown = text[start.lowerBound..<end.lowerBound]
            .components(separatedBy: CharacterSet(charactersIn: "\r\n"))
            .flatMap { $0.components(separatedBy: "  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(shown == ["meget utryg", "utryg", "hverken/eller", "tryg", "meget tryg"], "\(shown)")
    }

    @Test func upRecallsThePreviousLine() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        #expect(tty.expect("tryg> "))
        tty.send("\u{1B}[A")
        #expect(tty.expect("libraries count"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test func continuationPrompt() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        tty.send("count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test func continuationPromptShowsWhatIsOpen() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where library = \"Bl\r")
        #expect(tty.expect("\"..> "), "\(tty.unread)")
        tty.send("\u{03}")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("incidents where severity in (4,\r")
        #expect(tty.expect("(..> "), "\(tty.unread)")
        tty.send("5) count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test func ctrlDAtAnOpenStringDropsItWithANoteAndASecondLeaves() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where library = \"Blå\r")
        #expect(tty.expect("\"..> "), "\(tty.unread)")
        tty.send("\u{04}")
        #expect(tty.expect("statement not run: the string opened with \" on line 1 is not closed"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("\u{1B}[A")
        #expect(tty.expect("incidents where library = \"Blå"), "\(tty.unread)")
        tty.send("\u{03}")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("\u{04}")
        #expect(tty.waitForExit() == 0)
    }

    @Test func aMultiLineStatementIsOneHistoryEntryAcrossARestart() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents count\r")
        #expect(tty.expect("1 row"))
        tty.send("libraries |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        tty.send("where name != \"a\\\\b\" |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        tty.send("count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(saved.split(separator: "\n").contains("libraries |\\nwhere name != \"a\\\\\\\\b\" |\\ncount"), "\(saved)")

        let again = try start()
        #expect(again.expect("tryg> "))
        again.send("\u{1B}[A\u{1B}[A")
        #expect(again.expect("count"), "\(again.unread)")
        again.send("\r")
        #expect(again.expect("1 row"), "\(again.unread)")
    }

    @Test func ctrlCAtThePromptGivesAFreshPrompt() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents wh")
        #expect(tty.expect("incidents wh"))
        tty.send("\u{03}")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    /// A statement typed at once after Ctrl-C is the next line, whole: no key of it goes into
    /// the interrupted line (readline's polling took the first key typed within 0.1 s after it).
    /// Ctrl-C with and without text before it, sent apart and in one write with the statement.
    @Test func aStatementTypedRightAfterCtrlCRunsWhole() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        for i in 0..<12 {
            if i % 3 != 0 {
                tty.send("incidents wh")
                #expect(tty.expect("incidents wh"), "\(tty.unread)")
            }
            // The result (1000 + i + 1) is not in the echoed text (`1000 + i + 1`).
            let statement = "libraries derive k = \(1000 + i) + 1 select k limit 1\r"
            if i % 2 == 0 {
                tty.send("\u{03}" + statement)
            } else {
                tty.send("\u{03}")
                tty.send(statement)
            }
            #expect(tty.expect("\(1001 + i)", timeout: 5), "\(i): \(tty.unread)")
            #expect(tty.expect("1 row"), "\(i): \(tty.unread)")
            #expect(tty.expect("tryg> "), "\(i): \(tty.unread)")
        }
        #expect(!tty.transcript.contains("error"), "\(tty.transcript)")
    }

    /// Tab completes a path two folders deep without repeating a folder (`queries/queries/…`),
    /// absolute as typed, and quotes a name with a space; the completed `.read` runs the script.
    @Test func pathCompletionTwoFoldersDeep() throws {
        try data.write("scripts/deep/F4-count.tryg", "libraries derive k = 4000 + 4 select k limit 1\n")
        try data.write("scripts/deep/my count.tryg", "libraries derive k = 5000 + 5 select k limit 1\n")
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send(".read \(data.path)/scripts/de\t")
        #expect(tty.expect("\(data.path)/scripts/deep/"), "\(tty.unread)")
        tty.send("F4\t")
        #expect(tty.expect("F4-count.tryg"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("4004"), "\(tty.unread)")
        tty.send(".read \(data.path)/scripts/deep/my\t")
        #expect(tty.expect("my count.tryg"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("5005"), "\(tty.unread)")
        #expect(!tty.transcript.contains("deep/scripts") && !tty.transcript.contains("deep/deep"), "\(tty.transcript)")
    }

    /// `.help` at a 60-column terminal: every line fits (the shell wraps it, at word
    /// boundaries), and `(less -SRFX)` stays on one line.
    @Test func helpFitsASixtyColumnTerminal() throws {
        let tty = try start(columns: 60)
        #expect(tty.expect("tryg> "))
        tty.send(".pager off\r")
        #expect(tty.expect("tryg> "))
        tty.send(".help\r")
        #expect(tty.expect("Shell commands:"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        let transcript = tty.transcript
        let start = try #require(transcript.range(of: "Shell commands:"))
        let end = try #require(transcript.range(of: "tryg> ", options: .backwards))
        let lines = transcript[start.lowerBound..<end.lowerBound].components(separatedBy: "\r\n")
        #expect(lines.count > 20)
        for line in lines { #expect(DisplayWidth.of(line) < 60, "\(line)") }
        #expect(lines.contains { $0.contains("(less -SRFX)") }, "\(lines)")
    }

    /// At 60 columns an error on a line longer than the screen quotes the line cut to fit, and
    /// the caret is under the fault (not on a row the terminal wrapped).
    @Test func theCaretOfAnErrorOnALongLineIsUnderTheFault() throws {
        let tty = try start(columns: 60)
        #expect(tty.expect("tryg> "))
        tty.send("incidents where library = \"Blågården\" and severity >= 4 and severty > 2 count\r")
        #expect(tty.expect("'severity'?"), "\(tty.unread)")
        let lines = tty.transcript.components(separatedBy: "\r\n")
        let quoted = try #require(lines.lastIndex { $0.hasPrefix("1 | ") && $0.contains("severty") }, "\(tty.transcript)")
        let shown = Array(lines[quoted]), carets = Array(lines[quoted + 1])
        #expect(shown.count < 60, "\(lines[quoted])")
        let column = try #require(carets.firstIndex(of: "^"), "\(lines[quoted + 1])")
        #expect(column + 7 <= shown.count && String(shown[column..<column + 7]) == "severty",
                "\(lines[quoted])\n\(lines[quoted + 1])")
    }

    /// Ctrl-D at the end of a continuation line with text drops the statement with the note, as
    /// at an empty continuation prompt; in the middle of a line it deletes; a second Ctrl-D leaves.
    @Test func ctrlDAtTheEndOfAContinuationLineDropsTheStatement() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        tty.send("count")
        #expect(tty.expect("count"), "\(tty.unread)")
        tty.send("\u{04}")
        #expect(tty.expect("statement not run: it ends in the middle (line 1)"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        // Recalled whole, with the line typed before Ctrl-D.
        tty.send("\u{1B}[A")
        #expect(tty.expect("count"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        // In the middle of a continuation line Ctrl-D deletes the character under the cursor.
        tty.send("libraries |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        tty.send("countx\u{1B}[D\u{04}\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("\u{04}")
        #expect(tty.waitForExit() == 0)
    }

    @Test func ctrlDExitsAndSavesHistory() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        #expect(tty.expect("tryg> "))
        tty.send("\u{04}")
        #expect(tty.waitForExit() == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let history = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(history.contains("libraries count"))
    }

    @Test func quitCommandExits() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
    }

    // Needs the engine to poll the cancellation flag during a long query.
    @Test func ctrlCCancelsARunningQuery() throws {
        let rows = (1...400_000).map { "\($0),\($0 % 97),\($0 % 5)" }.joined(separator: "\n")
        try data.write("data/big.csv", "id,k,v\n" + rows + "\n")
        let tty = try start()
        #expect(tty.expect("tryg> ", timeout: 60))
        tty.send("big group by id compute sum(v) order by id desc\r")
        Thread.sleep(forTimeInterval: 0.2)
        tty.send("\u{03}")
        #expect(tty.expect("cancelled", timeout: 15), "\(tty.unread)")
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }
}

/// Loading at the shell: the report of what was found, and Ctrl-C during a load.
@Suite(.serialized) struct ImportTerminalTests {
    let home: TemporaryFolder
    let data: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        data = try TestData.folder()
    }

    func start(columns: UInt16 = 100) throws -> PseudoTerminal {
        try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"], environment: [
            "TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
            "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin",
        ], columns: columns)
    }

    /// At 60 columns the report and the note on the table's name are wrapped at word
    /// boundaries by the shell, not broken mid-word by the terminal.
    @Test func theImportReportIsWrappedToANarrowTerminal() throws {
        let header = "id,reported_at,library,category,severity,police_called,during_self_service,description"
        try data.write("mine data-2025.csv", header + "\n1,2025-01-02 10:00,Blågården,Vold,4,true,false,Lang tekst\n")
        let tty = try start(columns: 60)
        #expect(tty.expect("tryg> ", timeout: 60))
        tty.send(".import \"\(data.path)/mine data-2025.csv\"\r")
        #expect(tty.expect("mine_data_2025: 1 row loaded"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        let transcript = tty.transcript
        let start = try #require(transcript.range(of: "mine_data_2025: 1 row loaded"))
        let end = try #require(transcript.range(of: "tryg> ", options: .backwards))
        let report = transcript[start.lowerBound..<end.lowerBound]
        let lines = report.components(separatedBy: "\r\n")
        for line in lines { #expect(DisplayWidth.of(line) < 60, "\(line)\n\(report)") }
        #expect(lines.contains { $0.contains("named mine_data_2025") }, "\(report)")
        // The columns line goes on under its values, not under its label.
        #expect(lines.contains { $0.hasPrefix(String(repeating: " ", count: 13)) && $0.dropFirst(13).first != " " }, "\(report)")
    }

    @Test func importShowsWhatWasFound() throws {
        try data.write("excel.csv", "\u{FEFF}Id;Beløb;Dato\r\n1;1.234,50;24-11-2025\r\n2;3,5;25-11-2025\r\n")
        let tty = try start()
        #expect(tty.expect("tryg> ", timeout: 60))
        tty.send(".import \(data.path)/excel.csv\r")
        #expect(tty.expect("excel: 2 rows loaded"), "\(tty.unread)")
        #expect(tty.expect("encoding   UTF-8 with a byte order mark"), "\(tty.unread)")
        #expect(tty.expect("delimiter  ';'"), "\(tty.unread)")
        #expect(tty.expect("numbers    decimal comma, thousands '.'"), "\(tty.unread)")
        #expect(tty.expect("columns    Id int, Beløb decimal, Dato date"), "\(tty.unread)")
    }

    // Needs a load longer than a second: 1.5 million rows take seconds in a debug build.
    @Test func aLongLoadShowsItsProgressAndErasesIt() throws {
        let rows = (1...1_500_000).map { "\($0),\($0 % 97),Nørrebro \($0 % 50)" }.joined(separator: "\n")
        try data.write("slow.csv", "id,k,note\n" + rows + "\n")
        let tty = try start()
        #expect(tty.expect("tryg> ", timeout: 60))
        tty.send(".import \(data.path)/slow.csv\r")
        #expect(tty.expect("slow.csv ▕", timeout: 30), "\(tty.unread)")
        #expect(tty.expect(" rows · ", timeout: 5), "\(tty.unread)")
        // Erased (carriage return, erase line) before the report is written.
        #expect(tty.expect("\r\u{1B}[Kslow: 1,500,000 rows loaded", timeout: 60), "\(tty.unread)")
    }

    // Needs a load long enough to interrupt: 1.5 million rows take seconds in a debug build.
    @Test func ctrlCCancelsALoadAndKeepsNothing() throws {
        let rows = (1...1_500_000).map { "\($0),\($0 % 97),Nørrebro \($0 % 50)" }.joined(separator: "\n")
        try data.write("big.csv", "id,k,note\n" + rows + "\n")
        let tty = try start()
        #expect(tty.expect("tryg> ", timeout: 60))
        tty.send(".import \(data.path)/big.csv\r")
        Thread.sleep(forTimeInterval: 0.3)
        tty.send("\u{03}")
        #expect(tty.expect("load cancelled; nothing was loaded", timeout: 30), "\(tty.unread)")
        #expect(tty.expect("tryg> "))
        tty.send(".tables\r")
        #expect(tty.expect("libraries"), "\(tty.unread)")
        #expect(!tty.unread.contains("big"))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }
}
