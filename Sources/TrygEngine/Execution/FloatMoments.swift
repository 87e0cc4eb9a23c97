/// Means, midpoints and spreads of doubles that stay finite when the answer is: no step leaves
/// a double's range on the way, and equal values give exactly their value (and a spread of 0).
enum FloatMoments {
    /// 2^exponent, exactly.
    static func power(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }

    /// The exponent e with 2^e > count: values scaled by 2^-e add up to less than the largest of
    /// them, however many there are, so a mean is found without leaving a double's range (the
    /// scaled sum, divided by the count, scaled back).
    static func countExponent(_ count: Int) -> Int {
        Int.bitWidth - count.magnitude.leadingZeroBitCount
    }

    /// The midpoint of two doubles, rounded once: (a + b) / 2, or a/2 + b/2 when the sum
    /// leaves a double's range (halving is exact at that size).
    static func midpoint(_ a: Double, _ b: Double) -> Double {
        let sum = a + b
        if sum.isFinite || !a.isFinite || !b.isFinite { return sum / 2 }
        return a / 2 + b / 2
    }

    /// The value a fraction t (0…1) of the way from a to b: the midpoint at 0.5, and a step that
    /// cannot overflow when b - a is beyond a double's range.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        if t == 0 || a == b { return a }
        if t == 0.5 { return midpoint(a, b) }
        let d = b - a
        if d.isFinite || !a.isFinite || !b.isFinite { return a + d * t }
        return a + (b / 2 - a / 2) * t * 2
    }

    /// The sample standard deviation of values given as their differences from a reference
    /// (in any one unit): the mean of the differences, then the sum of the squared deviations
    /// from it. Values all equal give exactly 0; nil for fewer than two values.
    static func standardDeviation(differences d: [Double]) -> Double? {
        let n = d.count
        guard n >= 2 else { return nil }
        var sum = 0.0
        for x in d { sum += x }
        let mean = sum / Double(n)
        var squares = 0.0, drift = 0.0
        for x in d {
            let y = x - mean
            squares += y * y
            drift += y
        }
        // The deviations' own sum (0, but for the mean's rounding) corrects the squares.
        squares -= drift * drift / Double(n)
        return (max(squares, 0) / Double(n - 1)).squareRoot()
    }

    /// The sample standard deviation of finite doubles sorted ascending: scaled by a power of
    /// two so the largest magnitude is near 1, measured from the smallest value, and scaled back.
    /// Infinite or NaN inputs give what plain arithmetic gives.
    static func standardDeviation(sorted v: ArraySlice<Double>) -> Double? {
        guard v.count >= 2, let first = v.first, let last = v.last else { return nil }
        let largest = max(first.magnitude, last.magnitude)
        guard largest.isFinite, first.isFinite else {
            return standardDeviation(differences: v.map { $0 - first })
        }
        // Tiny values are scaled up as far as that is exact both ways.
        let e = largest == 0 ? 0 : min(max(Int(largest.exponent), -1000), 1000)
        let down = power(-e)
        let origin = first * down
        return standardDeviation(differences: v.map { $0 * down - origin }).map { $0 * power(e) }
    }
}
