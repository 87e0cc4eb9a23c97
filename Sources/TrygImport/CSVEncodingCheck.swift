import TrygEngine
/// Whole-file checks run before parsing: the file is text, and all of it is valid UTF-8.
enum CSVEncodingCheck {
    /// How far to look for NUL bytes, which mark binary files (spreadsheets, archives).
    static let binaryProbeLength = 8192

    /// The offset of the first NUL byte in the file's first few KB, if any.
    static func firstNUL(_ bytes: CSVBytes, from start: Int) -> Int? {
        firstNUL(bytes, from: start, to: min(bytes.count, start + binaryProbeLength))
    }

    /// The offset of the first NUL byte in `start..<end`, if any.
    static func firstNUL(_ bytes: CSVBytes, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            if bytes.base[i] == 0 { return i }
            i += 1
        }
        return nil
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, if any,
    /// checking `parts` stretches at once. Stretches begin at a byte that is not a
    /// continuation byte, so no valid sequence is cut in two.
    static func firstInvalidUTF8(_ bytes: CSVBytes, from start: Int, parts: Int) -> Int? {
        var bounds = [start]
        if parts > 1 {
            for k in 1..<parts {
                var b = start + (bytes.count - start) / parts * k
                while b < bytes.count, bytes.base[b] & 0xC0 == 0x80 { b += 1 }
                if b > (bounds.last ?? start), b < bytes.count { bounds.append(b) }
            }
        }
        bounds.append(bytes.count)
        let found = CSVParallel.map(bounds.count - 1) { i in firstInvalidUTF8(bytes, from: bounds[i], to: bounds[i + 1]) }
        return found.compactMap { $0 }.min()
    }

    /// The offset of the first byte in `start..<end` that is not part of a valid UTF-8
    /// sequence, if any. Rejects overlong forms, surrogates and code points above U+10FFFF.
    static func firstInvalidUTF8(_ bytes: CSVBytes, from start: Int, to end: Int) -> Int? {
        let p = bytes.base, n = end
        var i = start
        var released = start
        while i < n {
            if i &- released >= CSVBytes.releaseStep {
                bytes.release(released, i)
                released = i
            }
            // ASCII runs are the common case: test eight bytes at a time.
            while i &+ 8 <= n {
                let high = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                if high != 0 {
                    i &+= high.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { return nil }
            let b0 = p[i]
            if b0 < 0x80 { i &+= 1; continue }
            let length: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF   // allowed range of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return i
            }
            guard i &+ length <= n else { return i }
            let b1 = p[i &+ 1]
            guard b1 >= lo, b1 <= hi else { return i }
            var k = 2
            while k < length {
                guard p[i &+ k] & 0xC0 == 0x80 else { return i }
                k &+= 1
            }
            i &+= length
        }
        return nil
    }

    /// True when all of `b` is valid UTF-8.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        return firstInvalidUTF8(CSVBytes(base: base, count: b.count, path: ""), from: 0, to: b.count) == nil
    }

    /// True when some byte is not ASCII.
    static func hasNonASCII(_ bytes: CSVBytes) -> Bool {
        for i in 0..<bytes.count where bytes.base[i] >= 0x80 { return true }
        return false
    }

    /// The offset of the first character beyond ASCII that shows a file to be UTF-8, if any:
    /// a letter or sign of Latin-1 (U+00A0–U+00FF: æ ø å, é, °, a no-break space), a combining
    /// mark (U+0300–U+036F, of decomposed `å`), any of three bytes or four (`€`, `’`), or a run
    /// of two characters beyond ASCII (a word in another script). A lone two-byte character
    /// other than those is none: Windows-1252 text spells such pairs by chance (`Ø` and a
    /// no-break space are `ؠ`, `Å°` is `Ű`).
    static func firstUTF8Evidence(_ bytes: CSVBytes) -> Int? {
        var i = 0
        while i < bytes.count {
            guard let (scalar, length) = decodedSequence(bytes, at: i) else {
                i += 1
                continue
            }
            if length > 2 || (0xA0...0xFF).contains(scalar) || (0x300...0x36F).contains(scalar) { return i }
            if decodedSequence(bytes, at: i + length) != nil { return i }
            i += length
        }
        return nil
    }

    /// The scalar value and length of a valid UTF-8 sequence of two bytes or more at `i`.
    private static func decodedSequence(_ bytes: CSVBytes, at i: Int) -> (UInt32, Int)? {
        guard i < bytes.count, bytes.base[i] >= 0xC2, bytes.base[i] <= 0xF4,
              firstInvalidUTF8(bytes, from: i, to: min(bytes.count, i + 4)) != i else { return nil }
        let lead = UInt32(bytes.base[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= bytes.count else { return nil }
        var scalar = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { scalar = scalar << 6 | UInt32(bytes.base[i + k] & 0x3F) }
        return (scalar, length)
    }

    /// The offset of the first byte that Windows-1252 leaves undefined, if any.
    static func firstUndefinedInWindows1252(_ bytes: CSVBytes) -> Int? {
        for i in 0..<bytes.count {
            switch bytes.base[i] {
            case 0x81, 0x8D, 0x8F, 0x90, 0x9D: return i
            default: continue
            }
        }
        return nil
    }
}
