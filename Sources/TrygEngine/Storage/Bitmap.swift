/// A packed set of bits, one per row; used for null masks (a set bit is a null).
public struct Bitmap: Hashable, Sendable {
    public var words: [UInt64]
    public let count: Int

    public init(count: Int, value: Bool = false) {
        self.count = count
        self.words = Array(repeating: value ? ~0 : 0, count: (count + 63) / 64)
    }

    @inlinable
    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// True when any bit is set.
    public var any: Bool {
        guard count > 0 else { return false }
        let full = count / 64
        for w in 0..<full where words[w] != 0 { return true }
        if count % 64 != 0 {
            let mask: UInt64 = (1 << UInt64(count % 64)) - 1
            return words[full] & mask != 0
        }
        return false
    }

    /// The number of set bits.
    public var popCount: Int {
        guard count > 0 else { return 0 }
        var n = 0
        let full = count / 64
        for w in 0..<full { n += words[w].nonzeroBitCount }
        if count % 64 != 0 { n += (words[full] & ((1 << UInt64(count % 64)) - 1)).nonzeroBitCount }
        return n
    }
}
