/// xoshiro256** seeded through SplitMix64: the generator's only source of randomness.
///
/// Everything the generator draws comes from here, so the same seed gives the same bytes on
/// every run and every machine (no `Hasher`, no system random, no hash-table order).
struct SampleRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A stream for one purpose: different `stream` numbers give independent sequences, so
    /// changing how one table is drawn leaves the others as they were.
    init(seed: UInt64, stream: UInt64) {
        var x = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A whole number in `0..<bound` (bound > 0), by the high half of a 128-bit product.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A whole number in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A number in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A position in `weights`, each drawn in proportion to its weight.
    mutating func pick(_ weights: [Double]) -> Int {
        pick(cumulative: WeightTable(weights))
    }

    /// A position drawn from a prepared table (binary search, for long tables or hot loops).
    mutating func pick(cumulative table: WeightTable) -> Int {
        let target = unit() * table.total
        var low = 0
        var high = table.sums.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table.sums[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Fisher–Yates, in place.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}

/// Running sums of weights, for drawing a position by weight.
struct WeightTable {
    let sums: [Double]
    let total: Double

    init(_ weights: [Double]) {
        var running = 0.0
        sums = weights.map { running += max(0, $0); return running }
        total = running
    }
}
