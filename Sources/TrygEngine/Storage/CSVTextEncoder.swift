/// Dictionary-encodes text fields by their bytes: a value already seen costs one hash and
/// one compare, and a String is made once per distinct value.
///
/// Text is stored in Unicode NFC, so `å` written as `a` plus a combining ring gets the
/// same code as the precomposed `å`; both byte spellings are kept as keys.
struct CSVTextEncoder {
    /// The distinct values in order of first appearance; codes index this.
    private(set) var values: [String] = []
    /// The code of the `""` that stands in for nulls when a column starts with nulls
    /// (the same convention as `ColumnBuilder`); nil when there is none.
    private(set) var nullPlaceholder: Int32?
    /// Some value held a byte beyond ASCII.
    private(set) var sawNonASCII = false
    /// Some value was not valid UTF-8 (each distinct value is checked once, when it is added;
    /// the loader then checks the whole file and says where).
    private(set) var sawInvalidUTF8 = false

    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
        var code: Int32
    }

    /// Open addressing: each slot holds an index into `entries` plus one, or 0 when empty.
    private var slots = [Int32](repeating: 0, count: 64)
    private var entries: [Entry] = []
    /// The key bytes of all entries, back to back.
    private var arena: [UInt8] = []

    init() {}

    /// The code for a null row.
    mutating func nullCode() -> Int32 {
        if values.isEmpty {
            values.append("")
            nullPlaceholder = 0
        }
        return 0
    }

    /// The code of a non-empty field's bytes, adding the value when new.
    @inline(__always)
    mutating func code(for b: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (h, nonASCII) = CSVTextEncoder.hash(b)
        if let c = find(b, hash: h) { return c }
        return add(b, hash: h, nonASCII: nonASCII)
    }

    /// The code of a value already in NFC (from another chunk's dictionary), adding it when new.
    mutating func code(forNFC value: String) -> Int32 {
        var utf8 = value
        let stored = value
        return utf8.withUTF8 { b in
            let h = CSVTextEncoder.hash(b).0
            if let c = find(b, hash: h) { return c }
            let code = Int32(truncatingIfNeeded: values.count)
            values.append(stored)
            insertKey(b, hash: h, code: code)
            return code
        }
    }

    private func find(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            let e = entries[Int(s) &- 1]
            if e.hash == h, e.length == b.count, sameBytes(e.offset, b) { return e.code }
            slot = (slot &+ 1) & mask
        }
    }

    /// Compares inline, eight bytes at a time: keys are short, and a call to `memcmp`
    /// cost more than the comparison itself.
    @inline(__always)
    private func sameBytes(_ offset: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, b.count > 0 else { return true }
        return arena.withUnsafeBufferPointer { a in
            guard let ab = a.baseAddress else { return false }
            let x = UnsafeRawPointer(ab + offset), y = UnsafeRawPointer(base)
            let n = b.count
            var i = 0
            while i &+ 8 <= n {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i &+= 8
            }
            if i == n { return true }
            if n >= 8 {
                // The last eight bytes, overlapping ones already compared.
                return x.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                    == y.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            }
            while i < n {
                if ab[offset &+ i] != base[i] { return false }
                i &+= 1
            }
            return true
        }
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64, nonASCII: Bool) -> Int32 {
        if nonASCII {
            sawNonASCII = true
            if !CSVEncodingCheck.isValidUTF8(b) { sawInvalidUTF8 = true }
        }
        if nonASCII, !CSVTextEncoder.isSurelyNFC(b) {
            let value = String(decoding: b, as: UTF8.self).precomposedForTrygNFC
            var nfc = Array(value.utf8)
            if !nfc.elementsEqual(b) {
                let code = nfc.withUnsafeMutableBufferPointer { nb -> Int32 in
                    let nbuf = UnsafeBufferPointer(nb)
                    let nh = CSVTextEncoder.hash(nbuf).0
                    if let c = find(nbuf, hash: nh) { return c }
                    let c = Int32(truncatingIfNeeded: values.count)
                    values.append(value)
                    insertKey(nbuf, hash: nh, code: c)
                    return c
                }
                // The original spelling becomes a second key for the same value.
                insertKey(b, hash: h, code: code)
                return code
            }
        }
        let code = Int32(truncatingIfNeeded: values.count)
        values.append(String(decoding: b, as: UTF8.self))
        insertKey(b, hash: h, code: code)
        return code
    }

    private mutating func insertKey(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64, code: Int32) {
        if (entries.count &+ 1) &* 2 > slots.count { grow() }
        entries.append(Entry(hash: h, offset: arena.count, length: b.count, code: code))
        arena.append(contentsOf: b)
        place(Int32(truncatingIfNeeded: entries.count), hash: h)
    }

    private mutating func place(_ entryPlusOne: Int32, hash h: UInt64) {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = entryPlusOne
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count &* 2)
        for (i, e) in entries.enumerated() { place(Int32(truncatingIfNeeded: i &+ 1), hash: e.hash) }
    }

    /// True when every scalar is below U+0300: no combining marks or other characters that
    /// NFC changes occur there, so Danish text skips Foundation's normalisation entirely.
    static func isSurelyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in b where byte >= 0xCC { return false }
        return true
    }

    /// A fast 64-bit hash of the bytes, and whether any byte is non-ASCII.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, Bool) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: b.count)
        var high: UInt64 = 0
        guard let base = b.baseAddress else { return (h, false) }
        let n = b.count
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            high |= w
            h = (h ^ w) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 29
            i &+= 8
        }
        if i < n {
            // The last 1…7 bytes as one word, without a loop over them.
            let raw = UnsafeRawPointer(base)
            var w: UInt64
            if n >= 8 {
                w = raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) >> UInt64((8 &- (n &- i)) &* 8)
            } else {
                w = 0
                var k = 0
                if n &- k >= 4 {
                    w = UInt64(raw.loadUnaligned(fromByteOffset: k, as: UInt32.self))
                    k &+= 4
                }
                if n &- k >= 2 {
                    w |= UInt64(raw.loadUnaligned(fromByteOffset: k, as: UInt16.self)) << UInt64(k &* 8)
                    k &+= 2
                }
                if n &- k >= 1 { w |= UInt64(base[k]) << UInt64(k &* 8) }
            }
            high |= w
            h = (h ^ w) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 29
        }
        // Final avalanche (from MurmurHash3) so low bits pick good slots.
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return (h, high & 0x8080_8080_8080_8080 != 0)
    }
}
