import Foundation
@preconcurrency import CReadline

/// The readline history file: `$XDG_STATE_HOME/tryg/history` or `~/.local/state/tryg/history`, mode 0600.
struct History {
    let path: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            path = state + "/tryg/history"
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.local/state/tryg/history"
        } else {
            path = nil
        }
    }

    func load() {
        using_history()
        stifle_history(InteractiveShell.historyLimit)
        guard let path else { return }
        _ = read_history(path)
    }

    /// Adds a typed line unless it is blank or repeats the one before.
    func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = history_get(history_length + history_base - 1), let text = last.pointee.line,
           String(cString: text) == line {
            return
        }
        add_history(line)
    }

    func save() {
        guard let path else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        // Create it private before readline writes: statements may name people's data.
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd) }
        _ = write_history(path)
        chmod(path, 0o600)
    }
}
