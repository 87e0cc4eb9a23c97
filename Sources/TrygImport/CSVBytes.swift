import Glibc
import TrygEngine

/// The bytes of a CSV file and the file's path, with the helpers that turn byte offsets
/// into the line, column and snippet a diagnostic shows.
struct CSVBytes {
    let base: UnsafePointer<UInt8>
    let count: Int
    let path: String
    /// The bytes are a read-only file mapping whose pages may be given back once read.
    var releasable = false

    /// How many bytes a reader passes before it gives their pages back.
    static let releaseStep = 16 << 20

    /// Gives back the pages of a stretch already read, so a large file does not stay resident
    /// beside the columns made from it; read again, they come back from the page cache.
    func release(_ start: Int, _ end: Int) {
        guard releasable, end > start, start >= 0 else { return }
        PageRange.giveBack(UnsafeRawPointer(base + start), byteCount: min(end, count) - start)
    }

    static let snippetLimit = 120

    /// The text of a byte range (already checked to be UTF-8).
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, end - start)), as: UTF8.self)
    }

    /// The offset where the line holding `offset` starts; on the first line, after a UTF-8
    /// byte order mark, which no one sees (so a column and a snippet count from the text).
    func lineStart(of offset: Int) -> Int {
        var i = min(offset, count)
        while i > 0, base[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        if i == 0, min(offset, count) >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { return 3 }
        return i
    }

    /// The 1-based line of a byte offset (slow: counts newlines; for errors only).
    func lineNumber(of offset: Int) -> Int {
        var line = 1
        for i in 0..<min(offset, count) where base[i] == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    /// The 1-based column, in characters, of a byte offset within its line.
    func characterColumn(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for i in lineStart..<min(offset, count) where base[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// The line starting at `lineStart` without its line end, cut to about 120 characters.
    /// Invalid UTF-8 shows as U+FFFD, so a snippet never prints mojibake.
    func snippet(lineStart: Int) -> String {
        var end = lineStart
        let cap = min(count, lineStart + CSVBytes.snippetLimit * 4)
        while end < cap, base[end] != UInt8(ascii: "\n") { end += 1 }
        if end > lineStart, base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: UnsafeBufferPointer(start: base + lineStart, count: end - lineStart), as: UTF8.self)
        if line.count <= CSVBytes.snippetLimit { return line }
        return String(line.prefix(CSVBytes.snippetLimit)) + "…"
    }

    /// A position pointing at a byte: its line, character column and line text.
    func position(ofByte offset: Int, line: Int? = nil) -> FilePosition {
        let start = lineStart(of: offset)
        return FilePosition(path: path, line: line ?? lineNumber(of: offset),
                            column: characterColumn(of: offset, lineStart: start),
                            snippet: snippet(lineStart: start))
    }

    /// An error pointing at a byte of the file.
    func error(_ message: String, atByte offset: Int, line: Int? = nil) -> Diagnostic {
        Diagnostic(.error, message, file: position(ofByte: offset, line: line))
    }

    /// An error about the file as a whole.
    func fileError(_ message: String) -> Diagnostic {
        Diagnostic(.error, message, file: FilePosition(path: path))
    }
}
