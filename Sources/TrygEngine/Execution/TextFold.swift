import Glibc

/// Case-insensitive `contains`, `starts with` and `ends with` over a text's UTF-8 bytes.
///
/// The bytes are folded to lower case and compared as bytes (a `memchr`/`memcmp` search for `contains`): ASCII
/// `A`–`Z`, and the Latin-1 letters `À`–`Þ` (`Æ Ø Å É Ü`, UTF-8 `C3 80`–`C3 9E` but `×`) to
/// `à`–`þ`. That covers Danish text (and the other Western European letters) exactly; a needle
/// or value holding any other character beyond ASCII, or `ß` (whose folding is not one
/// letter), is matched by the general path instead, so answers never depend on the path
/// (`TextFoldTests` compares the two on random text).
enum TextFold {
    enum Operation { case contains, startsWith, endsWith }

    /// The needle folded, or nil when it must take the general path (it holds a character
    /// the fold does not cover, or is empty).
    static func foldedNeedle(_ needle: String) -> [UInt8]? {
        guard !needle.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(needle.utf8.count)
        var ok = true
        var copy = needle
        copy.withUTF8 { ok = fold($0, into: &out) }
        return ok ? out : nil
    }

    /// Folds `bytes` onto the end of `out`; false when they hold a character outside the fold.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b)
                i &+= 1
            } else if b == 0xC3, i &+ 1 < n, bytes[i &+ 1] & 0xC0 == 0x80, bytes[i &+ 1] != 0x9F {
                let c = bytes[i &+ 1]
                out.append(0xC3)
                out.append(c <= 0x9E && c != 0x97 ? c | 0x20 : c)
                i &+= 2
            } else {
                return false
            }
        }
        return true
    }

    /// Whether the value matches the folded needle; nil when the value must take the general
    /// path. `scratch` is reused between values.
    @inline(__always)
    static func matches(_ value: String, _ needle: [UInt8], _ operation: Operation, scratch: inout [UInt8]) -> Bool? {
        var copy = value
        return copy.withUTF8 { matches(bytes: $0, needle, operation, scratch: &scratch) }
    }

    /// `matches` over a value's UTF-8 bytes.
    @inline(__always)
    static func matches(bytes value: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], _ operation: Operation,
                        scratch: inout [UInt8]) -> Bool? {
        scratch.removeAll(keepingCapacity: true)
        guard fold(value, into: &scratch) else { return nil }
        let n = scratch.count, m = needle.count
        guard m <= n else { return false }
        return scratch.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let h = hay.baseAddress, let p = pin.baseAddress else { return false }
                switch operation {
                case .startsWith: return memcmp(h, p, m) == 0
                case .endsWith: return memcmp(h + (n - m), p, m) == 0
                case .contains: return find(p, m, in: h, n)
                }
            }
        }
    }

    /// Whether the needle's `m` bytes occur in the `n` bytes of `hay`: `memchr` to each place
    /// the first byte occurs, then `memcmp` (Glibc's `memmem` is not in Swift's Glibc module).
    @inline(__always)
    static func find(_ needle: UnsafePointer<UInt8>, _ m: Int, in hay: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let first = Int32(needle[0])
        var at = 0
        let last = n - m
        while at <= last {
            guard let hit = memchr(hay + at, first, last - at + 1) else { return false }
            let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - hay
            if memcmp(hay + i, needle, m) == 0 { return true }
            at = i + 1
        }
        return false
    }

    /// The general path: both sides lower-cased and compared by characters. (Not Foundation's
    /// localized comparison, which finds `Å` in `-aÆ`: a Danish reader does not.) An empty
    /// needle is in every text.
    static func general(_ value: String, _ needle: String, _ operation: Operation) -> Bool {
        switch operation {
        case .contains: return needle.isEmpty || value.lowercased().contains(needle.lowercased())
        case .startsWith: return value.lowercased().hasPrefix(needle.lowercased())
        case .endsWith: return value.lowercased().hasSuffix(needle.lowercased())
        }
    }

    /// One answer: the fast path when it applies, else the general one.
    static func answer(_ value: String, _ needle: String, _ operation: Operation) -> Bool {
        var scratch: [UInt8] = []
        if let folded = foldedNeedle(needle), let hit = matches(value, folded, operation, scratch: &scratch) { return hit }
        return general(value, needle, operation)
    }

    /// The answer for every value (a text column's dictionary), on both cores when there are
    /// many (free text has nearly as many values as rows).
    static func answers(_ values: [String], _ needle: String, _ operation: Operation) -> [Bool] {
        guard let folded = foldedNeedle(needle) else { return values.map { general($0, needle, operation) } }
        var out = [Bool](repeating: false, count: values.count)
        out.withUnsafeMutableBufferPointer { result in
            guard let base = result.baseAddress else { return }
            let shared = SharedPointer(base: base)
            values.withUnsafeBufferPointer { strings in
                let input = SharedBuffer(base: strings)
                Parallel.forEachPart(strings.count, parts: Parallel.parts(for: strings.count)) { _, range in
                    var scratch: [UInt8] = []
                    scratch.reserveCapacity(256)
                    for i in range {
                        let v = input[i]
                        shared.base[i] = matches(v, folded, operation, scratch: &scratch) ?? general(v, needle, operation)
                    }
                }
            }
        }
        return out
    }
}
