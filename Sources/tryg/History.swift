import Foundation
import TrygShell
@preconcurrency import CReadline

/// The readline history file: `$XDG_STATE_HOME/tryg/history` or `~/.local/state/tryg/history`, mode 0600.
///
/// One entry per statement: a statement typed over several lines is one entry, recalled whole.
/// The file starts with `HistoryFile.header`; each entry is one line, its line breaks written
/// as `\n` and backslashes as `\\` (`HistoryFile`). A file without the header (from an older
/// tryg) is read one entry a line and rewritten in the new form.
///
/// Each entry is appended as it is entered, so a crash or a signal loses nothing. The file is
/// opened with `O_NOFOLLOW` and only as a regular file: a symbolic link or a folder in its place
/// is left alone (with a note), never cut or re-permissioned. It is trimmed to the last
/// `InteractiveShell.historyLimit` lines by writing a temporary file and renaming it into place.
/// Nothing is created unless the home (or the folder `XDG_STATE_HOME` is in) already exists.
struct History {
    let path: String?
    /// Why the history is not kept, said once at the start.
    private(set) var problem: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        // The folder that must exist already: the home, or the one XDG_STATE_HOME names a folder in.
        var existing: String?
        var candidate: String?
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            existing = (state as NSString).deletingLastPathComponent
            candidate = state + "/tryg/history"
        } else if let home = environment["HOME"], !home.isEmpty {
            existing = home
            candidate = home + "/.local/state/tryg/history"
        }
        var isFolder: ObjCBool = false
        guard let existing, FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), isFolder.boolValue else {
            path = nil
            return
        }
        path = candidate
    }

    mutating func load() {
        using_history()
        stifle_history(InteractiveShell.historyLimit)
        guard let path else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            if errno != ENOENT { problem = "history not kept: '\(path)': \(String(cString: strerror(errno)))" }
            return
        }
        defer { close(fd) }
        guard History.isRegularFile(fd) else {
            problem = "history not kept: '\(path)' is not a regular file"
            return
        }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while data.count < 64 << 20 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            data += chunk[0..<n]
        }
        let file = HistoryFile.decode(String(decoding: data, as: UTF8.self))
        file.entries.suffix(Int(InteractiveShell.historyLimit)).forEach { add_history($0) }
        if !file.hasHeader && !file.entries.isEmpty { save() }
    }

    /// Adds a statement (one or more lines) unless it is blank, repeats the one before or holds
    /// a connection password, and
    /// appends it to the file at once.
    func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), HistoryFile.keeps(line) else { return }
        if let last = history_get(history_length + history_base - 1), let text = last.pointee.line,
           String(cString: text) == line {
            return
        }
        add_history(line)
        guard let path, problem == nil else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard History.isRegularFile(fd) else { return }
        var info = stat()
        let empty = fstat(fd, &info) == 0 && info.st_size == 0
        History.writeAll(fd, Array(((empty ? HistoryFile.header + "\n" : "") + HistoryFile.encode(line) + "\n").utf8))
    }

    /// At a clean exit: the file cut to the last lines kept, through a temporary file and a rename.
    func save() {
        guard let path, problem == nil else { return }
        var lines: [UInt8] = Array((HistoryFile.header + "\n").utf8)
        let base = history_base
        for i in 0..<history_length {
            if let entry = history_get(base + i), let text = entry.pointee.line {
                lines += Array(HistoryFile.encode(String(cString: text)).utf8) + [0x0A]
            }
        }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = History.writeAll(fd, lines)
        if close(fd) == 0 && ok && rename(temporary, path) == 0 { return }
        unlink(temporary)
    }

    private static func isRegularFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    @discardableResult
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return write(fd, start + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
