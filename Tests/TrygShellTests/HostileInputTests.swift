import Foundation
import Testing

/// The hostile-input corpus: each input runs through `-c`, a script file, standard input and
/// the interactive shell on a pseudo-terminal. Each must end by itself within a generous
/// timeout, with no signal, a documented exit status and the message that explains it.
@Suite(.serialized) struct HostileInputTests {
    /// One hostile input and what tryg must say about it.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        /// Script lines; `DATA` is replaced by the data folder.
        let lines: [String]
        /// Exit status of a script run (the interactive shell goes on and ends with 0).
        let status: Int32
        /// Text the error stream (or the terminal) must show.
        let message: String
        /// Runs through `-c` too (arguments cannot carry every byte).
        var viaArgument = true
        /// Command-line arguments besides the data folder.
        var arguments: [String] = []
        /// Typed at the prompt too (control characters typed there are readline's editing keys,
        /// not input for tryg: ESC starts a key sequence, so those cases run only from files and pipes).
        var viaTerminal = true
        /// At the prompt the statement ends (a string left open waits for more lines instead).
        var endsAtThePrompt = true
        var description: String { name }
    }

    static let corpus: [Case] = [
        Case(name: "an unknown parameter as an .output path", lines: [".output $nowhere", "incidents count"],
             status: 1, message: "no value for parameter $nowhere"),
        Case(name: "an unknown parameter in an image path", lines: ["incidents group by library count chart bar",
                                                                     ".export chart $f.png"],
             status: 1, message: "no value for parameter $f"),
        Case(name: "an unknown parameter as an import path", lines: [".import $data/x.csv"],
             status: 1, message: "no value for parameter $data"),
        Case(name: "a string left open", lines: ["incidents where library = \"Blå"], status: 1, message: "error",
             endsAtThePrompt: false),
        Case(name: "escape sequences in a query", lines: ["incidents where library = \"\u{1B}]52;c;SGVsbG8=\u{7}\" count"],
             status: 0, message: "matches no row", viaTerminal: false),
        Case(name: "escape sequences in a column name", lines: ["incidents | select \u{1B}[2J"], status: 1, message: "error", viaTerminal: false),
        Case(name: "a C1 control in a table name", lines: ["inc\u{9B}idents count"], status: 1, message: "not part of the language", viaTerminal: false),
        Case(name: "an .output into a folder that is not there", lines: [".output DATA/no/such/folder/out.csv"],
             status: 1, message: "cannot write"),
        Case(name: "a script that reads itself", lines: [".read DATA/self.tryg"], status: 1, message: "nested too deeply"),
        Case(name: "an import from a device without an end", lines: [".import /dev/zero as z"], status: 1,
             message: "'/dev/zero' is not a regular file and gives more than 512 MiB"),
        Case(name: "a join of many rows to many, past the memory limit", lines: ["many join many as b on k"], status: 1,
             message: "the join would make 1,600,000,000 rows", arguments: ["--memory-limit", "1G"]),
        Case(name: "counting a join of many rows to many", lines: ["many join many as b on k count"], status: 0,
             message: "1600000000", arguments: ["--memory-limit", "1G"]),
        Case(name: "a pattern that backtracks without end on a 101-character value",
             lines: ["backtrack where v matches \"(a+)+$\" count"], status: 1,
             message: "needs more work than matches allows"),
        Case(name: "an invalid pattern", lines: ["backtrack where v matches \"(a\" count"], status: 1,
             message: "invalid regular expression: missing closing parenthesis"),
        Case(name: "a workbook cell with 200,000 attributes", lines: [".import DATA/attributes.xlsx as w"], status: 1,
             message: "cell A2 in sheet 'Ark1' (xl/worksheets/sheet1.xml, line 1) has 200,001 attributes"),
        Case(name: "a NUL byte in a query", lines: ["incidents \u{0} count"], status: 1, message: "error", viaArgument: false, viaTerminal: false),
    ]

    let data: TemporaryFolder

    init() throws {
        data = try TestData.folder()
        try data.write("data/evil.csv", HostileInputTests.evilCSV)
        try data.write("self.tryg", ".read \(data.path)/self.tryg\n")
        // 40,000 rows with one key: joined with itself, 1.6 billion rows.
        // A value that (a+)+$ almost matches: 2^100 ways to fail without a limit.
        try data.write("data/backtrack.csv", "v\nb\n" + String(repeating: "a", count: 100) + "!\n")
        // libxml2 compares each attribute of an element with all before it: minutes for this one.
        let attributes = (0..<200_000).map { " a\($0)=\"1\"" }.joined()
        let rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\"\(attributes)><v>1</v></c></row>"
        FileManager.default.createFile(atPath: data.path + "/attributes.xlsx", contents: Data(StoredZip.workbook(rows: rows)))
        try data.write("data/many.csv", "k,v\n" + (0..<40_000).map { "1,\($0)\n" }.joined())
    }

    /// Values holding OSC 52 (set the clipboard), clear-screen, bell and a C1 CSI.
    static let evilCSV = "name\u{1B}[2J,value\n\"a\u{1B}]52;c;SGVsbG8=\u{7}b\",1\n\"\u{1B}[2Jclear\",2\n\"c1\u{9B}31mx\",3\n"

    func script(_ c: Case) -> String {
        c.lines.map { $0.replacingOccurrences(of: "DATA", with: data.path) }.joined(separator: "\n") + "\n"
    }

    var dataArguments: [String] { ["--data", data.path + "/data"] }
    func arguments(_ c: Case) -> [String] { dataArguments + c.arguments }

    @Test(arguments: corpus.filter(\.viaArgument))
    func throughACommandArgument(_ c: Case) throws {
        let outcome = try BoundedRun.run(arguments(c) + ["-c", script(c)])
        check(c, outcome)
    }

    @Test(arguments: corpus)
    func throughAScriptFile(_ c: Case) throws {
        let path = try data.write("case.tryg", script(c))
        let outcome = try BoundedRun.run(arguments(c) + [path])
        check(c, outcome)
    }

    @Test(arguments: corpus)
    func throughStandardInput(_ c: Case) throws {
        let path = try data.write("case.tryg", script(c))
        let outcome = try BoundedRun.run(arguments(c), stdin: path)
        check(c, outcome)
    }

    @Test(arguments: corpus.filter(\.viaTerminal))
    func throughTheInteractiveShell(_ c: Case) throws {
        let home = try TemporaryFolder()
        let tty = try PseudoTerminal(TrygBinary.path, arguments: arguments(c), environment: [
            "TERM": "xterm", "HOME": home.path, "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null",
            "PATH": "/usr/bin:/bin",
        ])
        #expect(tty.expect("tryg> "), "\(tty.transcript)")
        for line in script(c).split(separator: "\n") {
            tty.send(String(line) + "\r")
            // A continuation prompt: `  ...> `, or `  "..> ` and `  (..> ` showing what is open.
            #expect(tty.expect(c.endsAtThePrompt ? "tryg> " : "..> ", timeout: 60), "\(c.name): \(tty.unread)")
        }
        if c.endsAtThePrompt {
            // Messages are wrapped to the terminal: compared word by word.
            let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(words(tty.transcript).contains(words(VisibleText.of(c.message))), "\(c.name): \(tty.transcript)")
        } else {
            tty.send("\u{3}")
            #expect(tty.expect("tryg> ", timeout: 60), "\(c.name): \(tty.unread)")
        }
        tty.send(".quit\r")
        #expect(tty.waitForExit(timeout: 60) == 0, "\(c.name): \(tty.transcript)")
        #expect(tty.controlsFromData.isEmpty, "\(c.name): \(tty.controlsFromData)")
    }

    private func check(_ c: Case, _ outcome: BoundedRun.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.endedCleanly, "\(c.name): \(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.status == c.status, "\(c.name): \(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(c.message) || outcome.stdout.contains(c.message), "\(c.name): \(outcome)",
                sourceLocation: sourceLocation)
    }
}

/// How a message looks on a terminal, where control characters are shown as escapes.
enum VisibleText {
    static func of(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if (c.value < 0x20 && c != "\n" && c != "\t") || (0x7F...0x9F).contains(c.value) {
                let hex = String(c.value, radix: 16)
                out += c.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u00" + hex
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
