import Foundation

/// Round tick values for an axis: steps of 1, 2 or 5 times a power of ten.
struct ChartScale: Equatable {
    let low: Double
    let high: Double
    let step: Double

    /// A scale covering `low…high` with about `ticks` steps; it reaches zero when the values
    /// are all positive and zero is near (so bars and falls are not exaggerated).
    static func nice(_ low: Double, _ high: Double, ticks: Int, includeZero: Bool) -> ChartScale {
        var lo = low, hi = high
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
            if includeZero && low >= 0 { lo = max(lo, 0) }
        }
        let raw = (hi - lo) / Double(max(1, ticks))
        let power = pow10(floor(log10(raw)))
        let fraction = raw / power
        let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
        return ChartScale(low: floor(lo / step) * step, high: ceil(hi / step) * step, step: step)
    }

    /// Whether a line chart's axis should start at zero: values of one sign with zero nearer than their spread.
    static func startsAtZero(_ values: [Double]) -> Bool {
        guard let lo = values.min(), let hi = values.max() else { return true }
        if lo < 0 && hi > 0 { return true }
        return lo >= 0 ? lo <= hi / 2 : hi >= lo / 2
    }

    var ticks: [Double] {
        guard step > 0 else { return [low] }
        let n = Int(((high - low) / step).rounded())
        return (0...max(0, n)).map { low + Double($0) * step }
    }

    /// Where a value falls between `low` (0) and `high` (1).
    func fraction(_ value: Double) -> Double { high > low ? (value - low) / (high - low) : 0.5 }

    private static func pow10(_ e: Double) -> Double {
        var r = 1.0
        let n = Int(e)
        for _ in 0..<abs(n) { r *= 10 }
        return n >= 0 ? r : 1 / r
    }
}

/// Numbers as charts print them: whole measures without decimals, others to at most two places.
enum ChartNumber {
    /// The values of one series as their labels, with one number of decimals for all of them so
    /// that, right-aligned, their points line up (`2.30` above `2.28`, not `2.3`).
    static func labels(_ values: [Double?], whole: Bool) -> [String?] {
        let texts = values.map { $0.map { format($0, whole: whole) } }
        // Digits after the point; nil for a text in another form (an exponent), which is left as it is.
        func decimals(_ t: String) -> Int? {
            guard t.allSatisfy({ "-0123456789.".contains($0) }) else { return nil }
            return t.firstIndex(of: ".").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0
        }
        let counts = texts.compactMap { $0 }.map(decimals)
        guard !counts.contains(where: { $0 == nil }), let most = counts.compactMap({ $0 }).max(), most > 0 else { return texts }
        return texts.map { text in
            guard let text, let have = decimals(text) else { return text }
            return text + (have == 0 ? "." : "") + String(repeating: "0", count: most - have)
        }
    }

    static func format(_ value: Double, whole: Bool) -> String {
        if whole, abs(value) < 1e15 { return String(Int64(value.rounded())) }
        var s = CellText.rounded(value)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s == "-0" ? "0" : s
    }
}
