import Glibc
import TrygEngine

/// A text column read as its bytes, back to back, once its values turn out mostly different
/// (free text, case numbers): no per-value `String`, hash-table entry or merge of dictionaries.
///
/// A column starts dictionary-encoded (`CSVTextEncoder`); at `checkpoints` the accumulator
/// compares the distinct values with the rows and switches here when more than half differ.
/// UTF-8 is checked and text normalised to NFC in bulk at the end (`check`, `finish`), with
/// fast paths for ASCII and for text without characters that NFC changes.
struct CSVPlainText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The row counts at which a dictionary-encoded column is checked: the first, then every
    /// doubling (a column may start with repeated values and turn free later).
    static let firstCheckpoint = 4096

    /// True when a column of `rows` values with `distinct` different ones is better stored plain.
    static func prefersPlain(distinct: Int, rows: Int) -> Bool {
        rows >= firstCheckpoint && distinct &* 2 > rows
    }

    /// Every value's bytes as read (a null row holds none).
    private(set) var bytes: [UInt8] = []
    /// `rows + 1` offsets into `bytes`.
    private(set) var offsets: [Int] = [0]

    init(capacity: Int = 0) {
        offsets.reserveCapacity(capacity &+ 1)
    }

    /// The values of a dictionary-encoded column, one a row; rows whose bit is set in
    /// `nullWords` hold no bytes.
    init(codes: [Int32], values: [String], nullWords: [UInt64], capacity: Int) {
        self.init(capacity: max(capacity, codes.count))
        let utf8 = values.map { Array($0.utf8) }
        for (row, code) in codes.enumerated() {
            let word = row >> 6
            let isNull = word < nullWords.count && nullWords[word] & (1 << UInt64(row & 63)) != 0
            if !isNull, Int(code) < utf8.count { bytes.append(contentsOf: utf8[Int(code)]) }
            offsets.append(bytes.count)
        }
        // Room for the rows still to come at the average length so far, and a tenth more.
        if capacity > codes.count, codes.count > 0 {
            bytes.reserveCapacity(bytes.count / codes.count &* capacity / 10 &* 11)
        }
    }

    var rows: Int { offsets.count &- 1 }

    @inline(__always)
    mutating func append(_ b: Bytes) {
        bytes.append(contentsOf: b)
        offsets.append(bytes.count)
    }

    @inline(__always)
    mutating func appendEmpty() { offsets.append(bytes.count) }

    /// Takes back the last row.
    mutating func removeLast() {
        guard offsets.count > 1 else { return }
        offsets.removeLast()
        let end = offsets[offsets.count &- 1]
        bytes.removeLast(bytes.count &- end)
    }

    /// Appends another stretch's rows.
    mutating func append(_ next: CSVPlainText) {
        let shift = bytes.count
        bytes.append(contentsOf: next.bytes)
        offsets.reserveCapacity(offsets.count &+ next.rows)
        for o in next.offsets.dropFirst() { offsets.append(o &+ shift) }
    }

    /// What the loader must know of the bytes: any beyond ASCII, any invalid UTF-8, any NUL.
    func check() -> CSVTextCheck {
        var result = CSVTextCheck()
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            result.nul = memchr(base, 0, all.count) != nil
            result.nonASCII = CSVPlainText.firstNonASCII(all, from: 0) != nil
            guard result.nonASCII else { return }
            // Valid as a whole and no value starting inside a character: each value is valid.
            var valid = CSVEncodingCheck.isValidUTF8(all)
            if valid {
                for i in 0..<rows where offsets[i] < offsets[i &+ 1] && all[offsets[i]] & 0xC0 == 0x80 {
                    valid = false
                    break
                }
            }
            result.invalidUTF8 = !valid
        }
        return result
    }

    /// The offset of the first byte beyond ASCII at or after `start`, eight bytes at a time.
    static func firstNonASCII(_ b: Bytes, from start: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i &+ 8 <= b.count {
            let high = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
            if high != 0 { return i &+ high.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < b.count {
            if base[i] >= 0x80 { return i }
            i &+= 1
        }
        return nil
    }

    /// The finished storage, in NFC: values with a byte that may start a character NFC
    /// changes (U+0300 and up, lead bytes from 0xCC) are normalised one by one; others are
    /// copied as they are.
    func finish() -> TextBytes {
        let needsLook = bytes.withUnsafeBufferPointer { all -> Bool in
            var at = 0
            while let i = CSVPlainText.firstNonASCII(all, from: at) {
                if all[i] >= 0xCC { return true }
                at = i &+ 1
            }
            return false
        }
        guard needsLook else { return TextBytes(offsets: offsets, bytes: bytes) }
        var outBytes: [UInt8] = []
        outBytes.reserveCapacity(bytes.count)
        var outOffsets = [0]
        outOffsets.reserveCapacity(offsets.count)
        bytes.withUnsafeBufferPointer { all in
            for i in 0..<rows {
                let value = UnsafeBufferPointer(rebasing: all[offsets[i]..<offsets[i &+ 1]])
                if CSVTextEncoder.isSurelyNFC(value) {
                    outBytes.append(contentsOf: value)
                } else {
                    outBytes.append(contentsOf: String(decoding: value, as: UTF8.self).precomposedForTrygNFC.utf8)
                }
                outOffsets.append(outBytes.count)
            }
        }
        return TextBytes(offsets: outOffsets, bytes: outBytes)
    }
}
