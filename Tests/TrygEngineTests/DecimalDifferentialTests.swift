import Testing
@testable import TrygEngine

/// Exact decimals checked against integer-cent arithmetic in SQLite (whose own decimals are
/// doubles): generated money columns, summed, subtracted, compared and rounded by tryg as
/// decimals must give exactly what SQLite gives on the cents.
@Suite struct DecimalDifferentialTests {
    struct Rows {
        var konto: [String] = []
        var a: [Int64?] = []
        var b: [Int64?] = []
    }

    /// Money amounts in cents: mostly small, some near a million kroner, some null.
    static func generate(_ count: Int, seed: UInt64) -> Rows {
        var rng = TestTables.Rng(state: seed)
        var rows = Rows()
        for _ in 0..<count {
            rows.konto.append(["drift", "løn", "husleje", "indkøb", "øvrigt"][rng.int(5)])
            for k in 0..<2 {
                let v: Int64? = rng.int(20) == 0 ? nil
                    : rng.int(10) == 0 ? Int64(rng.int(200_000_000)) - 100_000_000 : Int64(rng.int(20_000)) - 5_000
                if k == 0 { rows.a.append(v) } else { rows.b.append(v) }
            }
        }
        return rows
    }

    /// The same rows as a tryg table (decimals of scale 2) and as SQLite integers.
    static func setUp(_ rows: Rows) throws -> (Session, SQLiteOracle) {
        var konto = ColumnBuilder(type: .text), a = ColumnBuilder(type: .decimal), b = ColumnBuilder(type: .decimal)
        var ca = ColumnBuilder(type: .int), cb = ColumnBuilder(type: .int)
        for i in rows.konto.indices {
            konto.append(.text(rows.konto[i]))
            a.append(rows.a[i].map { .decimal(DecimalValue(units: $0, scale: 2)) } ?? .null)
            b.append(rows.b[i].map { .decimal(DecimalValue(units: $0, scale: 2)) } ?? .null)
            ca.append(rows.a[i].map { .int($0) } ?? .null)
            cb.append(rows.b[i].map { .int($0) } ?? .null)
        }
        let money = Table(name: "money", columnNames: ["konto", "a", "b"], columns: [konto.finish(), a.finish(), b.finish()])
        let cents = Table(name: "cents", columnNames: ["konto", "a", "b"], columns: [konto.finish(), ca.finish(), cb.finish()])
        return (Session(catalog: Catalog([money])), try SQLiteOracle([cents]))
    }

    /// A result's values as text, decimals as their units at scale 2 (so they read as cents).
    static func cents(_ session: Session, _ query: String) throws -> [[String]] {
        guard case .rows(let result) = try session.execute(query) else { return [] }
        return result.table.rows.map { row in
            row.map { v -> String in
                switch v {
                case .decimal(let d): return d.rescaled(to: 2).map { String($0.units) } ?? "too many decimals: \(d)"
                case .null: return "NULL"
                default: return v.display
                }
            }
        }
    }

    static let cases: [(String, String)] = [
        ("money group by konto compute sum(a), min(a), max(b), count(a) order by konto",
         "SELECT konto, sum(a), min(a), max(b), count(a) FROM cents GROUP BY konto ORDER BY konto"),
        ("money compute sum(a), sum(b), min(b), max(a)", "SELECT sum(a), sum(b), min(b), max(a) FROM cents"),
        ("money select a - b as d, a + b as s, a * 3 as t, -a as n",
         "SELECT a - b, a + b, a * 3, -a FROM cents"),
        ("money where a > b count", "SELECT count(*) FROM cents WHERE a > b"),
        ("money where a = b count", "SELECT count(*) FROM cents WHERE a = b"),
        ("money where a >= 12.34 count", "SELECT count(*) FROM cents WHERE a >= 1234"),
        ("money where a < -0.5 count", "SELECT count(*) FROM cents WHERE a < -50"),
        ("money where a between 0.01 and 99.99 count", "SELECT count(*) FROM cents WHERE a BETWEEN 1 AND 9999"),
        ("money group by konto compute sum(a - b) as d order by konto",
         "SELECT konto, sum(a - b) FROM cents GROUP BY konto ORDER BY konto"),
        ("money where a + b = 0.3 count", "SELECT count(*) FROM cents WHERE a + b = 30"),
    ]

