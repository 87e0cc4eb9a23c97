import Glibc

/// The distinct values among a text column's first rows while they are kept as bytes
/// (`CSVPlainText`) rather than dictionary-encoded: a column of mostly different values
/// (free text, case numbers) then reaches its first checkpoint without a `String`, a key
/// copy or a conversion per value, and one of few values is encoded from those rows.
///
/// A set of row numbers, hashed and compared by the rows' bytes, so the count is exact: the
/// same count the dictionary would have (see `CSVColumnAccumulator.endProbe`).
struct CSVTextProbe {
    /// Different non-null values noted.
    private(set) var distinct = 0
    /// A null came before any value: the dictionary would hold its `""` placeholder.
    var placeholder = false
    /// Each slot holds a row's hash in its high 32 bits and the row plus one in its low 32
    /// bits, or 0 when empty; a power of two, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)

    /// The values the dictionary would hold.
    var values: Int { distinct &+ (placeholder ? 1 : 0) }

    /// Notes `row`, the last row of `plain`, whose bytes are `b` (not null).
    mutating func note(_ b: UnsafeBufferPointer<UInt8>, row: Int, in plain: CSVPlainText) {
        let h = CSVTextEncoder.hash(b)
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = slots.count &- 1
        let found: Bool = plain.bytes.withUnsafeBufferPointer { all in
            plain.offsets.withUnsafeBufferPointer { offsets in
                slots.withUnsafeMutableBufferPointer { slots in
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let s = slots[slot]
                        if s == 0 {
                            slots[slot] = tag | UInt64(row &+ 1)
                            return false
                        }
                        if s & 0xFFFF_FFFF_0000_0000 == tag {
                            let other = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1
                            let start = offsets[other], length = offsets[other &+ 1] &- start
                            if length == b.count, CSVTextProbe.same(all, start, b) { return true }
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
        if found { return }
        distinct &+= 1
        if distinct &* 2 > slots.count { grow(plain) }
    }

    /// Whether the bytes of `all` from `start` begin with those of `b`.
    private static func same(_ all: UnsafeBufferPointer<UInt8>, _ start: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let a = all.baseAddress, let p = b.baseAddress else { return b.isEmpty }
        return memcmp(a + start, p, b.count) == 0
    }

    private mutating func grow(_ plain: CSVPlainText) {
        let old = slots
        slots = Array(repeating: 0, count: old.count &* 2)
        let mask = slots.count &- 1
        for s in old where s != 0 {
            let row = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1
            let h = plain.bytes.withUnsafeBufferPointer { all in
                CSVTextEncoder.hash(UnsafeBufferPointer(rebasing: all[plain.offsets[row]..<plain.offsets[row &+ 1]]))
            }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = s
        }
    }
}
