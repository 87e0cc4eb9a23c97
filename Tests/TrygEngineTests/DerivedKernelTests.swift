import Testing
import TrygDomain
@testable import TrygEngine

/// The calendar kernel (last-day bounds, parallel parts, one-byte codes) gives each row the
/// value its day's calendar arithmetic gives, on sorted and shuffled times, with nulls, times
/// before 1970, and times at the ends of the 64-bit range.
@Suite struct DerivedKernelTests {
    static func expected(_ kind: DerivedColumn, _ t: Int64, isTimestamp: Bool) -> Int64 {
        if kind == .hour { return LocalTime.hour(ofTimestamp: t) }
        let day = isTimestamp ? LocalTime.dayNumber(ofTimestamp: t) : t
        return DerivedKernels.calendarPart(kind, day: day)
    }

    @Test(arguments: [true, false])
    func everyRowHasItsDaysValue(sorted: Bool) {
        var rng = TestTables.Rng(state: sorted ? 11 : 12)
        // Past the parallel threshold, so the parts and their joined ranges are exercised.
        let n = 250_003
        var times = (0..<n).map { _ in Int64.random(in: -400 * 86_400 ... 20_000 * 86_400, using: &rng) }
        if sorted { times.sort() }
        times[17] = -1            // the last second before 1970
        times[18] = 0
        var nulls = Bitmap(count: n)
        for i in stride(from: 5, to: n, by: 97) { nulls[i] = true }
        for kind in DerivedColumn.allCases where kind != .district {
            let column = DerivedKernels.calendar(kind, raw: times, nulls: nulls, isTimestamp: true)
            guard let values = column.wideIntegers else { Issue.record("\(kind): not integers"); continue }
            var wrong = 0
            var lo = Int64.max, hi = Int64.min
            for i in 0..<n where !nulls[i] {
                let want = DerivedKernelTests.expected(kind, times[i], isTimestamp: true)
                if values[i] != want { wrong += 1 }
                lo = min(lo, want); hi = max(hi, want)
            }
            #expect(wrong == 0, "\(kind): \(wrong) rows differ")
            // Every part of 55 years of times fits one byte a row.
            if case .bytes = column.storage {} else { Issue.record("\(kind): not one byte a row") }
            if kind != .hour { #expect(column.knownRange == lo...hi, "\(kind)") }
            #expect(column.nulls == nulls)
        }
    }

    @Test func datesAndTheEndsOfTheRange() {
        let days: [Int64] = [-1, 0, 1, 20_089, 20_089, 20_090, -719_468, 2_932_896]
        for kind in DerivedColumn.allCases where kind != .district && kind != .hour {
            let column = DerivedKernels.calendar(kind, raw: days, nulls: nil, isTimestamp: false)
            guard let values = column.wideIntegers else { Issue.record("not integers"); continue }
            #expect(values == days.map { DerivedKernelTests.expected(kind, $0, isTimestamp: false) }, "\(kind)")
        }
        let extremes: [Int64] = [.min, .min + 1, .max, .max - 1, 0, .max]
        for kind in [DerivedColumn.hour, .weekday] {
            let column = DerivedKernels.calendar(kind, raw: extremes, nulls: nil, isTimestamp: true)
            guard let values = column.wideIntegers else { Issue.record("not integers"); continue }
            #expect(values == extremes.map { DerivedKernelTests.expected(kind, $0, isTimestamp: true) }, "\(kind)")
        }
    }

    @Test func popCountCountsOnlyRows() {
        var rng = TestTables.Rng(state: 3)
        for n in [0, 1, 63, 64, 65, 130] {
            var b = Bitmap(count: n)
            var want = 0
            for i in 0..<n where Bool.random(using: &rng) { b[i] = true; want += 1 }
            #expect(b.popCount == want)
            #expect(Bitmap(count: n, value: true).popCount == n)
        }
    }
}
