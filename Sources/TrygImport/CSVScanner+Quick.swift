/// The scanner's quick path: the common record read from bit masks of 64 bytes at a time,
/// quoted fields included. `CSVScanner.next` reads every other record byte by byte; both
/// ways give the same records, fields, line numbers and positions (`CSVScannerTests`).
extension CSVScanner {
    /// Reads the common record: each field is unquoted, or quoted without a line end inside
    /// and closed by a quote that a delimiter or the line end follows (doubled quotes inside
    /// are fine); the line ends in `\n` (or `\r\n`) inside the bytes, at least 64 bytes before
    /// their end. Nil for any other record (a quote left open, text after a closing quote, a
    /// quoted line end, more fields than there is room for, a record near the end), which
    /// `next` then reads byte by byte from the same start. Unquoted field ends come from the
    /// mask's set bits, so such a field costs no branch that depends on its length; a quoted
    /// field is skipped sixteen bytes at a time to its closing quote.
    @inline(__always)
    mutating func quickRecord() -> CSVRecord? {
        let p = bytes.base, n = bytes.count
        let start = position
        var block = quickBlock, mask = quickMask
        if start < block || start - block >= 64 {
            // The record starts past the block at hand (or there is none): begin at the record.
            block = start
            guard block &+ 64 <= n else { return nil }
            mask = structurals(at: block)
        }
        let out = fields, room = min(fieldRoom, CSVScanner.maxFields)
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let quoting = self.quoting
        var hasQuotedField = false
        var fieldStart = start
        var count = 0
        while true {
            guard count < room, fieldStart < n else { return nil }
            var field: CSVField
            // The delimiter or `\n` that ends the field: the lowest bit of `mask` once found.
            let at: Int
            if quoting, p[fieldStart] == quote {
                guard let (close, escaped) = closingQuote(after: fieldStart) else { return nil }
                // What follows the closing quote must end the field: the delimiter, `\n` or `\r\n`.
                var end = close &+ 1
                guard end < n else { return nil }
                if p[end] == cr {
                    end &+= 1
                    guard end < n, p[end] == lf else { return nil }
                } else if p[end] != delimiter && p[end] != lf {
                    return nil
                }
                // Drop the mask's bits before `end` (delimiters inside the quotes among them).
                if end &- block < 64 {
                    mask &= ~0 << UInt64(end &- block)
                } else {
                    block = end
                    guard block &+ 64 <= n else { return nil }
                    mask = structurals(at: block)
                }
                at = end
                mask &= mask &- 1
                field = CSVField(start: fieldStart &+ 1, end: close, escaped: escaped)
                hasQuotedField = true
                if p[at] == lf {
                    return finish(start: start, end: close &+ 1, lineEnd: at, fields: count &+ 1, quoted: true,
                                  field: field, out: out, block: block, mask: mask)
                }
            } else {
                while mask == 0 {
                    block &+= 64
                    guard block &+ 64 <= n else { return nil }
                    mask = structurals(at: block)
                }
                at = block &+ mask.trailingZeroBitCount
                mask &= mask &- 1
                field = CSVField(start: fieldStart, end: at, escaped: false)
                if p[at] == lf {
                    if field.end > fieldStart, p[field.end &- 1] == cr { field.end &-= 1 }
                    return finish(start: start, end: field.end, lineEnd: at, fields: count &+ 1, quoted: hasQuotedField,
                                  field: field, out: out, block: block, mask: mask)
                }
            }
            out[count] = field
            count &+= 1
            fieldStart = at &+ 1
        }
    }

    /// Stores the record's last field and the block for the next record, and moves past the
    /// line end at `lineEnd`.
    @inline(__always)
    private mutating func finish(start: Int, end: Int, lineEnd: Int, fields count: Int, quoted: Bool, field: CSVField,
                                 out: UnsafeMutablePointer<CSVField>, block: Int, mask: UInt64) -> CSVRecord {
        out[count &- 1] = field
        var record = CSVRecord(start: start, end: end, line: line, strayTextAfterQuote: nil)
        record.fieldCount = count
        record.hasQuotedField = quoted
        position = lineEnd &+ 1
        line &+= 1
        quickBlock = block
        quickMask = mask
        quickRecords &+= 1
        return record
    }

    /// The closing quote of the quoted field that opens at `open`, and whether doubled quotes
    /// came before it; nil when a `\n` comes first or the bytes end (the byte path reads
    /// those). As in `next`, a quote followed by a quote is a doubled quote.
    @inline(__always)
    private func closingQuote(after open: Int) -> (Int, Bool)? {
        let p = bytes.base, n = bytes.count
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
        let quotes = SIMD16<UInt8>(repeating: quote), lfs = SIMD16<UInt8>(repeating: lf)
        var escaped = false
        var i = open &+ 1
        while true {
            // Sixteen bytes at a time to the next quote or `\n`, then byte by byte near the end.
            var found = false
            while i &+ 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let hits = unsafeBitCast((v .== quotes) .| (v .== lfs), to: SIMD2<UInt64>.self)
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
            if !found {
                while i < n, p[i] != quote, p[i] != lf { i &+= 1 }
                guard i < n else { return nil }
            }
            guard p[i] == quote else { return nil }
            if i &+ 1 < n, p[i &+ 1] == quote {
                escaped = true
                i &+= 2
                continue
            }
            return (i, escaped)
        }
    }

    /// Bit k set when byte `at + k` is the delimiter or `\n`, for k in 0..<64.
    @inline(__always)
    func structurals(at offset: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes.base + offset)
        let delimiters = SIMD16<UInt8>(repeating: delimiter), lfs = SIMD16<UInt8>(repeating: UInt8(ascii: "\n"))
        var mask: UInt64 = 0
        for k in 0..<4 {
            let v = raw.loadUnaligned(fromByteOffset: k &* 16, as: SIMD16<UInt8>.self)
            let hits = unsafeBitCast((v .== delimiters) .| (v .== lfs), to: SIMD2<UInt64>.self)
            // Each byte of `hits` is 0xFF or 0; gather their top bits into one byte each.
            let low = ((hits[0] & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
            let high = ((hits[1] & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
            mask |= (low | high << 8) << UInt64(k &* 16)
        }
        return mask
    }
}
