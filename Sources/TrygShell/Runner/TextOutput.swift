import Foundation

/// Somewhere the shell writes text: the screen, standard error, a file, or a test's buffer.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
    /// True when a person is looking (a terminal): colour and banners are allowed.
    var isTerminal: Bool { get }
}

/// Writes to an open file descriptor (standard output or error, or a file from `.output`).
public final class FileDescriptorOutput: TextOutput {
    public let fd: Int32
    private let ownsDescriptor: Bool
    public let isTerminal: Bool

    public init(fd: Int32) {
        self.fd = fd
        self.ownsDescriptor = false
        self.isTerminal = isatty(fd) == 1
    }

    /// Opens (and truncates) a file for writing; nil with the system's reason when it cannot.
    public init(path: String) throws(OpenError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OpenError(reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.ownsDescriptor = true
        self.isTerminal = false
    }

    /// Why a file could not be opened.
    public struct OpenError: Error {
        public let reason: String
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }   // a closed pipe: nothing more can be written
            offset += n
        }
        bytes.removeAll()
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }
}

/// Keeps everything written, for tests.
public final class CapturedOutput: TextOutput {
    public private(set) var text = ""
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ text: String) { self.text += text }
}
