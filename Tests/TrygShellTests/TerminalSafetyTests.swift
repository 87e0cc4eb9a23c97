import Foundation
import Testing

/// Data full of escape sequences never reaches a terminal as control codes, on every path that
/// writes to one; files and pipes keep the data's bytes.
@Suite(.serialized) struct TerminalSafetyTests {
    let data: TemporaryFolder
    let home: TemporaryFolder

    init() throws {
        data = try TestData.folder()
        home = try TemporaryFolder()
        try data.write("data/evil.csv", HostileInputTests.evilCSV)
        // A file name with an escape: the welcome line and the import report name the table.
        try data.write("data/e\u{1B}]52;c;SGk=\u{7}vil.csv", "x\ny\n")
        // A colour code tryg never writes itself (blinking magenta): colour alone must not pass either.
        try data.write("data/blink.csv", "name,value\n\"d\u{1B}[5;35mblink\",4\n")
    }

    func start(_ extra: [String], color: Bool) throws -> PseudoTerminal {
        var environment = ["TERM": "xterm", "HOME": home.path, "LANG": "C.UTF-8", "INPUTRC": "/dev/null",
                           "PATH": "/usr/bin:/bin"]
        if !color { environment["NO_COLOR"] = "1" }
        return try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"] + extra,
                                  environment: environment, columns: 120)
    }

    /// Every kind of text the shell shows: tables in each mode, schema, charts, the import
    /// report, warnings, suggestions, errors and an echoed parameter.
    /// Typed statements hold no control characters (readline takes ESC as a key); the data does.
    static let statements = [
        "evil", ".schema evil", ".tables", "evil chart bar", "evil where value > 0 | select nam",
        "evil where name = \"x\" count", "incidents where library = $p count",
        ".import \(TerminalSafetyTests.placeholder)/evil.csv as again", "blink", ".mode csv", "evil", "blink", ".mode markdown", "evil", "blink",
        ".mode json", "evil", ".mode line", "evil",
    ]
    static let placeholder = "DATA"

    @Test(arguments: [false, true])
    func noControlCodeFromDataReachesTheTerminal(color: Bool) throws {
        let tty = try start(["--param", "p=\u{1B}]52;c;SGVsbG8=\u{7}"], color: color)
        #expect(tty.expect("tryg> "), "\(tty.transcript)")
        for statement in TerminalSafetyTests.statements {
            tty.send(statement.replacingOccurrences(of: TerminalSafetyTests.placeholder, with: data.path + "/data") + "\r")
            #expect(tty.expect("tryg> ", timeout: 60), "\(statement): \(tty.unread)")
        }
        tty.send(".quit\r")
        #expect(tty.waitForExit(timeout: 60) == 0)
        // What the statements typed is echoed by the terminal itself; only the shell's output counts.
        // The transcript goes into failure messages with its escapes visible, not to be obeyed by the test's terminal.
        let shown = VisibleText.of(tty.transcript)
        #expect(tty.controlsFromData.isEmpty, "\(tty.controlsFromData): \(shown)")
        #expect(tty.transcript.contains("\\x1b]52;c;SGVsbG8=\\x07"), "\(shown)")
        #expect(tty.transcript.contains("\\u009b"), "\(shown)")
        #expect(!tty.transcript.contains("\u{1B}[5;35m"), "\(shown)")
        #expect(tty.transcript.contains("\\x1b[5;35m"), "\(shown)")
        // The echoed parameter, in a warning.
        #expect(tty.transcript.contains("no library is \"\\x1b]52;c;SGVsbG8=\\x07\""), "\(shown)")
    }

    @Test func csvAndJSONIntoAPipeKeepTheBytes() throws {
        let csv = try BoundedRun.run(["--data", data.path + "/data", "--format", "csv", "-c", "evil"])
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.contains("a\u{1B}]52;c;SGVsbG8=\u{7}b"), "\(csv)")
        #expect(csv.stdout.contains("c1\u{9B}31mx"), "\(csv)")
        let json = try BoundedRun.run(["--data", data.path + "/data", "--format", "json", "-c", "evil"])
        #expect(json.status == 0 && json.stdout.contains("\\u001b]52"), "\(json)")
    }
}