    @Test(arguments: [UInt64(3), 17, 2026])
    func matchesIntegerCents(_ seed: UInt64) throws {
        let (session, oracle) = try DecimalDifferentialTests.setUp(DecimalDifferentialTests.generate(3_000, seed: seed))
        for (tryg, sql) in DecimalDifferentialTests.cases {
            let got = try DecimalDifferentialTests.cents(session, tryg)
            let want = try oracle.query(sql)
            #expect(got == want, "\(tryg)\n tryg:   \(got.prefix(6))\n sqlite: \(want.prefix(6))")
            #expect(!want.isEmpty)
        }
    }

    /// Sums of tenths and hundredths are exact: 0.1 + 0.2 = 0.3, and a column of 0.10 and 0.20
    /// sums to a value equal to 0.3.
    @Test func tenthsAddUpExactly() throws {
        let session = Session(catalog: Catalog([]))
        for (q, want) in [("0.1 + 0.2 = 0.3", "true"), ("0.1 + 0.2", "0.3"), ("1.10 - 1", "0.10"), ("0.1 * 0.2", "0.02"),
                          ("0.3 - 0.1 - 0.2 = 0", "true"), ("1.005 * 1000 = 1005", "true")] {
            var cat = ColumnBuilder(type: .int)
            cat.append(.int(1))
            session.catalog.register(Table(name: "one", columnNames: ["x"], columns: [cat.finish()]))
            guard case .rows(let r) = try session.execute("one select \(q) as v") else { Issue.record("no rows: \(q)"); continue }
            #expect(r.table.rows.first?.first?.display == want, "\(q)")
        }
    }

    /// Every x.yz5 from 0.005 to 99.995 (and its negative) rounds half away from zero to two
    /// decimals, as a decimal and as a float (which rounds the value as it prints).
    @Test func roundingOfEveryHalfCent() throws {
        var v = ColumnBuilder(type: .decimal), f = ColumnBuilder(type: .float)
        var expected: [Int64] = []
        for k in Int64(0)..<10_000 {
            for sign: Int64 in [1, -1] {
                let thousandths = sign * (k * 10 + 5)
                v.append(.decimal(DecimalValue(units: thousandths, scale: 3)))
                f.append(.float(DecimalValue(units: thousandths, scale: 3).double))
                expected.append(sign * (k + 1))   // cents, away from zero
            }
        }
        let t = Table(name: "halves", columnNames: ["v", "f"], columns: [v.finish(), f.finish()])
        let session = Session(catalog: Catalog([t]))
        guard case .rows(let r) = try session.execute("halves select round(v, 2) as rv, round(f, 2) as rf") else {
            Issue.record("no rows")
            return
        }
        var wrongDecimal = 0, wrongFloat = 0
        for (i, row) in r.table.rows.enumerated() {
            if case .decimal(let d) = row[0], d.rescaled(to: 2)?.units == expected[i] {} else { wrongDecimal += 1 }
            if case .float(let x) = row[1], x == DecimalValue(units: expected[i], scale: 2).double {} else { wrongFloat += 1 }
        }
        #expect(r.table.rowCount == expected.count)
        #expect(wrongDecimal == 0)
        #expect(wrongFloat == 0)
    }

