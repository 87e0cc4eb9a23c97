import Foundation
import Testing

/// Output that cannot be written, input without an end, and signals: every write is checked,
/// a closed pipe ends the run quietly, and history survives a SIGTERM.
@Suite(.serialized) struct FaultInjectionTests {
    let data: TemporaryFolder

    init() throws {
        data = try TestData.folder()
        // About 300 KB of rows: more than a pipe or a tiny filesystem holds.
        var rows = "id,library,severity\n"
        for i in 0..<12_000 { rows += "\(i),Blågården Bibliotek nummer \(i % 97),\(i % 5)\n" }
        try data.write("data/many.csv", rows)
    }

    var dataArguments: [String] { ["--data", data.path + "/data"] }

    @Test func resultsToAFullDeviceFailTheRun() throws {
        let outcome = try BoundedRun.run(dataArguments + ["-c", "many"], stdout: .path("/dev/full"))
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("cannot write results to standard output: No space left on device"), "\(outcome)")
    }

    @Test func anOutputFileOnAFullDeviceFailsTheStatement() throws {
        let outcome = try BoundedRun.run(dataArguments + ["-c", ".output /dev/full\nincidents count"])
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("cannot write results to '/dev/full': No space left on device"), "\(outcome)")
    }

    @Test func keepGoingStillEndsWithFailure() throws {
        let outcome = try BoundedRun.run(dataArguments + ["--keep-going", "-c", "incidents count", "-c", "libraries count"],
                                         stdout: .path("/dev/full"))
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.components(separatedBy: "No space left on device").count == 3, "\(outcome)")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        // (--quiet: the load's report on standard error is not what is tested here.)
        let outcome = try BoundedRun.run(dataArguments + ["--quiet", "-c", "many", "-c", "many"], stdout: .closedPipe)
        #expect(outcome.signal == nil && !outcome.timedOut, "\(outcome)")
        #expect(outcome.status == 141, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
    }

    @Test func standardInputWithoutAnEndIsAnError() throws {
        let outcome = try BoundedRun.run(dataArguments, stdin: "/dev/zero")
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("<stdin>:1"), "\(outcome)")
        #expect(outcome.stderr.contains("longer than"), "\(outcome)")
    }

    @Test func standardInputRunsStatementsAsTheyArrive() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TrygBinary.path)
        process.arguments = dataArguments + ["--format", "csv"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        // Two statements, and the input stays open: the first must run before the input ends.
        input.fileHandleForWriting.write(Data("incidents count\nlibraries count\n".utf8))
        var seen = ""
        var fds = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains("count\n3\n") && Date() < deadline {
            guard poll(&fds, 1, 1000) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(fds.fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            seen += String(decoding: chunk[0..<n], as: UTF8.self)
        }
        #expect(seen.contains("count\n3\n"), "\(seen)")
        #expect(process.isRunning)
    }

    @Test func aLineThatIsNotUTF8OnStandardInputIsAnError() throws {
        let path = data.path + "/bad.tryg"
        FileManager.default.createFile(atPath: path, contents: Data("incidents count\nincidents where library = \"\u{FF}\"\n".utf8.map { $0 == 0xC3 ? 0xFF : $0 }))
        let outcome = try BoundedRun.run(dataArguments, stdin: path)
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("<stdin>:2") && outcome.stderr.contains("not UTF-8"), "\(outcome)")
    }

    /// `-c` and `--param` carry bytes, not text: invalid UTF-8 there is an error, as in a script file.
    @Test(arguments: [["-c", "incidents where library = \"\u{FF}\" count"], ["--param", "lib=\u{FF}", "-c", "incidents count"]])
    func anArgumentThatIsNotUTF8IsAnError(_ arguments: [String]) throws {
        let scratch = try TemporaryFolder()
        let errPath = scratch.path + "/stderr"
        // U+00FF is C3 BF in UTF-8; C3 alone before a quote is not UTF-8.
        let argv: [[UInt8]] = ([TrygBinary.path, "--data", data.path + "/data"] + arguments).map { word in
            Array(word.utf8).filter { $0 != 0xBF } + [0]
        }
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            return p
        }
        pointers.append(nil)
        defer { pointers.forEach { $0?.deallocate() } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT, 0o600)
        var child: pid_t = 0
        let environment: [UnsafeMutablePointer<CChar>?] = [strdup("NO_COLOR=1"), strdup("PATH=/usr/bin:/bin"), nil]
        defer { environment.forEach { free($0) } }
        #expect(posix_spawn(&child, TrygBinary.path, &actions, nil, pointers, environment) == 0)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        #expect(status & 0x7F == 0, "signal \(status & 0x7F)")
        #expect((status >> 8) & 0xFF == 2)
        let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
        #expect(stderr.contains("is not UTF-8 text"), "\(stderr)")
    }

    @Test(.enabled(if: TinyFilesystem.available, "mounting a tmpfs needs root (CAP_SYS_ADMIN); not available here"))
    func aFullFilesystemKeepsThePartialFileUnderItsOwnName() throws {
        let fs = try #require(TinyFilesystem())
        let target = fs.path + "/out.csv"
        let outcome = try BoundedRun.run(dataArguments + ["-c", ".mode csv\n.output \(target)\nmany"])
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("cannot write results to '\(target)': No space left on device"), "\(outcome)")
        #expect(outcome.stderr.contains("kept as '\(target).partial'"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(FileManager.default.fileExists(atPath: target + ".partial"))
    }

    @Test(.enabled(if: TinyFilesystem.available, "mounting a tmpfs needs root (CAP_SYS_ADMIN); not available here"))
    func standardOutputOnAFullFilesystemFailsTheRun() throws {
        let fs = try #require(TinyFilesystem())
        let target = fs.path + "/stdout.txt"
        FileManager.default.createFile(atPath: target, contents: nil)
        let outcome = try BoundedRun.run(dataArguments + ["--format", "csv", "-c", "many"], stdout: .path(target))
        #expect(outcome.endedCleanly && outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("No space left on device"), "\(outcome)")
    }
}

/// A 64 KiB tmpfs mounted for one test, unmounted when released.
final class TinyFilesystem {
    let path: String
    private let folder: TemporaryFolder

    /// Whether this process may mount one (root with CAP_SYS_ADMIN).
    static let available: Bool = TinyFilesystem() != nil

    init?() {
        guard let folder = try? TemporaryFolder() else { return nil }
        self.folder = folder
        path = folder.path
        guard mount("tmpfs", path, "tmpfs", 0, "size=64k") == 0 else { return nil }
    }

    deinit { umount(path) }
}
