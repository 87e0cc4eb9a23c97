import Foundation

/// Runs a program on a real pseudo-terminal and reads its output pexpect-style.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private var output: [UInt8] = []
    /// Output before this offset was matched already.
    private var cursor = 0

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `path` in its own session with the terminal as stdin, stdout, stderr and controlling terminal.
    ///
    /// - Parameter standardOutput: a file for standard output instead of the terminal (a pipe's
    ///   place: the output is not a terminal, the input is).
    init(_ path: String, arguments: [String], environment: [String: String], columns: UInt16 = 100,
         rows: UInt16 = 30, standardOutput: String? = nil) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else { throw SpawnError(description: "openpty failed") }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.master = master

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, the terminal becomes the child's controlling terminal, so Ctrl-C signals it.
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may block or ignore signals; the child must get Ctrl-C as a terminal would send it.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let setsid: Int16 = 0x80, setSignalMask: Int16 = 0x08, setSignalDefaults: Int16 = 0x04
        posix_spawnattr_setflags(&attributes, setsid | setSignalMask | setSignalDefaults)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        close(slave)
        guard rc == 0 else { throw SpawnError(description: "posix_spawn failed: \(rc)") }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until `text` appears after the cursor; moves the cursor past it. False on timeout.
    @discardableResult
    func expect(_ text: String, timeout: Double = 10) -> Bool {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let found = find(needle) {
                cursor = found + needle.count
                return true
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 || !readMore(timeout: left) { return find(needle).map { cursor = $0 + needle.count; return true } ?? false }
        }
    }

    /// Everything read after the cursor, for failure messages.
    var unread: String { String(decoding: output[min(cursor, output.count)...], as: UTF8.self) }

    /// Control sequences in the output that only data could have sent: OSC (`ESC ]`, which can
    /// set the clipboard), clear screen, a bell, a raw C1 control. Readline's own are not among them.
    var controlsFromData: [String] {
        var found: [String] = []
        for i in output.indices {
            let next = i + 1 < output.count ? output[i + 1] : 0
            if output[i] == 0x1B && next == UInt8(ascii: "]") { found.append("OSC at \(i)") }
            if output[i] == 0x1B && Array(output[i..<min(output.count, i + 4)]) == Array("\u{1B}[2J".utf8) { found.append("clear at \(i)") }
            if output[i] == 0x07 { found.append("bell at \(i)") }
            if output[i] == 0xC2 && (0x80...0x9F).contains(next) { found.append("C1 at \(i)") }
        }
        return found
    }

    /// Everything read so far.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// Waits for the program to exit; its status, or nil on timeout.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                // WIFEXITED / WEXITSTATUS, which Swift does not import.
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            _ = readMore(timeout: 0.05)
        }
        return nil
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard needle.count <= output.count - cursor else { return nil }
        var i = cursor
        while i + needle.count <= output.count {
            if output[i] == needle[0] && Array(output[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    private func readMore(timeout: Double) -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard n > 0 else { return false }
        output += chunk[0..<n]
        return true
    }
}
