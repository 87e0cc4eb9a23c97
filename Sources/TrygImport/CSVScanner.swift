import TrygEngine
/// The byte range of one field inside the file; quotes around it are already excluded.
struct CSVField {
    var start: Int
    var end: Int
    /// True when the field holds doubled quotes (`""`) that must be undone before use.
    var escaped: Bool

    @inline(__always) var isEmpty: Bool { start == end }
}

/// One record as the scanner found it.
struct CSVRecord {
    /// Offset of the record's first byte.
    var start: Int
    /// Offset just past its last field (the line end is not included).
    var end: Int
    /// 1-based line the record starts on.
    var line: Int
    /// Set when a quoted field is followed by more text before the delimiter (`"ab"c,`):
    /// the record is then rejected rather than guessed at.
    var strayTextAfterQuote: (field: Int, offset: Int)?
    /// Set when a quote opened on the record's first line and the record came out wrong
    /// because of it: the quote never closes, or it closes on a later line with text after
    /// it (`"Vesterbro;3⏎4;"Valby"`: the quote before Valby closed the one left open). The
    /// record is then cut at the end of its first line and the next record starts on the
    /// next line, so a quote left open costs one row instead of the rest of the file. (A
    /// quoted field over several lines that closes cleanly is kept whole, even in a row of
    /// the wrong width: such fields are real in exports.)
    var openQuote: (field: Int, offset: Int)?
    /// True when some field was quoted (for the sniffer: are quotes used as quotes?).
    var hasQuotedField = false
    /// How many fields the record has; only the first `CSVScanner.maxFields` are kept.
    var fieldCount = 0
}

