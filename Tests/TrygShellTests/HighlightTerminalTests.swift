import Foundation
import Testing

/// Highlighting at a real prompt: colour codes on a colour terminal, none with NO_COLOR, a dumb
/// terminal or `.highlight off`; editing, completion and history still work with it on.
@Suite(.serialized) struct HighlightTerminalTests {
    let home: TemporaryFolder
    let data: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        data = try TestData.folder()
    }

    func start(_ environment: [String: String] = [:], columns: UInt16 = 100) throws -> PseudoTerminal {
        var env = ["TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
                   "LANG": "C.UTF-8", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        return try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"], environment: env,
                                  columns: columns)
    }

    /// The keyword `where` in its colour, the column `severity`, the number and the string.
    static let keyword = "\u{1B}[1;32mwhere\u{1B}[0m"
    static let column = "\u{1B}[36mseverity\u{1B}[0m"

    @Test func aColourTerminalShowsTheLineInColour() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where severity >= 4 and library = \"Blå")
        #expect(tty.expect(Self.keyword), "\(tty.unread.debugDescription)")
        #expect(tty.expect(Self.column), "\(tty.unread.debugDescription)")
        #expect(tty.expect("\u{1B}[35m4\u{1B}[0m"), "\(tty.unread.debugDescription)")
        // The string not yet closed is underlined as an error; closed, it is a string.
        #expect(tty.expect("\u{1B}[4;31m\"Blå\u{1B}[0m"), "\(tty.unread.debugDescription)")
        tty.send("gården\"")
        #expect(tty.expect("\u{1B}[33m\"Blågården\"\u{1B}[0m"), "\(tty.unread.debugDescription)")
        tty.send(" count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
    func noColourWithoutAColourTerminal(environment: [String: String]) throws {
        let tty = try start(environment)
        #expect(tty.expect("tryg> "))
        tty.send("incidents where severity >= 4 count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        #expect(!tty.transcript.contains("\u{1B}[1;32m"), "\(tty.transcript.debugDescription)")
        #expect(!tty.transcript.contains("\u{1B}[36m"), "\(tty.transcript.debugDescription)")
        tty.send(".highlight\r")
        #expect(tty.expect("on (inactive: "), "\(tty.unread)")
    }

    @Test func highlightOffStopsTheColour() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send(".highlight off\r")
        #expect(tty.expect("tryg> "))
        tty.send("incidents where severity >= 4 count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        #expect(!tty.transcript.contains(Self.keyword), "\(tty.transcript.debugDescription)")
        tty.send(".highlight\r")
        #expect(tty.expect("highlight  off"), "\(tty.unread)")
        tty.send(".highlight on\r")
        #expect(tty.expect("tryg> "))
        tty.send("incidents where")
        #expect(tty.expect(Self.keyword), "\(tty.unread.debugDescription)")
    }

    /// Completion, history recall of a statement typed over two lines and continuation prompts,
    /// all with highlighting on.
    @Test func editingStillWorksWithColour() throws {
        let tty = try start()
        #expect(tty.expect("tryg> "))
        tty.send("incidents where sever\t")
        #expect(tty.expect(Self.column), "\(tty.unread.debugDescription)")
        tty.send(">= 4 |\r")
        #expect(tty.expect("...> "), "\(tty.unread)")
        // The continuation line knows the statement's columns.
        tty.send("where severity")
        #expect(tty.expect(Self.column), "\(tty.unread.debugDescription)")
        tty.send(" < 5 count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        tty.send("\u{1B}[A")
        #expect(tty.expect("where severity"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
    }

    /// At 60 columns a line with æ, ø and å wraps; editing in its middle leaves the text as typed.
    @Test func aWrappedDanishLineEditsInPlace() throws {
        let tty = try start(columns: 60)
        #expect(tty.expect("tryg> "))
        tty.send("incidents where library in (\"Blågården\", \"Østerbro\", \"Nørrebro\") count")
        #expect(tty.expect("count"), "\(tty.unread)")
        // To the start, forward one word, a word inserted, then run: the statement is intact.
        tty.send("\u{01}\u{1B}f derive x = 1")
        #expect(tty.expect("x"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        let history = try String(contentsOfFile: home.path + "/state/tryg/history", encoding: .utf8)
        #expect(history.contains("incidents derive x = 1 where library in (\"Blågården\", \"Østerbro\", \"Nørrebro\") count"),
                "\(history)")
    }
}
