import Foundation
import Testing

/// The pager at a real prompt: used for a tall result on a terminal, never when the output is a
/// pipe or a file, a pager quit early or one that cannot start leave the shell at its prompt.
@Suite(.serialized) struct PagerTerminalTests {
    let home: TemporaryFolder
    let data: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        data = try TestData.folder()
        try data.write("data/numbers.csv", "n\n" + (1...3000).map(String.init).joined(separator: "\n") + "\n")
    }

    /// `pager` is the command `$PAGER` names; the terminal has 20 rows.
    func start(pager: String, standardOutput: String? = nil) throws -> PseudoTerminal {
        try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"], environment: [
            "TERM": "xterm", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "NO_COLOR": "1",
            "LANG": "C.UTF-8", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin", "PAGER": pager,
        ], rows: 20, standardOutput: standardOutput)
    }

    @Test func aTallResultGoesThroughThePagerAShortOneDoesNot() throws {
        let tty = try start(pager: "sed 's/^/PAGED:/'")
        #expect(tty.expect("tryg> "))
        tty.send("numbers limit 30\r")
        #expect(tty.expect("PAGED:30 rows"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        tty.send("numbers limit 3\r")
        #expect(tty.expect("3 rows"), "\(tty.unread)")
        #expect(!tty.unread.contains("PAGED:"))
        tty.send(".pager off\r")
        tty.send("numbers limit 30\r")
        #expect(tty.expect("30 rows"), "\(tty.unread)")
        #expect(!tty.unread.contains("PAGED:"))
        tty.send(".pager\r")
        #expect(tty.expect("pager  off"), "\(tty.unread)")
    }

    /// Standard output to a file, as into a pipe: even `.pager on` prints.
    @Test func neverIntoAPipe() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out.txt"
        let tty = try start(pager: "sed 's/^/PAGED:/'", standardOutput: out)
        #expect(tty.expect("tryg> "))
        tty.send(".pager on\r")
        tty.send("numbers limit 30\r")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("30 rows"), "\(written)")
        #expect(!written.contains("PAGED:"), "\(written)")
    }

    /// The pager reads two lines and quits: tryg is not killed by the closed pipe and goes on.
    @Test func quittingThePagerEarlyKeepsTheShell() throws {
        let tty = try start(pager: "head -n 2")
        #expect(tty.expect("tryg> "))
        tty.send(".maxrows 0\r")
        tty.send("numbers\r")
        #expect(tty.expect("n │"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
        // What the pager did not read is dropped, not printed after it.
        #expect(!tty.transcript.contains("│ 3000 │"))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.unread)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
    }

    @Test func aPagerThatCannotStartLeavesTheResultPrinted() throws {
        let tty = try start(pager: "/nonexistent/pager")
        #expect(tty.expect("tryg> "))
        tty.send("numbers limit 30\r")
        #expect(tty.expect("30 rows"), "\(tty.unread)")
        #expect(tty.expect("tryg> "), "\(tty.unread)")
    }
}
