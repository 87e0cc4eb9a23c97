import CByteScan
import Glibc

/// Case-insensitive `contains`, `starts with` and `ends with` over plain text at memory speed: one pass over
/// the column's whole byte buffer, folding byte by byte through a table, with no copy or
/// `String` per value.
///
/// Folding byte by byte is exact within a value that `TextFold.fold` covers: there every byte
/// from 0x80 belongs to a two-byte Latin-1 letter led by 0xC3, and only the second byte
/// changes case, so the fold needs no context. Values holding any other character beyond
/// ASCII (`TextBytes.foldExceptions`) are answered by the general path, one by one; a match
/// never starts or ends inside a character, since the needle is whole UTF-8.
enum TextSearch {
    /// Each byte folded as `TextFold.fold` folds it inside a value it covers.
    static let foldTable: [UInt8] = (0...255).map { i -> UInt8 in
        let b = UInt8(i)
        if b &- UInt8(ascii: "A") < 26 { return b | 0x20 }
        if b >= 0x80, b <= 0x9E, b != 0x97 { return b | 0x20 }
        return b
    }

    /// For each row, whether its text contains (starts with, ends with) the folded needle. Rows
    /// in `foldExceptions` are left false (the caller answers them on the general path).
    static func answers(_ s: TextBytes, folded needle: [UInt8], _ operation: TextFold.Operation) -> [Bool] {
        let n = s.count
        var out = [Bool](repeating: false, count: n)
        guard !needle.isEmpty else { return out }
        let pair = operation == .contains ? rarePair(needle, in: s) : (0, 0)
        out.withUnsafeMutableBufferPointer { result in
            guard let resultBase = result.baseAddress else { return }
            let shared = SharedPointer(base: resultBase)
            s.bytes.withUnsafeBufferPointer { all in
                s.offsets.withUnsafeBufferPointer { off in
                    needle.withUnsafeBufferPointer { pin in
                        foldTable.withUnsafeBufferPointer { table in
                            let bytes = SharedBuffer(base: all), offsets = SharedBuffer(base: off)
                            let pins = SharedBuffer(base: pin), fold = SharedBuffer(base: table)
                            Parallel.forEachPart(n, parts: Parallel.parts(for: n)) { _, rows in
                                switch operation {
                                case .startsWith:
                                    ends(bytes.base, offsets.base, rows, pins.base, fold.base, shared.base, suffix: false)
                                case .endsWith:
                                    ends(bytes.base, offsets.base, rows, pins.base, fold.base, shared.base, suffix: true)
                                case .contains:
                                    search(bytes.base, offsets.base, rows, pins.base, fold.base, pair: pair, shared.base)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Whether some row not in `skip` contains (starts with, ends with) the folded needle: block
    /// by block on one core, stopping at the first hit, so a needle that matches costs the scan
    /// of a few rows and one that matches nothing a pass over the bytes.
    static func anyAnswer(_ s: TextBytes, folded needle: [UInt8], _ operation: TextFold.Operation, skipping skip: Set<Int>) -> Bool {
        let n = s.count
        guard !needle.isEmpty, n > 0 else { return false }
        let pair = operation == .contains ? rarePair(needle, in: s) : (0, 0)
        let block = 1 << 14
        var out = [Bool](repeating: false, count: block)
        return s.bytes.withUnsafeBufferPointer { all in
            s.offsets.withUnsafeBufferPointer { off in
                needle.withUnsafeBufferPointer { pin in
                    foldTable.withUnsafeBufferPointer { table in
                        out.withUnsafeMutableBufferPointer { result in
                            guard let first = result.baseAddress else { return false }
                            var from = 0
                            while from < n {
                                let rows = from..<min(n, from &+ block)
                                result.update(repeating: false)
                                // The kernels write a row's answer at its row number: here, `from` less.
                                let base = first - from
                                switch operation {
                                case .startsWith: ends(all, off, rows, pin, table, base, suffix: false)
                                case .endsWith: ends(all, off, rows, pin, table, base, suffix: true)
                                case .contains: search(all, off, rows, pin, table, pair: pair, base)
                                }
                                for i in 0..<rows.count where result[i] && !skip.contains(from &+ i) { return true }
                                from = rows.upperBound
                            }
                            return false
                        }
                    }
                }
            }
        }
    }

    /// Finds the needle anywhere in the bytes of `rows`, ignoring value boundaries while
    /// scanning, then keeps the hits that lie inside one value.
    ///
    /// A start position is a candidate when the two needle bytes least frequent in the column
    /// (`pair`) fold to what the needle has there: one vector compare each, with `caseBit` set
    /// on both sides where the fold allows exactly that, 32 positions a step
    /// (`tryg_next_pair`). Only candidates are compared whole, and they are rare.
    @inline(__always)
    private static func search(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ rows: Range<Int>,
                               _ needle: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
                               pair: (Int, Int), _ out: UnsafeMutablePointer<Bool>) {
        guard let base = all.baseAddress, let pin = needle.baseAddress, let t = fold.baseAddress,
              !rows.isEmpty, !needle.isEmpty else { return }
        let m = needle.count
        let (i1, i2) = pair
        let b1 = pin[i1], b2 = pin[i2]
        let c1 = caseBit(b1), c2 = caseBit(b2)
        let start = off[rows.lowerBound], end = off[rows.upperBound]
        guard end &- start >= m else { return }
        // The last position a hit may start at, and the next one to look at.
        let lastStart = end &- m
        var p = start
        var row = rows.lowerBound
        while p <= lastStart {
            p &+= tryg_next_pair(base + (p &+ i1), lastStart &- p &+ 1, i2 &- i1, b1, c1, b2, c2)
            guard p <= lastStart else { break }
            var k = 0
            while k < m, t[Int(base[p &+ k])] == pin[k] { k &+= 1 }
            if k == m {
                // The row holding byte p; the hit counts when it ends inside that row, and the
                // rest of that row need not be looked at.
                while off[row &+ 1] <= p { row &+= 1 }
                if p &+ m <= off[row &+ 1] {
                    out[row] = true
                    p = off[row &+ 1]
                    continue
                }
            }
            p &+= 1
        }
    }

    /// The two positions of the folded needle (first < second, or both 0 for one byte) whose
    /// bytes are least frequent in a sample of the column's folded bytes (its first 64 KiB):
    /// the bytes the scan looks for, so that few positions need comparing whole.
    static func rarePair(_ needle: [UInt8], in s: TextBytes) -> (Int, Int) {
        guard needle.count > 1 else { return (0, 0) }
        var counts = [Int](repeating: 0, count: 256)
        s.bytes.withUnsafeBufferPointer { all in
            for b in all.prefix(1 << 16) { counts[Int(foldTable[Int(b)])] &+= 1 }
        }
        // Ties go to the needle's ends, which are the most selective when counts say nothing.
        let order = needle.indices.sorted { a, b in
            let ca = counts[Int(needle[a])], cb = counts[Int(needle[b])]
            if ca != cb { return ca < cb }
            return min(a, needle.count - 1 - a) < min(b, needle.count - 1 - b)
        }
        let x = order[0], y = order[1]
        return (min(x, y), max(x, y))
    }

    /// 0x20 when exactly two bytes fold to the folded needle byte `b`, `b` and `b - 0x20`
    /// (an ASCII letter, or the second byte of a Latin-1 letter), so that `x | 0x20 == b`
    /// tells whether `x` folds to `b`; 0 when only `b` itself does.
    static func caseBit(_ b: UInt8) -> UInt8 {
        if b &- UInt8(ascii: "a") < 26 { return 0x20 }
        if b >= 0xA0, b <= 0xBE, b != 0xB7 { return 0x20 }
        return 0
    }

    /// Compares the first (or, for a suffix, the last) bytes of each row with the needle. The
    /// needle is whole UTF-8, so the last bytes of a value match only from a character's start.
    @inline(__always)
    private static func ends(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ rows: Range<Int>,
                             _ needle: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
                             _ out: UnsafeMutablePointer<Bool>, suffix: Bool) {
        guard let base = all.baseAddress, let pin = needle.baseAddress, let t = fold.baseAddress else { return }
        let m = needle.count
        for row in rows where off[row &+ 1] &- off[row] >= m {
            let v = base + (suffix ? off[row &+ 1] &- m : off[row])
            var k = 0
            while k < m, t[Int(v[k])] == pin[k] { k &+= 1 }
            out[row] = k == m
        }
    }
}

extension TextBytes {
    /// The rows holding a character beyond ASCII other than the Latin-1 letters `TextFold`
    /// folds (`ß`, other scripts, combining marks, symbols such as `€`): matching answers them
    /// on the general path. Found in one pass over the bytes that skips ASCII eight bytes at a time.
    func computeFoldExceptions() -> [Int] {
        let parts = Parallel.parts(for: count)
        let found = UnsafeMutablePointer<[Int]>.allocate(capacity: parts)
        found.initialize(repeating: [], count: parts)
        defer { found.deinitialize(count: parts); found.deallocate() }
        let shared = SharedPointer(base: found)
        Parallel.forEachPart(count, parts: parts) { p, rows in shared.base[p] = self.foldExceptions(in: rows) }
        return (0..<parts).flatMap { found[$0] }
    }

    private func foldExceptions(in range: Range<Int>) -> [Int] {
        bytes.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { off in TextBytes.foldExceptionRows(all, offsets: off, rows: range) }
        }
    }

    /// The rows of `rows` holding a character beyond ASCII other than the Latin-1 letters
    /// `TextFold` folds, in `bytes` laid out by `offsets` as a `TextBytes` lays them out (value
    /// `i` is `bytes[offsets[i]..<offsets[i + 1]]`). ASCII is skipped eight bytes at a time,
    /// and in a word that holds a byte beyond it the scan jumps to that byte.
    public static func foldExceptionRows(_ bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<Int>,
                                         rows range: Range<Int>) -> [Int] {
        var rows: [Int] = []
        guard !range.isEmpty, let base = bytes.baseAddress else { return rows }
        let raw = UnsafeRawPointer(base)
        let n = offsets[range.upperBound]
        var row = range.lowerBound
        var i = offsets[range.lowerBound]
        while i < n {
            if i &+ 8 <= n {
                // Eight bytes at a time; in a word with a byte beyond ASCII, go straight to it.
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    i &+= 8
                    continue
                }
                i &+= high.trailingZeroBitCount &>> 3
            } else if base[i] < 0x80 {
                i &+= 1
                continue
            }
            let b = base[i]
            while offsets[row &+ 1] <= i { row &+= 1 }
            let end = offsets[row &+ 1]
            if b == 0xC3, i &+ 1 < end, base[i &+ 1] & 0xC0 == 0x80, base[i &+ 1] != 0x9F {
                i &+= 2
                continue
            }
            // The whole row goes to the general path; look on from the next row.
            rows.append(row)
            i = end
        }
        return rows
    }
}
