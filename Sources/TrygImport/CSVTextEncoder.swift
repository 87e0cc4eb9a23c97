import TrygEngine
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
    /// Some value held a NUL byte (past the head the loader probes; it then says where).
    private(set) var sawNUL = false

    /// The byte spellings seen, each with its code.
    private var keys = CSVTextKeys()

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
        let h = CSVTextEncoder.hash(b)
        if let c = keys.find(b, hash: h) { return c }
        return add(b, hash: h, nonASCII: b.contains { $0 >= 0x80 })
    }

    /// The code of a value already in NFC (from another chunk's dictionary), adding it when new.
    mutating func code(forNFC value: String) -> Int32 {
        var utf8 = value
        let stored = value
        return utf8.withUTF8 { b in
            let h = CSVTextEncoder.hash(b)
            if let c = keys.find(b, hash: h) { return c }
            let code = Int32(truncatingIfNeeded: values.count)
            values.append(stored)
            insertKey(b, hash: h, code: code)
            return code
        }
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64, nonASCII: Bool) -> Int32 {
        if b.contains(0) { sawNUL = true }
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
                    let nh = CSVTextEncoder.hash(nbuf)
                    if let c = keys.find(nbuf, hash: nh) { return c }
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
        // Keys are added once per distinct spelling, so copying on write costs nothing here.
        if !isKnownUniquelyReferenced(&keys) { keys = keys.copy() }
        keys.insert(b, hash: h, code: code)
    }

    /// True when every scalar is below U+0300, or punctuation or a currency sign from
    /// U+2002–U+206F and U+20A0–U+20BF (dashes, quotes, `…`, `€`): none is a combining mark,
    /// a composite NFC takes apart, or a character NFC joins to the one before it (Unicode's
    /// NFC_Quick_Check is Yes and the combining class 0 for all of them; U+2000 and U+2001
    /// are left out, NFC maps them to U+2002 and U+2003). So Danish text as staff write it
    /// skips Foundation's normalisation entirely. Bytes that are not such UTF-8 answer false.
    static func isSurelyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let byte = b[i]
            if byte < 0xCC {
                i &+= 1
                continue
            }
            guard byte == 0xE2, i &+ 2 < n, b[i &+ 2] & 0xC0 == 0x80 else { return false }
            let second = b[i &+ 1], third = b[i &+ 2]
            switch second {
            case 0x80 where third >= 0x82: break            // U+2002–U+203F
            case 0x81 where third < 0xB0: break             // U+2040–U+206F
            case 0x82 where third >= 0xA0 && third < 0xC0: break   // U+20A0–U+20BF
            default: return false
            }
            i &+= 3
        }
        return true
    }

    /// A 64-bit hash of the length and of at most 24 of the bytes: the first eight, the last
    /// eight and eight from the middle. Values that differ elsewhere share a hash and are told
    /// apart by the comparison every lookup makes anyway; hashing every byte of a long value
    /// cost more than the rest of its lookup.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: b.count)
        guard let base = b.baseAddress else { return h }
        let n = b.count
        let raw = UnsafeRawPointer(base)
        @inline(__always) func mix(_ w: UInt64) {
            h = (h ^ w) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 29
        }
        if n >= 8 {
            mix(raw.loadUnaligned(as: UInt64.self))
            if n > 16 { mix(raw.loadUnaligned(fromByteOffset: (n &- 8) >> 1, as: UInt64.self)) }
            if n > 8 { mix(raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)) }
        } else {
            // One to seven bytes as one word, without a loop over them.
            var w: UInt64 = 0
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
            mix(w)
        }
        // Final avalanche (from MurmurHash3) so low bits pick good slots.
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}

/// An open-addressing hash table from byte strings to codes, in memory of its own: a lookup
/// reads raw memory only, with no array bounds, uniqueness or reference-count checks, since
/// it runs once per text field of a file. Keys are kept back to back in an arena.
final class CSVTextKeys {
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
        var code: Int32
    }

    /// Each slot holds the key's hash in its high 32 bits and an index into `entries` plus
    /// one in its low 32 bits, or 0 when empty; a power of two, at most a quarter full, so a
    /// lookup mostly reads one slot and one entry.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCount: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCount = 0
    private var entryCapacity: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    init(slotCount: Int = 64, entryCapacity: Int = 32, arenaCapacity: Int = 1024) {
        self.slotCount = slotCount
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        self.entryCapacity = entryCapacity
        entries = .allocate(capacity: entryCapacity)
        self.arenaCapacity = arenaCapacity
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    func copy() -> CSVTextKeys {
        let other = CSVTextKeys(slotCount: slotCount, entryCapacity: entryCapacity, arenaCapacity: arenaCapacity)
        other.slots.update(from: slots, count: slotCount)
        other.entries.initialize(from: entries, count: entryCount)
        other.entryCount = entryCount
        other.arena.initialize(from: arena, count: arenaCount)
        other.arenaCount = arenaCount
        return other
    }

    /// The code of a key, if present.
    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let mask = slotCount &- 1
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let e = entries[Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1]
                if e.length == b.count, CSVTextKeys.same(arena + e.offset, b) { return e.code }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Adds a key that is not present.
    func insert(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64, code: Int32) {
        if (entryCount &+ 1) &* 4 > slotCount { growSlots() }
        if entryCount == entryCapacity {
            entryCapacity &*= 2
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity)
            grown.moveInitialize(from: entries, count: entryCount)
            entries.deallocate()
            entries = grown
        }
        if arenaCount &+ b.count > arenaCapacity {
            arenaCapacity = max(arenaCapacity &* 2, arenaCount &+ b.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
            grown.moveInitialize(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
        }
        if let base = b.baseAddress { (arena + arenaCount).initialize(from: base, count: b.count) }
        (entries + entryCount).initialize(to: Entry(hash: h, offset: arenaCount, length: b.count, code: code))
        arenaCount &+= b.count
        entryCount &+= 1
        place(UInt64(entryCount), hash: h)
    }

    private func place(_ entryPlusOne: UInt64, hash h: UInt64) {
        let mask = slotCount &- 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = h & 0xFFFF_FFFF_0000_0000 | entryPlusOne
    }

    private func growSlots() {
        slots.deallocate()
        slotCount &*= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        for i in 0..<entryCount { place(UInt64(i &+ 1), hash: entries[i].hash) }
    }

    /// Compares inline: keys are short, and a call to `memcmp` cost more than the comparison
    /// itself. Up to 64 bytes the words compared are fixed by the length class alone (the
    /// last ones overlapping), so a comparison has no loop whose end must be guessed.
    @inline(__always)
    private static func same(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(base)
        let n = b.count
        @inline(__always) func differ(_ offset: Int) -> UInt64 {
            x.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        switch n {
        case 4...7:
            let first = x.loadUnaligned(as: UInt32.self) ^ y.loadUnaligned(as: UInt32.self)
            let last = x.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
                ^ y.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            return first | last == 0
        case 8...16:
            return differ(0) | differ(n &- 8) == 0
        case 17...32:
            return differ(0) | differ(8) | differ(n &- 16) | differ(n &- 8) == 0
        case 33...64:
            return differ(0) | differ(8) | differ(16) | differ(24)
                | differ(n &- 32) | differ(n &- 24) | differ(n &- 16) | differ(n &- 8) == 0
        case 65...:
            var i = 0
            while i &+ 8 <= n {
                if differ(i) != 0 { return false }
                i &+= 8
            }
            return differ(n &- 8) == 0
        default:
            var i = 0
            while i < n {
                if a[i] != base[i] { return false }
                i &+= 1
            }
            return true
        }
    }
}
