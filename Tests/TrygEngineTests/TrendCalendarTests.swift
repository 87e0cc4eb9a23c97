import Testing
@testable import TrygEngine

/// `trend` over `group by year, month` or `year, week` keeps every group it is given: the counts
/// of its rows add up to the input's rows, whatever the years, months and weeks (nulls and week
/// 53 of a year of 52 weeks included); a month or week no calendar has is an error naming it.
@Suite struct TrendCalendarTests {
    static func session(years: [Int64?], periods: [Int64?], name: String) -> Session {
        var y = ColumnBuilder(type: .int), p = ColumnBuilder(type: .int), g = ColumnBuilder(type: .text)
        for i in years.indices {
            y.append(years[i].map { .int($0) } ?? .null)
            p.append(periods[i].map { .int($0) } ?? .null)
            g.append(.text(i % 3 == 0 ? "a" : "b"))
        }
        let t = Table(name: "t", columnNames: ["year", name, "g"], columns: [y.finish(), p.finish(), g.finish()])
        return Session(catalog: Catalog([t]))
    }

    static func countSum(_ session: Session, _ query: String) throws -> Int64 {
        guard case .rows(let r) = try session.execute(query), let c = r.table.columnNames.firstIndex(of: "count") else { return -1 }
        return r.table.rows.reduce(0) { sum, row in if case .int(let n) = row[c] { sum + n } else { sum } }
    }

    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func everyRowIsCountedOnce(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        let n = 1 + rng.int(200)
        let years: [Int64?] = (0..<n).map { _ in rng.int(15) == 0 ? nil : 2015 + Int64(rng.int(12)) }
        let months: [Int64?] = (0..<n).map { _ in rng.int(15) == 0 ? nil : 1 + Int64(rng.int(12)) }
        let weeks: [Int64?] = (0..<n).map { _ in rng.int(15) == 0 ? nil : rng.int(4) == 0 ? 53 : 1 + Int64(rng.int(53)) }
        for (name, periods) in [("month", months), ("week", weeks)] {
            let s = Self.session(years: years, periods: periods, name: name)
            for q in ["t group by year, \(name) trend", "t group by g, year, \(name) compute count trend"] {
                #expect(try Self.countSum(s, q) == Int64(n), "seed \(seed): \(q)")
            }
        }
    }

    @Test(arguments: [("month", Int64(13)), ("month", 0), ("month", -1), ("week", 0), ("week", 54), ("month", Int64.min)])
    func aPeriodNoCalendarHasIsAnError(name: String, value: Int64) throws {
        for n in [1, 5] {
            let periods: [Int64?] = (0..<n).map { $0 == n - 1 ? value : 3 }
            let s = Self.session(years: Array(repeating: 2024, count: n), periods: periods, name: name)
            let error = #expect(throws: Diagnostic.self) { try s.execute("t group by year, \(name) trend") }
            #expect(error?.code == .invalidValue)
            #expect(error?.message == "trend: \(name) \(value) is outside \(name == "month" ? "1 to 12" : "1 to 53")")
        }
        let s = Self.session(years: [Int64.min, 2024], periods: [3, 3], name: name)
        let error = #expect(throws: Diagnostic.self) { try s.execute("t group by year, \(name) trend") }
        #expect(error?.message.hasPrefix("trend: year \(Int64.min) is outside") == true)
    }
}
