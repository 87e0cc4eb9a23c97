import Foundation
import Testing

/// `.maxrows` cuts only a table a person reads on a terminal; files, pipes and scripts get every row.
@Suite(.serialized) struct OutputCutTests {
    /// The rows of a table rendering: lines that begin with the box's left edge, less the names and types.
    func bodyRows(_ text: String) -> Int {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.count - 2
    }

    @Test func redirectedCommandGetsEveryRow() throws {
        for extra in [[], ["--maxrows", "3"]] {
            let r = try TrygBinary.run(extra + ["-c", "incidents select id limit 45"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(bodyRows(r.stdout) == 45, "\(extra)")
            #expect(!r.stdout.contains("more rows"))
        }
    }

    @Test func scriptSettingMaxrowsStillWritesEveryRowToAPipe() throws {
        let r = try TrygBinary.run([], stdin: ".maxrows 5\nincidents select id limit 60\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(bodyRows(r.stdout) == 60)
    }

    @Test func maxrowsNeedsACount() throws {
        let r = try TrygBinary.run(["--maxrows", "lots", "-c", "incidents count"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--maxrows needs a count"))
    }

    /// At the prompt, csv results follow their typed lines without a blank line between them;
    /// in a pipe, a blank line keeps one result from running into the next.
    @Test func csvResultsAreSetApartOnlyOffThePrompt() throws {
        let home = try TemporaryFolder()
        let tty = try PseudoTerminal(TrygBinary.path, arguments: [],
                                     environment: ["TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
                                                   "LANG": "C.UTF-8", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        #expect(tty.expect("tryg> "), "\(tty.transcript)")
        tty.send(".mode csv\r")
        tty.send("incidents count\r")
        #expect(tty.expect("count"), "\(tty.transcript)")
        tty.send("libraries select name limit 1\r")
        #expect(tty.expect("name\r\n"), "\(tty.transcript)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        let plain = tty.transcript.replacingOccurrences(of: "\u{1B}[?2004h", with: "").replacingOccurrences(of: "\u{1B}[?2004l", with: "")
        #expect(plain.contains("libraries select name limit 1\r\n\rname\r\n") || plain.contains("libraries select name limit 1\r\nname\r\n"),
                "\(plain.debugDescription)")
        let piped = try TrygBinary.run([], stdin: ".mode csv\nincidents count\nlibraries select name limit 1\n")
        #expect(piped.stdout.contains("\n\nname\n"), "\(piped.stdout)")
    }

    @Test func terminalCutsAtMaxrows() throws {
        let home = try TemporaryFolder()
        let tty = try PseudoTerminal(TrygBinary.path, arguments: ["--maxrows", "7", "-c", "incidents select id limit 45"],
                                     environment: ["TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state",
                                                   "LANG": "C.UTF-8", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        #expect(tty.expect("38 more rows"), "\(tty.transcript)")
        #expect(tty.waitForExit() == 0)
    }
}
