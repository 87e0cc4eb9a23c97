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
    /// What `scan()` found, for the first `scannedRows` rows; it holds for the column while
    /// those are all its rows (`removeLast` drops it).
    private var scanned: Scan?
    private var scannedRows = 0

    /// The scan of every row, when there is one.
    var completeScan: Scan? { scannedRows == rows ? scanned : nil }

    /// The rows a pass over the bytes singled out (row numbers from 0, ascending).
    struct Scan: Equatable {
        /// Rows holding a character beyond ASCII other than a Latin-1 letter: case-insensitive
        /// matching answers them on its general path (`TextBytes.foldExceptionRows`).
        var foldExceptions: [Int] = []
        /// Rows that NFC may change (a subset of `foldExceptions`): only these are normalised.
        var nfcCandidates: [Int] = []

        mutating func append(_ next: Scan, shift: Int) {
            foldExceptions.append(contentsOf: next.foldExceptions.lazy.map { $0 &+ shift })
            nfcCandidates.append(contentsOf: next.nfcCandidates.lazy.map { $0 &+ shift })
        }
    }

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
        scanned = nil
        scannedRows = -1
    }

    /// Appends another stretch's rows and leaves `next` empty. Its bytes (and ours, when they
    /// must move to a larger buffer) are copied a step at a time, each step's pages given back
    /// once copied, so the column is not held twice while the chunks are joined.
    mutating func append(_ next: inout CSVPlainText) {
        let shift = bytes.count, firstRow = rows
        var joinedScan = completeScan
        if let more = next.completeScan { joinedScan?.append(more, shift: firstRow) } else { joinedScan = nil }
        var moving = next.bytes
        next.bytes = []
        CSVArrayMove.append(&moving, to: &bytes)
        offsets.reserveCapacity(offsets.count &+ next.rows)
        for o in next.offsets.dropFirst() { offsets.append(o &+ shift) }
        scanned = joinedScan
        scannedRows = joinedScan == nil ? -1 : rows
        next = CSVPlainText()
    }

    /// What the loader must know of the bytes: any beyond ASCII, any invalid UTF-8, any NUL.
    /// Also finds the rows that `finish` and case-insensitive matching must look at
    /// (`scanned`), while the chunk's bytes are at hand on the chunk's own core.
    mutating func scan() -> CSVTextCheck {
        var result = CSVTextCheck()
        var found = Scan()
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            result.nul = memchr(base, 0, all.count) != nil
            result.nonASCII = CSVPlainText.firstNonASCII(all, from: 0) != nil
            guard result.nonASCII else { return }
            found = CSVPlainText.findRows(all, offsets)
            // A row the byte fold answers holds only ASCII and `C3` pairs (U+00C0–U+00FF), so
            // it is valid UTF-8; only the fold's exceptions need checking, each as a whole value.
            result.invalidUTF8 = offsets.withUnsafeBufferPointer { off in
                found.foldExceptions.contains { row in
                    !CSVEncodingCheck.isValidUTF8(UnsafeBufferPointer(rebasing: all[off[row]..<off[row &+ 1]]))
                }
            }
        }
        scanned = found
        scannedRows = rows
        return result
    }

    /// The rows of a scan: fold exceptions, and among them the rows not surely in NFC.
    private static func findRows(_ all: Bytes, _ offsets: [Int]) -> Scan {
        var found = Scan()
        offsets.withUnsafeBufferPointer { off in
            found.foldExceptions = TextBytes.foldExceptionRows(all, offsets: off, rows: 0..<(off.count &- 1))
            found.nfcCandidates = found.foldExceptions.filter { row in
                !CSVTextEncoder.isSurelyNFC(UnsafeBufferPointer(rebasing: all[off[row]..<off[row &+ 1]]))
            }
        }
        return found
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

    /// The finished storage, in NFC. Only the rows a scan singled out as not surely NFC are
    /// normalised (a `String` each); when none changes, the bytes are kept as they are.
    func finish() -> TextBytes {
        let found = completeScan ?? bytes.withUnsafeBufferPointer { CSVPlainText.findRows($0, offsets) }
        var normalised: [Int: [UInt8]] = [:]
        bytes.withUnsafeBufferPointer { all in
            for row in found.nfcCandidates {
                let value = UnsafeBufferPointer(rebasing: all[offsets[row]..<offsets[row &+ 1]])
                let nfc = Array(String(decoding: value, as: UTF8.self).precomposedForTrygNFC.utf8)
                if !nfc.elementsEqual(value) { normalised[row] = nfc }
            }
        }
        guard !normalised.isEmpty else {
            return TextBytes(offsets: offsets, bytes: bytes, foldExceptions: found.foldExceptions)
        }
        // Rows NFC leaves alone were fold exceptions only if they still are: the list stays
        // a superset, which is all matching needs.
        var outBytes: [UInt8] = []
        outBytes.reserveCapacity(bytes.count)
        var outOffsets = [0]
        outOffsets.reserveCapacity(offsets.count)
        bytes.withUnsafeBufferPointer { all in
            for i in 0..<rows {
                if let nfc = normalised[i] {
                    outBytes.append(contentsOf: nfc)
                } else {
                    outBytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[offsets[i]..<offsets[i &+ 1]]))
                }
                outOffsets.append(outBytes.count)
            }
        }
        return TextBytes(offsets: outOffsets, bytes: outBytes, foldExceptions: found.foldExceptions)
    }
}
