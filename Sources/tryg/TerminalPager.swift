import Foundation
import TrygEngine
import TrygShell

/// Runs `$PAGER` (or `less -SRFX`) through `/bin/sh` with a result on its standard input.
///
/// Quitting the pager early closes the pipe: the write fails with EPIPE (SIGPIPE is ignored
/// in `main`), the rest is dropped, and the shell goes on to its prompt. A pager that cannot be
/// started (no such program: the shell's status 126 or 127) reports failure, so the result is
/// printed instead.
enum TerminalPager {
    /// The pager for the interactive shell, nil when standard output is not a terminal, or is
    /// one that cannot page (`TERM` dumb or unset) unless `PAGER` names a pager for it.
    static func make(allowColor: @escaping () -> Bool,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Pager? {
        guard isatty(1) == 1 else { return nil }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb", environment["PAGER"] == nil { return nil }
        let command = environment["PAGER"].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } ?? "less -SRFX"
        return Pager(command: command) { text in
            run(command, text: VisibleControls.escape(text, allowColor: allowColor()))
        }
    }

    /// Writes `text` to the command's standard input and waits for it; false when it did not start.
    static func run(_ command: String, text: String) -> Bool {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return false }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The pager gets the signals a program started from a shell gets (SIGPIPE is ignored here).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "-SRFX" }
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, envp)
        close(readEnd)
        guard rc == 0 else {
            close(writeEnd)
            return false
        }
        // Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        var saved = sigaction()
        sigaction(SIGINT, &ignore, &saved)
        defer { sigaction(SIGINT, &saved, nil) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(writeEnd, base + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }   // EPIPE: the pager was quit before reading everything
            offset += n
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        return !(exited && (code == 126 || code == 127))
    }
}
