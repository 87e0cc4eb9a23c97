import Foundation
import Testing
@testable import TrygEngine

/// `stddev`, `avg`, `median` and `quantile` of numbers answer as an exact computation rounded
/// once would, near enough: equal values have a spread of exactly 0, values near a double's
/// largest give finite answers, and the median of decimals is their exact midpoint, as
/// `quantile(x, 0.5)` gives it. Every kernel (whole table, grouped, filtered, joined) agrees.
@Suite struct AggregateAccuracyTests {
    /// A table `t` of a group `g`, a number `x` (decimals of `scale`, or floats when `scale`
    /// is nil) and a key `k` that a one-row table `u` joins.
    static func sessions(_ values: [Double?], decimals: [Int64?]? = nil, scale: Int = 2,
                         groups: [String]? = nil) -> [Session] {
        var g = ColumnBuilder(type: .text), x = ColumnBuilder(type: decimals == nil ? .float : .decimal)
        var k = ColumnBuilder(type: .int)
        let n = decimals?.count ?? values.count
        for i in 0..<n {
            g.append(.text(groups?[i] ?? "a"))
            if let decimals {
                x.append(decimals[i].map { .decimal(DecimalValue(units: $0, scale: scale)) } ?? .null)
            } else {
                x.append(values[i].map { .float($0) } ?? .null)
            }
            k.append(.int(1))
        }
        var uk = ColumnBuilder(type: .int)
        uk.append(.int(1))
        let t = Table(name: "t", columnNames: ["g", "x", "k"], columns: [g.finish(), x.finish(), k.finish()])
        let u = Table(name: "u", columnNames: ["k"], columns: [uk.finish()])
        return [Session(catalog: Catalog([t, u]), kernels: .all), Session(catalog: Catalog([t, u]), kernels: .general)]
    }

    /// The single float a query gives (nil for null), with the query in any failure.
    static func number(_ session: Session, _ query: String, row: Int = 0, column: Int = 0) throws -> Double? {
        guard case .rows(let r) = try session.execute(query) else { throw Diagnostic(.error, "no rows: \(query)") }
        switch r.table.columns[column].value(at: row) {
        case .float(let d): return d
        case .null: return nil
        case let v: throw Diagnostic(.error, "\(query) gave \(v.display)")
        }
    }

    /// The aggregate over all of `t`'s rows as each kernel reaches it: whole table, grouped,
    /// filtered, joined.
    static func run(_ sessions: [Session], _ agg: String) throws -> [Double?] {
        var out: [Double?] = []
        for s in sessions {
            for q in ["t compute \(agg) as y", "t group by g compute \(agg) as y select y",
                      "t where k = 1 compute \(agg) as y", "t join u on k compute \(agg) as y"] {
                out.append(try number(s, q))
            }
        }
        return out
    }

