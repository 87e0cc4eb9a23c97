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
                                    search(bytes.base, offsets.base, rows, pins.base, fold.base, shared.base)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Finds the needle anywhere in the bytes of `rows`, ignoring value boundaries while
    /// scanning, then keeps the hits that lie inside one value.
    ///
    /// Thirty-two start positions a step: a position is a candidate when its byte and the
    /// byte `m - 1` further on fold to the needle's first and last bytes (one vector compare
    /// each, with `caseBit` set on both sides where the fold allows exactly that), then the
    /// whole needle is compared. Candidates are rare in text, so the scan runs near memory speed.
    @inline(__always)
    private static func search(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ rows: Range<Int>,
                               _ needle: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
                               _ out: UnsafeMutablePointer<Bool>) {
        guard let base = all.baseAddress, let pin = needle.baseAddress, let t = fold.baseAddress,
              !rows.isEmpty, !needle.isEmpty else { return }
        let m = needle.count
        let first = pin[0], last = pin[m &- 1]
        let start = off[rows.lowerBound], end = off[rows.upperBound]
        var row = rows.lowerBound
        // The first byte a hit may start at: the rest of a row already matched is skipped.
        var next = start
        /// Compares the whole needle at each candidate lane of `lanes` (0xFF bytes), lane 0 at `at`.
        @inline(__always) func verify(_ lanes: UInt64, at: Int) {
            // One bit a candidate lane, at the bottom of its byte.
            var bits = lanes & 0x0101_0101_0101_0101
            while bits != 0 {
                let p = at &+ bits.trailingZeroBitCount >> 3
                bits &= bits &- 1
                guard p >= next else { continue }
                var k = 0
                while k < m, t[Int(base[p &+ k])] == pin[k] { k &+= 1 }
                guard k == m else { continue }
                while off[row &+ 1] <= p { row &+= 1 }
                if p &+ m <= off[row &+ 1] {
                    out[row] = true
                    next = off[row &+ 1]
                }
            }
        }
        let raw = UnsafeRawPointer(base)
        let v0 = SIMD16<UInt8>(repeating: first), vl = SIMD16<UInt8>(repeating: last)
        let o0 = SIMD16<UInt8>(repeating: caseBit(first)), ol = SIMD16<UInt8>(repeating: caseBit(last))
        /// The candidate lanes of the 16 start positions from `at`.
        @inline(__always) func candidates(_ at: Int) -> SIMD2<UInt64> {
            let a = raw.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self) | o0
            let z = raw.loadUnaligned(fromByteOffset: at &+ m &- 1, as: SIMD16<UInt8>.self) | ol
            return unsafeBitCast((a .== v0) .& (z .== vl), to: SIMD2<UInt64>.self)
        }
        var i = start
        // 32 positions a step (two blocks, one test for both), then 16.
        while i &+ m &+ 31 <= end {
            let low = candidates(i), high = candidates(i &+ 16)
            let both = low | high
            if both[0] | both[1] != 0 {
                verify(low[0], at: i)
                verify(low[1], at: i &+ 8)
                verify(high[0], at: i &+ 16)
                verify(high[1], at: i &+ 24)
            }
            i &+= 32
        }
        while i &+ m &+ 15 <= end {
            let lanes = candidates(i)
            verify(lanes[0], at: i)
            verify(lanes[1], at: i &+ 8)
            i &+= 16
        }
        // The last positions one at a time.
        i = max(i, next)
        while i &+ m <= end {
            var k = 0
            while k < m, t[Int(base[i &+ k])] == pin[k] { k &+= 1 }
            if k == m {
                // The row holding byte i; the hit counts when it ends inside that row.
                while off[row &+ 1] <= i { row &+= 1 }
                if i &+ m <= off[row &+ 1] {
                    out[row] = true
                    i = off[row &+ 1]
                    continue
                }
            }
            i &+= 1
        }
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
