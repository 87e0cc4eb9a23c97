import Synchronization

/// The values of a text column whose values are mostly different (free text, case numbers),
/// stored back to back as UTF-8 in one buffer with the offset of each: Arrow's string layout.
///
/// Value `i` is `bytes[offsets[i]..<offsets[i + 1]]`, in Unicode NFC like all stored text, so
/// equal texts have equal bytes. A null row holds no bytes (the column's null mask says it is
/// null). A kernel that wants codes (grouping, joins, sorting) asks for `dictionaryEncoded()`,
/// which is built on the first call and kept.
public final class TextBytes: Sendable {
    /// `count + 1` offsets into `bytes`, the first 0, never decreasing.
    public let offsets: [Int]
    /// Every value's UTF-8 bytes, in row order.
    public let bytes: [UInt8]
    private let encoded = Mutex<DictionaryText?>(nil)
    private let exceptions = Mutex<[Int]?>(nil)

    /// Text as codes into a dictionary.
    public typealias DictionaryText = (codes: [Int32], dictionary: TextDictionary)

    /// Values from offsets and bytes; `offsets` must start at 0, never decrease and end at
    /// `bytes.count` (the loader and `init(values:)` make them so). `foldExceptions`, when
    /// given, must hold at least every row `TextBytes.foldExceptionRows` finds (the loader
    /// finds them while it checks the bytes, so the first search need not).
    public init(offsets: [Int], bytes: [UInt8], foldExceptions: [Int]? = nil) {
        self.offsets = offsets.isEmpty ? [0] : offsets
        self.bytes = bytes
        exceptions.withLock { $0 = foldExceptions }
    }

    /// The given values, one a row.
    public convenience init<S: Sequence>(values: S) where S.Element == String {
        var offsets = [0]
        var bytes: [UInt8] = []
        for v in values {
            bytes.append(contentsOf: v.utf8)
            offsets.append(bytes.count)
        }
        self.init(offsets: offsets, bytes: bytes)
    }

    /// The number of rows.
    public var count: Int { offsets.count &- 1 }

    /// The byte range of row `i` in `bytes`.
    @inline(__always)
    public func range(_ i: Int) -> Range<Int> { offsets[i]..<offsets[i &+ 1] }

    /// The text of row `i` (empty for a null row).
    public func value(at i: Int) -> String {
        let r = range(i)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// The rows at the given indices, in that order.
    public func gather(_ rows: [Int32]) -> TextBytes {
        var outOffsets = [Int]()
        outOffsets.reserveCapacity(rows.count &+ 1)
        outOffsets.append(0)
        var total = 0
        for r in rows {
            total &+= offsets[Int(r) &+ 1] &- offsets[Int(r)]
            outOffsets.append(total)
        }
        var out = [UInt8](repeating: 0, count: total)
        bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for (k, r) in rows.enumerated() {
                    let from = offsets[Int(r)], n = offsets[Int(r) &+ 1] &- from
                    (d + outOffsets[k]).update(from: s + from, count: n)
                }
            }
        }
        return TextBytes(offsets: outOffsets, bytes: out)
    }

    /// `count` copies of one value.
    public static func repeating(_ value: String, count: Int) -> TextBytes {
        let one = Array(value.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(one.count &* count)
        var offsets = [0]
        offsets.reserveCapacity(count &+ 1)
        for _ in 0..<count {
            bytes.append(contentsOf: one)
            offsets.append(bytes.count)
        }
        return TextBytes(offsets: offsets, bytes: bytes)
    }

    /// The same values as codes into a dictionary of the distinct values in order of first
    /// appearance, built on the first call (by bytes: stored text is NFC) and kept.
    public func dictionaryEncoded() -> DictionaryText {
        encoded.withLock { cached in
            if let cached { return cached }
            let built = buildDictionary()
            cached = built
            return built
        }
    }

    /// The rows that case-insensitive matching answers on the general path (see `TextSearch`),
    /// found on the first call and kept.
    var foldExceptions: [Int] {
        exceptions.withLock { cached in
            if let cached { return cached }
            let found = computeFoldExceptions()
            cached = found
            return found
        }
    }

    private func buildDictionary() -> DictionaryText {
        let n = count
        var slotCount = 16
        while slotCount < n &* 2 { slotCount &*= 2 }
        let mask = slotCount &- 1
        var slots = [Int32](repeating: -1, count: slotCount)
        var firstRow: [Int] = []
        var codes = [Int32](repeating: 0, count: n)
        bytes.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { off in
                for i in 0..<n {
                    let value = UnsafeBufferPointer(rebasing: all[off[i]..<off[i &+ 1]])
                    var slot = Int(truncatingIfNeeded: TextBytes.hash(value)) & mask
                    while true {
                        let c = slots[slot]
                        if c < 0 {
                            let code = Int32(truncatingIfNeeded: firstRow.count)
                            slots[slot] = code
                            firstRow.append(i)
                            codes[i] = code
                            break
                        }
                        let f = firstRow[Int(c)]
                        if UnsafeBufferPointer(rebasing: all[off[f]..<off[f &+ 1]]).elementsEqual(value) {
                            codes[i] = c
                            break
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
        return (codes, TextDictionary(values: firstRow.map { value(at: $0) }))
    }

    /// A hash of every byte, eight at a time.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: b.count)
        guard let base = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i &+ 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count {
            tail |= UInt64(base[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* 0x9FB2_1C65_1E98_DF25
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
