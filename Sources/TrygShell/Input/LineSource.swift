import Foundation

/// Lines of a script arriving one by one: standard input, or a text in tests.
public protocol LineSource: AnyObject {
    /// The next line without its line end; nil at the end of the input.
    func nextLine() throws(LineReadError) -> String?
}

/// Why a line of input could not be read.
public struct LineReadError: Error, Equatable, Sendable {
    /// The 1-based line.
    public let line: Int
    public let message: String
}

/// Reads lines from a file descriptor in bounded chunks.
///
/// Nothing without an end (`/dev/zero`, `yes | tryg`) can make it hold more than one line of
/// at most `maxLineBytes`; a longer line is an error, and so is a line that is not UTF-8 or
/// holds a NUL byte, as in a script file.
public final class FileDescriptorLines: LineSource {
    /// The longest line read, in bytes (a statement may span many lines).
    public static let maxLineBytes = 1 << 20
    private let fd: Int32
    private let limit: Int
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already handed out.
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0

    public init(fd: Int32, maxLineBytes: Int = FileDescriptorLines.maxLineBytes) {
        self.fd = fd
        self.limit = maxLineBytes
    }

    public func nextLine() throws(LineReadError) -> String? {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = try text(buffer[start..<end])
                start = newline + 1
                return line
            }
            searched = buffer.count
            if buffer.count - start > limit {
                lineNumber += 1
                throw LineReadError(line: lineNumber, message: "line \(lineNumber) is longer than \(limit / 1024) KiB")
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                lineNumber += 1
                let line = try text(buffer[start...])
                start = buffer.count
                return line
            }
            searched -= try fill()
        }
    }

    /// Reads the next chunk; returns how far the bytes kept moved towards the front.
    private func fill() throws(LineReadError) -> Int {
        let moved = start
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = 64 * 1024
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        while true {
            let n = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return read(fd, base + old, chunk)
            }
            if n < 0 && errno == EINTR { continue }
            buffer.removeLast(chunk - max(0, n))
            if n < 0 {
                throw LineReadError(line: lineNumber + 1, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEnd = true }
            return moved
        }
    }

    private func text(_ bytes: ArraySlice<UInt8>) throws(LineReadError) -> String {
        if bytes.contains(0) {
            throw LineReadError(line: lineNumber, message: "line \(lineNumber) holds a NUL byte; is this a binary file?")
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw LineReadError(line: lineNumber, message: "line \(lineNumber) is not UTF-8 text")
        }
        return s
    }
}

/// The lines of a text, for tests and for scripts already in memory.
public final class TextLines: LineSource {
    private var lines: [Substring]
    private var index = 0

    public init(_ text: String) {
        var all = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if all.last == "" { all.removeLast() }
        lines = all
    }

    public func nextLine() throws(LineReadError) -> String? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return String(lines[index])
    }
}