    /// Overflow is an error with a position, never a wrap, an infinity or a null.
    @Test func overflowIsAnErrorWithAPosition() throws {
        var x = ColumnBuilder(type: .decimal), i = ColumnBuilder(type: .int)
        for _ in 0..<3 {
            x.append(.decimal(DecimalValue(units: 9_000_000_000_000_000_000, scale: 2)))
            i.append(.int(.max - 5))
        }
        i.append(.int(.min))
        x.append(.null)
        let session = Session(catalog: Catalog([Table(name: "big", columnNames: ["x", "i"], columns: [x.finish(), i.finish()])]))
        for q in ["big compute sum(x)", "big select x + x", "big select x * 10", "big where i < 0 select abs(i)",
                  "big group by i compute sum(x)"] {
            do {
                let outcome = try session.execute(q)
                if case .rows(let r) = outcome { Issue.record("\(q) gave \(r.table.rows)") }
            } catch {
                #expect(error.message.contains("overflow"), "\(q): \(error.message)")
                #expect(error.span != nil, "\(q): no position")
            }
        }
        // A float sum beyond a double's range is an overflow, not inf (dense and general paths).
        var f = ColumnBuilder(type: .float), k = ColumnBuilder(type: .int)
        for i in 0..<4 { f.append(.float(1e308)); k.append(.int(Int64(i % 2))) }
        let floats = Session(catalog: Catalog([Table(name: "f", columnNames: ["x", "k"], columns: [f.finish(), k.finish()])]))
        for q in ["f compute sum(x)", "f group by k compute sum(x)", "f group by x * 0 + k compute sum(x)"] {
            #expect(throws: Diagnostic.self, "\(q)") { try floats.execute(q) }
        }
        // Their average is not: it is found from values scaled down.
        for q in ["f compute avg(x)", "f group by k compute avg(x) select avg_x", "f group by x * 0 + k compute avg(x) select avg_x"] {
            guard case .rows(let r) = try floats.execute(q) else { Issue.record("no rows: \(q)"); continue }
            #expect(r.table.rows.allSatisfy { $0 == [.float(1e308)] }, "\(q): \(r.table.rows)")
        }
        // An average of ints near 2^63 is summed wide enough.
        guard case .rows(let r) = try session.execute("big where i > 0 compute avg(i), median(i)") else { return }
        #expect(r.table.rows.first?[0].numeric == Double(Int64.max - 5))
        #expect(r.table.rows.first?[1] == .float(Double(Int64.max - 5)))
    }

    /// `median` of ints and decimals is a float (as `avg` and `quantile`), the exact midpoint
    /// rounded once: over random columns it is the nearest double to the middle value, or to
    /// the half-sum of the two middle values, computed here in wide integers.
    @Test func medianOfNumbersIsTheNearestFloatToTheExactMidpoint() throws {
        var random = MedianRandom(state: 0x3ED1A4)
        for round in 0..<40 {
            let scale = round % 4
            let n = Int.random(in: 1...30, using: &random)
            let wide = round % 5 == 0
            var units: [Int64] = (0..<n).map { _ in
                wide ? Int64.random(in: (Int64.max - 1000)...Int64.max, using: &random) : Int64.random(in: -100_000...100_000, using: &random)
            }
            var b = ColumnBuilder(type: scale == 0 ? .int : .decimal)
            for u in units { b.append(scale == 0 ? .int(u) : .decimal(DecimalValue(units: u, scale: scale))) }
            let session = Session(catalog: Catalog([Table(name: "m", columnNames: ["x"], columns: [b.finish()])]))
            guard case .rows(let r) = try session.execute("m compute median(x)") else { return }
            units.sort()
            let total = Int128(units[(n - 1) / 2]) + Int128(units[n / 2])
            // total / (2 · 10^scale), correctly rounded: through the decimal text of the exact value.
            let twice = total * 5
            let digits = String(twice.magnitude)
            let padded = String(repeating: "0", count: max(0, scale + 2 - digits.count)) + digits
            let cut = padded.index(padded.endIndex, offsetBy: -(scale + 1))
            let expected = Double((twice < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]) ?? .nan
            #expect(r.table.columns[0].type == .float)
            #expect(r.table.rows.first?[0] == .float(expected), "round \(round): \(units) at scale \(scale)")
        }
    }
}

/// SplitMix64, so a failing round replays.
private struct MedianRandom: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