/// Where a scanner puts the fields of the record it read last. Grows by doubling up to
/// `CSVScanner.maxFields`; the scanner reads `base` and `capacity` once per record.
final class CSVFieldBuffer {
    private(set) var base: UnsafeMutablePointer<CSVField>
    private(set) var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Doubles the room, keeping the first `count` fields.
    func grow(keeping count: Int) {
        let bigger = UnsafeMutablePointer<CSVField>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// Splits CSV bytes into records and fields after RFC 4180 without copying them: quoted
/// fields may hold delimiters, doubled quotes and line ends; lines end with `\n` or `\r\n`.
/// Without quoting, a quote is an ordinary byte.
struct CSVScanner {
    let bytes: CSVBytes
    let delimiter: UInt8
    let quoting: Bool
    /// Fields kept per record: one more than a table may have, so a record with too many is
    /// known as such, while a line of millions of delimiters does not make millions of fields.
    static let maxFields = LoadLimits.columns + 1

    /// Owns the memory of `fields`.
    private let fieldBuffer = CSVFieldBuffer()
    /// The fields of the record read last (`fieldCount` of them, at most `maxFields`). Kept
    /// apart from `fieldBuffer` so reading a record touches no reference count.
    private(set) var fields: UnsafeMutablePointer<CSVField>
    private(set) var fieldRoom: Int

    /// Offset of the next record.
    var position: Int
    /// 1-based line of `position`.
    var line: Int

    /// For `quickRecord`: the 64-byte block it looked at last, and the delimiters and line
    /// ends in it not yet passed (bit k for byte `quickBlock + k`); `quickBlock` is
    /// `noBlock` when no block is at hand.
    var quickBlock = CSVScanner.noBlock
    var quickMask: UInt64 = 0
    /// False to read every record byte by byte (the tests compare both ways).
    var allowsQuickRecords = true
    /// Records read by `quickRecord` (the tests check that the quick path is taken).
    var quickRecords = 0
    /// False for a delimiter that is a quote or a line-end byte: only the byte path reads those.
    let delimiterIsPlain: Bool
    /// Far enough before any offset that no record starts within its 64 bytes.
    static let noBlock = -64

    init(bytes: CSVBytes, delimiter: UInt8, quoting: Bool = true, position: Int, line: Int = 1) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.quoting = quoting
        self.position = position
        self.line = line
        fields = fieldBuffer.base
        fieldRoom = fieldBuffer.capacity
        delimiterIsPlain = delimiter != UInt8(ascii: "\"") && delimiter != UInt8(ascii: "\n")
            && delimiter != UInt8(ascii: "\r")
    }

    /// Doubles the room for fields, keeping the first `count`.
    private mutating func growFields(keeping count: Int) {
        fieldBuffer.grow(keeping: count)
        fields = fieldBuffer.base
        fieldRoom = fieldBuffer.capacity
    }

    /// Continues from a record start found earlier (line numbers are then not tracked).
    mutating func seek(to offset: Int) {
        position = offset
        quickBlock = CSVScanner.noBlock
    }

    /// Reads the next record's fields into `fields` (replacing its contents).
    /// Returns nil at the end of the bytes.
    mutating func next(into fields: inout [CSVField]) -> CSVRecord? {
        guard let record = next() else { return nil }
        fields.removeAll(keepingCapacity: true)
        fields.append(contentsOf: UnsafeBufferPointer(start: self.fields, count: min(record.fieldCount, CSVScanner.maxFields)))
        return record
    }

    /// Reads the next record; its fields are then in `fields`. Returns nil at the end of the bytes.
    mutating func next() -> CSVRecord? {
        if allowsQuickRecords, delimiterIsPlain, let record = quickRecord() { return record }
        quickBlock = CSVScanner.noBlock
        let p = bytes.base, n = bytes.count
        guard position < n else { return nil }
        var out = fields, room = fieldRoom
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiter = self.delimiter, quoting = self.quoting
        var record = CSVRecord(start: position, end: n, line: line, strayTextAfterQuote: nil)
        // The first quoted field that ran past the record's first line.
        var spanning: (field: Int, offset: Int)?
        var count = 0
        var i = position

        while true {
            var fieldStart = i
            var fieldEnd: Int
            var escaped = false
            if quoting, i < n, p[i] == quote {
                let open = i
                let linesBefore = line
                record.hasQuotedField = true
                i &+= 1
                fieldStart = i
                while true {
                    i = scanQuoted(from: i)
                    guard i < n else {
                        return cut(&record, at: spanning ?? (count, open))
                    }
                    if i &+ 1 < n, p[i &+ 1] == quote {
                        escaped = true
                        i &+= 2
                        continue
                    }
                    break
                }
                if line != linesBefore, spanning == nil { spanning = (count, open) }
                fieldEnd = i
                i &+= 1
                if !isFieldEnd(i) {
                    if let spanning { return cut(&record, at: spanning) }
                    // Keep the field's full text, quotes included, for the reject's reason.
                    if record.strayTextAfterQuote == nil {
                        record.strayTextAfterQuote = (count, i)
                    }
                    fieldStart = open
                    escaped = false
                    i = scanUnquoted(from: i)
                    fieldEnd = i
                }
            } else {
                i = scanUnquoted(from: i)
                fieldEnd = i
            }
            if count < CSVScanner.maxFields {
                if count == room {
                    growFields(keeping: count)
                    out = fields
                    room = fieldRoom
                }
                out[count] = CSVField(start: fieldStart, end: fieldEnd, escaped: escaped)
            }
            count &+= 1
            record.fieldCount = count

            if i < n, p[i] == delimiter {
                i &+= 1
                continue
            }
            if i >= n {
                record.end = n
                position = n
                return record
            }
            // A line end: `\n` or `\r\n`, or a `\r` that ends the file.
            record.end = i
            if p[i] == cr { i &+= 1 }
            if i < n, p[i] == lf { i &+= 1 }
            line &+= 1
            position = i
            return record
        }
    }

    /// Ends the record at the line end after the quote that opened at `open.offset`, which
    /// lies on the record's first line; the fields from that quote on become one field.
    private mutating func cut(_ record: inout CSVRecord, at open: (field: Int, offset: Int)) -> CSVRecord {
        let p = bytes.base, n = bytes.count
        var end = open.offset
        while end < n, p[end] != UInt8(ascii: "\n") { end &+= 1 }
        position = end < n ? end &+ 1 : n
        if end > open.offset, p[end &- 1] == UInt8(ascii: "\r") { end &-= 1 }
        record.end = end
        record.openQuote = open
        record.strayTextAfterQuote = nil
        line = record.line &+ 1
        // The fields before the quote stay; the rest of the line becomes one field.
        if open.field < CSVScanner.maxFields {
            if open.field == fieldRoom { growFields(keeping: open.field) }
            fields[open.field] = CSVField(start: open.offset, end: end, escaped: false)
        }
        record.fieldCount = open.field &+ 1
        return record
    }

    /// True when offset `i` is where a field ends: the end, a delimiter or a line end.
    @inline(__always)
    private func isFieldEnd(_ i: Int) -> Bool {
        let p = bytes.base, n = bytes.count
        guard i < n else { return true }
        let c = p[i]
        if c == delimiter || c == UInt8(ascii: "\n") { return true }
        return c == UInt8(ascii: "\r") && (i &+ 1 == n || p[i &+ 1] == UInt8(ascii: "\n"))
    }

    /// The offset where an unquoted field starting at `i` ends. A `\r` that does not end
    /// the line and a quote inside the field are ordinary bytes.
    @inline(__always)
    private func scanUnquoted(from start: Int) -> Int {
        let p = bytes.base, n = bytes.count, delimiter = self.delimiter
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiters = CSVScanner.broadcast(delimiter)
        let delimiters16 = SIMD16<UInt8>(repeating: delimiter), controls16 = SIMD16<UInt8>(repeating: cr)
        var i = start
        while true {
            // Skip sixteen bytes at a time, then eight, while none of them can end the field:
            // none is the delimiter or a control byte up to `\r` (which covers `\n` and `\r` in
            // one test; a tab or other control byte only stops the skip, and the byte loop goes on).
            var found = false
            while i &+ 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let hits = unsafeBitCast((v .== delimiters16) .| (v .<= controls16), to: SIMD2<UInt64>.self)
                if hits[0] != 0 {
                    i &+= hits[0].trailingZeroBitCount >> 3
                    found = true
                    break
                }
                if hits[1] != 0 {
                    i &+= 8 &+ hits[1].trailingZeroBitCount >> 3
                    found = true
                    break
                }
                i &+= 16
            }
            while !found, i &+ 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let m = CSVScanner.bytesEqual(w, delimiters) | CSVScanner.bytesBelow(w, CSVScanner.pastCR)
                if m != 0 {
                    i &+= m.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { return n }
            let c = p[i]
            if c == delimiter || c == lf { return i }
            if c == cr, i &+ 1 == n || p[i &+ 1] == lf { return i }
            i &+= 1
        }
    }

    private static let pastCR = broadcast(UInt8(ascii: "\r") &+ 1)

    /// The high bit set in each byte of `w` below the byte in `limit` (at most 0x80). As with
    /// `bytesEqual`, bits above the first match may be spurious; the lowest is exact.
    @inline(__always)
    private static func bytesBelow(_ w: UInt64, _ limit: UInt64) -> UInt64 {
        (w &- limit) & ~w & 0x8080_8080_8080_8080
    }

    /// The offset of the next quote at or after `start` (or `n`), counting line ends on the way.
    @inline(__always)
    private mutating func scanQuoted(from start: Int) -> Int {
        let p = bytes.base, n = bytes.count
        var i = start
        while true {
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let m = CSVScanner.bytesEqual(w, CSVScanner.quotes) | CSVScanner.bytesEqual(w, CSVScanner.lfs)
                if m != 0 {
                    i &+= m.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { return n }
            let c = p[i]
            if c == UInt8(ascii: "\"") { return i }
            if c == UInt8(ascii: "\n") { line &+= 1 }
            i &+= 1
        }
    }

    private static let lfs = broadcast(UInt8(ascii: "\n"))
    private static let quotes = broadcast(UInt8(ascii: "\""))

    @inline(__always)
    private static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

    /// The high bit set in each byte of `w` equal to the byte in `pattern` (the classic
    /// has-zero-byte trick). Bits above the first match may be spurious; the lowest is exact.
    @inline(__always)
    private static func bytesEqual(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = w ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }
}
