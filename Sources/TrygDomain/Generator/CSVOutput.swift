import Foundation

/// A CSV byte stream: rows are appended as bytes and handed on in large chunks.
///
/// Bytes rather than strings so that ten million rows cost a few appends each; the chunks go
/// to a file or to memory, whichever the caller gives as `sink`.
struct CSVOutput {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let sink: ([UInt8]) throws -> Void

    init(chunkSize: Int = 1 << 20, sink: @escaping ([UInt8]) throws -> Void) {
        self.chunkSize = chunkSize
        self.sink = sink
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// A header or data row of text fields.
    mutating func row(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { comma() }
            append(CSVField.encode(field))
        }
        try endRow()
    }

    /// Bytes already encoded as a field (see `CSVField.encode`).
    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    mutating func byte(_ byte: UInt8) {
        buffer.append(byte)
    }

    mutating func comma() {
        buffer.append(UInt8(ascii: ","))
    }

    mutating func bool(_ value: Bool) {
        append(value ? CSVField.trueBytes : CSVField.falseBytes)
    }

    /// A non-negative whole number in decimal.
    mutating func int(_ value: Int) {
        if value >= 10 { int(value / 10) }
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// A non-negative whole number with at least `digits` digits, zero-padded.
    mutating func zeroPadded(_ value: Int, digits: Int) {
        var width = 1
        var rest = value
        while rest >= 10 { rest /= 10; width += 1 }
        if width < digits { buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - width)) }
        int(value)
    }

    /// Two digits, zero-padded (hours, minutes).
    mutating func twoDigits(_ value: Int) {
        buffer.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands on what is buffered; call once at the end.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// How one text value is written as a CSV field.
enum CSVField {
    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)

    /// UTF-8 in NFC, quoted (RFC 4180) only when the text holds a comma, quote or line break.
    static func encode(_ text: String) -> [UInt8] {
        encodeBytes(Array(text.precomposedStringWithCanonicalMapping.utf8))
    }

    /// UTF-8 bytes already in NFC, quoted (RFC 4180) only when they hold a comma, quote or line break.
    static func encodeBytes(_ text: [UInt8]) -> [UInt8] {
        let needsQuotes = text.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return text }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.count + 8)
        for b in text {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }
}