    /// The sample standard deviation, exactly as Foundation's Decimal computes it in two passes
    /// (a mean, then squared deviations), and the square root taken once of the variance.
    static func reference(_ xs: [Decimal]) -> Double? {
        guard xs.count >= 2 else { return nil }
        let n = Decimal(xs.count)
        let mean = xs.reduce(Decimal(0), +) / n
        let squares = xs.reduce(Decimal(0)) { $0 + ($1 - mean) * ($1 - mean) }
        return NSDecimalNumber(decimal: squares / (n - 1)).doubleValue.squareRoot()
    }

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a == b || (a - b).magnitude <= tolerance * max(a.magnitude, b.magnitude)
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func standardDeviationOfDecimalsMatchesAnExactTwoPassReference(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        // A base of up to 13 digits before the point, and a spread from none to wide.
        let base = Int64(rng.int(1_000_000_000)) * Int64(1 + rng.int(1_000_000))
        let spread = [0, 1, 3, 1000, 1_000_000_000][rng.int(5)]
        let n = 2 + rng.int(40)
        let units: [Int64?] = (0..<n).map { i in i > 1 && rng.int(8) == 0 ? nil : base + Int64(rng.int(spread + 1)) }
        let want = Self.reference(units.compactMap { $0 }.map { Decimal($0) / 100 })
        for got in try Self.run(Self.sessions([], decimals: units), "stddev(x)") {
            #expect(Self.close(got, want), "seed \(seed): \(String(describing: got)) against \(String(describing: want))")
            if spread == 0 { #expect(got == 0, "seed \(seed)") }
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func standardDeviationOfFloatsMatchesAnExactTwoPassReference(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        // Sixteenths, which doubles and decimals both hold exactly, near a large base.
        let base = Int64(rng.int(1 << 30)) << 18
        let spread = [0, 1, 5, 1 << 20][rng.int(4)]
        let n = 2 + rng.int(40)
        let sixteenths: [Int64] = (0..<n).map { _ in base + Int64(rng.int(spread + 1)) }
        let want = Self.reference(sixteenths.map { Decimal($0) / 16 })
        let sessions = Self.sessions(sixteenths.map { Double($0) / 16 })
        for got in try Self.run(sessions, "stddev(x)") {
            #expect(Self.close(got, want), "seed \(seed): \(String(describing: got)) against \(String(describing: want))")
            if spread == 0 { #expect(got == 0, "seed \(seed)") }
        }
        // Scaled by a power of two, the values' spread is scaled by exactly that.
        let unscaled = try Self.number(sessions[0], "t compute stddev(x)")
        for e in [-900, -300, 300, 900] {
            let p = Double(sign: .plus, exponent: e, significand: 1)
            let scaled = Self.sessions(sixteenths.map { Double($0) / 16 * p })
            for got in try Self.run(scaled, "stddev(x)") {
                #expect(got == unscaled.map { $0 * p }, "seed \(seed) scaled by 2^\(e)")
            }
        }
    }

    @Test(arguments: [9999999999999.99, 0.1, 1e200, -3.5e-300, 1.7976931348623157e308, 5e-324])
    func equalValuesHaveNoSpread(value: Double) throws {
        for n in [2, 3, 10, 1000] {
            for got in try Self.run(Self.sessions(Array(repeating: value, count: n)), "stddev(x)") {
                #expect(got == 0, "\(n) × \(value)")
            }
            for got in try Self.run(Self.sessions(Array(repeating: value, count: n)), "avg(x)") {
                #expect(Self.close(got, value, 1e-12), "avg of \(n) × \(value)")
            }
        }
        // As decimals of two places, where the value has them.
        guard value.magnitude < 1e14, let units = Int64(exactly: (value * 100).rounded()), units != 0 else { return }
        for got in try Self.run(Self.sessions([], decimals: Array(repeating: units, count: 10)), "stddev(x)") {
            #expect(got == 0, "10 × \(value) as decimals")
        }
    }

    @Test func valuesNearTheLargestDoubleGiveFiniteAnswers() throws {
        let big = Self.sessions([1e200, 2e200, 3e200])
        for got in try Self.run(big, "stddev(x)") { #expect(Self.close(got, 1e200, 1e-15), "\(String(describing: got))") }
        for got in try Self.run(Self.sessions([1e308, 1e308]), "median(x)") { #expect(got == 1e308) }
        for got in try Self.run(Self.sessions([1e308, 1e308]), "quantile(x, 0.5)") { #expect(got == 1e308) }
        for got in try Self.run(Self.sessions([-1e308, 1e308, 1.5e308]), "quantile(x, 0.25)") { #expect(got == 0) }
        for got in try Self.run(Self.sessions([1.5e308, 1.7e308]), "median(x)") { #expect(got == 1.6e308) }
        for got in try Self.run(Self.sessions([1e308, 1e308]), "avg(x)") { #expect(got == 1e308) }
        for got in try Self.run(Self.sessions([1e308, 1.5e308, 1.7e308]), "avg(x)") {
            #expect(Self.close(got, 1.4e308, 1e-15), "\(String(describing: got))")
        }
        // A sum beyond a double's range is still an overflow; so is a spread beyond it.
        for s in Self.sessions([1e308, 1e308]) {
            #expect(throws: Diagnostic.self) { try Self.number(s, "t compute sum(x)") }
        }
        for s in Self.sessions([-1.7e308, 1.7e308]) {
            let error = #expect(throws: Diagnostic.self) { try Self.number(s, "t compute stddev(x)") }
            #expect(error?.code == .overflow)
        }
    }

    /// The mean of many finite values whose sum leaves a double's range: the exact mean of their
    /// multiples of 1e300, rounded.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func averageOfHugeValuesMatchesTheExactMean(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        let multiples = (0..<(2 + rng.int(300))).map { _ in Int64(1 + rng.int(179)) }
        let groups = multiples.map { _ in rng.int(2) == 0 ? "a" : "b" }
        let want = Double(multiples.reduce(0, +)) / Double(multiples.count) * 1e300
        let sessions = Self.sessions(multiples.map { Double($0) * 1e300 }, groups: groups)
        for s in sessions {
            for q in ["t compute avg(x)", "t where k = 1 compute avg(x)", "t join u on k compute avg(x)"] {
                #expect(Self.close(try Self.number(s, q), want, 1e-13), "seed \(seed): \(q)")
            }
            for (i, name) in ["a", "b"].enumerated() {
                let mine = zip(multiples, groups).filter { $0.1 == name }.map(\.0)
                guard !mine.isEmpty else { continue }
                let got = try Self.number(s, "t group by g compute avg(x) where g = \"\(name)\" select avg_x")
                #expect(Self.close(got, Double(mine.reduce(0, +)) / Double(mine.count) * 1e300, 1e-13), "seed \(seed) group \(i)")
            }
        }
    }

    /// The median of decimals is their exact midpoint, rounded once, and quantile(x, 0.5) is
    /// the same number.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func medianOfDecimalsIsTheExactMidpointAsQuantileGivesIt(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        let scale = [1, 2, 6][rng.int(3)]
        let n = 1 + rng.int(12)
        let units: [Int64?] = (0..<n).map { _ in Int64(rng.int(2_000_001)) - 1_000_000 }
        let sorted = units.compactMap { $0 }.sorted()
        let mid = (Decimal(sorted[(n - 1) / 2]) + Decimal(sorted[n / 2])) / 2 / pow(Decimal(10), scale)
        let want = Double(NSDecimalNumber(decimal: mid).stringValue)
        let sessions = Self.sessions([], decimals: units, scale: scale)
        for got in try Self.run(sessions, "median(x)") { #expect(got == want, "seed \(seed)") }
        for got in try Self.run(sessions, "quantile(x, 0.5)") { #expect(got == want, "seed \(seed)") }
        for got in try Self.run(Self.sessions([], decimals: [10, 20], scale: 2), "quantile(x, 0.5)") { #expect(got == 0.15) }
    }
}
