import Foundation
import TrygEngine

/// Somewhere the shell writes text: the screen, standard error, a file, or a test's buffer.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
    /// True when a person is looking (a terminal): colour and banners are allowed.
    var isTerminal: Bool { get }
    /// The first write that failed since the last call, and clears it; nil when all went out.
    func takeFailure() -> WriteFailure?
    /// What messages call this destination: a file's path, or "standard output".
    var name: String { get }
}

extension TextOutput {
    public func takeFailure() -> WriteFailure? { nil }
    public var name: String { "the output" }
}

/// A write that did not go out, with the system's reason.
public struct WriteFailure: Error, Equatable, Sendable {
    public let reason: String
    /// The reader of a pipe went away (EPIPE): the run ends quietly.
    public let closedPipe: Bool

    public init(errno code: Int32) {
        reason = String(cString: strerror(code))
        closedPipe = code == EPIPE
    }
}

/// Writes to an open file descriptor (standard output or error, or a file from `.output`).
///
/// Every write is checked: the first failure is kept (and later writes dropped) until the
/// runner asks for it, so a full disk or a closed pipe fails the statement instead of passing
/// unnoticed. On a terminal every text passes through `VisibleControls.escape`, so control
/// codes in data are shown, never obeyed.
public final class FileDescriptorOutput: TextOutput {
    public let fd: Int32
    private let ownsDescriptor: Bool
    public let isTerminal: Bool
    public let name: String
    /// The path of a file opened by this output, nil for standard streams.
    public let path: String?
    /// The program's own colour sequences may reach the terminal (data's never do unless they are colour alone).
    public var allowsColor = false
    private var failure: WriteFailure?
    private var failed = false

    public init(fd: Int32) {
        self.fd = fd
        self.ownsDescriptor = false
        self.isTerminal = isatty(fd) == 1
        self.name = fd == 1 ? "standard output" : fd == 2 ? "standard error" : "descriptor \(fd)"
        self.path = nil
    }

    /// Opens (and truncates) a file for writing; nil with the system's reason when it cannot.
    public init(path: String) throws(OpenError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OpenError(reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.ownsDescriptor = true
        self.isTerminal = isatty(fd) == 1
        self.name = path
        self.path = path
    }

    /// Why a file could not be opened.
    public struct OpenError: Error {
        public let reason: String
    }

    public func write(_ text: String) {
        guard !failed else { return }
        let shown = isTerminal ? VisibleControls.escape(text, allowColor: allowsColor) : text
        var bytes = Array(shown.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                failed = true
                failure = WriteFailure(errno: n < 0 ? errno : ENOSPC)
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    public func takeFailure() -> WriteFailure? {
        defer {
            failure = nil
            failed = false
        }
        return failure
    }

    /// Closes a file this output opened; the failure of the close (a delayed write error), if any.
    public func close() -> WriteFailure? {
        guard ownsDescriptor, !closed else { return nil }
        closed = true
        return Foundation.close(fd) == 0 ? nil : WriteFailure(errno: errno)
    }
    private var closed = false

    deinit {
        if ownsDescriptor && !closed { Foundation.close(fd) }
    }
}

/// Keeps everything written, for tests.
public final class CapturedOutput: TextOutput {
    public private(set) var text = ""
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ text: String) { self.text += text }
}
