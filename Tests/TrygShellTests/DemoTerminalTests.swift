import Foundation
import Testing

/// `tryg --demo` on a real pseudo-terminal, and what it says without one.
@Suite(.serialized) struct DemoTerminalTests {
    let data: TemporaryFolder
    let script: String

    init() throws {
        data = try TestData.folder()
        script = try data.write("demo.tryg", """
            # Workshop om tryghed

            # Første trin: alle hændelser
            incidents count

            # Andet trin: hændelser pr. bibliotek
            incidents group by library chart bar

            """)
    }

    func start() throws -> PseudoTerminal {
        try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data", "--demo", script], environment: [
            "TERM": "xterm", "HOME": data.path, "LANG": "C.UTF-8", "NO_COLOR": "1", "PATH": "/usr/bin:/bin",
        ])
    }

    @Test func captionEnterBackAndQuit() throws {
        let tty = try start()
        #expect(tty.expect("Workshop om tryghed · step 1 of 2"), "\(tty.transcript)")
        #expect(tty.expect("Første trin: alle hændelser"))
        tty.send("\r")
        #expect(tty.expect("│     3 │"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("Andet trin: hændelser pr. bibliotek"), "\(tty.unread)")
        tty.send("\r")
        #expect(tty.expect("Vesterbro │"), "\(tty.unread)")
        tty.send("b")
        #expect(tty.expect("step 1 of 2"), "\(tty.unread)")
        #expect(tty.expect("Første trin"), "\(tty.unread)")
        tty.send("q")
        #expect(tty.waitForExit() == 0)
        // The presenter's codes reach the terminal as codes: the screen is cleared, never shown as text.
        #expect(tty.transcript.contains("\u{1B}[H\u{1B}[2J"))
        #expect(!tty.transcript.contains("\\x1b"), "\(tty.transcript.prefix(300))")
    }

    @Test func withoutATerminalItSaysSoAndExits2() throws {
        let r = try TrygBinary.run(["--data", data.path + "/data", "--demo", script])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--demo presents a script on a terminal"))
        #expect(r.stdout.isEmpty)
    }
}
