import Foundation
import Testing
import TrygShell

/// The history file: each line kept as it is entered (a signal loses nothing), private, never
/// written through a symbolic link, and only under a home that exists.
@Suite(.serialized) struct HistoryTests {
    let home: TemporaryFolder
    let data: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        data = try TestData.folder()
    }

    var historyPath: String { home.path + "/.local/state/tryg/history" }

    func start(home: String) throws -> PseudoTerminal {
        try PseudoTerminal(TrygBinary.path, arguments: ["--data", data.path + "/data"], environment: [
            "TERM": "xterm", "HOME": home, "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin",
        ])
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalLosesNoHistory(signal: Int32) throws {
        let tty = try start(home: home.path)
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        tty.send("incidents count\r")
        #expect(tty.expect("1 row"))
        #expect(tty.expect("tryg> "))
        kill(tty.pid, signal)
        #expect(tty.waitForExit(timeout: 30) != nil)
        let history = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(history == HistoryFile.header + "\nlibraries count\nincidents count\n", "\(history)")
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aSymbolicLinkInPlaceOfTheHistoryIsLeftAlone() throws {
        let victim = try home.write("victim.txt", (1...3000).map { "line \($0)" }.joined(separator: "\n") + "\n")
        chmod(victim, 0o644)
        let before = try String(contentsOfFile: victim, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: home.path + "/.local/state/tryg", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: historyPath, withDestinationPath: victim)
        let tty = try start(home: home.path)
        #expect(tty.expect("history not kept"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == before)
        let attributes = try FileManager.default.attributesOfItem(atPath: victim)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test func aLongHistoryIsCutThroughARename() throws {
        try FileManager.default.createDirectory(atPath: home.path + "/.local/state/tryg", withIntermediateDirectories: true)
        try ((1...2500).map { "old \($0)" }.joined(separator: "\n") + "\n").write(toFile: historyPath, atomically: false, encoding: .utf8)
        let tty = try start(home: home.path)
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        var lines = try String(contentsOfFile: historyPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.first.map(String.init) == HistoryFile.header)
        lines.removeFirst()
        #expect(lines.count == 2000)
        #expect(lines.suffix(2) == ["libraries count", ".quit"])
        #expect(lines.first == "old 503")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.path + "/.local/state/tryg")
        #expect(leftovers == ["history"])
    }

    @Test func noHomeNoHistory() throws {
        let missing = home.path + "/not-there"
        let tty = try start(home: missing)
        #expect(tty.expect("tryg> "))
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"))
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
