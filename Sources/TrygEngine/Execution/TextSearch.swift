/// Case-insensitive `contains` and `starts with` over plain text at memory speed: one pass over
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

    /// For each row, whether its text contains (or starts with) the folded needle. Rows in
    /// `foldExceptions` are left false (the caller answers them on the general path).
    static func answers(_ s: TextBytes, folded needle: [UInt8], startsWith: Bool) -> [Bool] {
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
                                if startsWith {
                                    prefixes(bytes.base, offsets.base, rows, pins.base, fold.base, shared.base)
                                } else {
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
    @inline(__always)
    private static func search(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ rows: Range<Int>,
                               _ needle: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
                               _ out: UnsafeMutablePointer<Bool>) {
        guard let base = all.baseAddress, let pin = needle.baseAddress, let t = fold.baseAddress,
              !rows.isEmpty else { return }
        let m = needle.count
        let first = pin[0]
        let start = off[rows.lowerBound], end = off[rows.upperBound]
        var row = rows.lowerBound
        var i = start
        let last = end &- m
        while i <= last {
            if t[Int(base[i])] != first {
                i &+= 1
                continue
            }
            var k = 1
            while k < m, t[Int(base[i &+ k])] == pin[k] { k &+= 1 }
            if k == m {
                // The row holding byte i; the hit counts when it ends inside that row.
                while off[row &+ 1] <= i { row &+= 1 }
                if i &+ m <= off[row &+ 1] {
                    out[row] = true
                    // The rest of this row cannot change its answer.
                    i = off[row &+ 1]
                    continue
                }
            }
            i &+= 1
        }
    }

    /// Compares the first bytes of each row with the needle.
    @inline(__always)
    private static func prefixes(_ all: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<Int>, _ rows: Range<Int>,
                                 _ needle: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
                                 _ out: UnsafeMutablePointer<Bool>) {
        guard let base = all.baseAddress, let pin = needle.baseAddress, let t = fold.baseAddress else { return }
        let m = needle.count
        for row in rows where off[row &+ 1] &- off[row] >= m {
            let v = base + off[row]
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
        var rows: [Int] = []
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let n = all.count
            var row = 0
            var i = 0
            while i < n {
                if i &+ 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i &+= 8
                    continue
                }
                let b = base[i]
                if b < 0x80 {
                    i &+= 1
                    continue
                }
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
        }
        return rows
    }
}
