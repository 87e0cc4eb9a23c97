import Testing
import TrygDomain
@testable import TrygEngine

/// Integer columns one byte a row (`ColumnStorage.bytes`): narrowing keeps every value and
/// null, happens exactly when the non-null values span at most 256, and widening gives the
/// values back; at the ends of the 64-bit range too.
@Suite struct IntegerWidthTests {
    static func column(_ type: DataType, _ values: [Int64], nullEvery: Int?) -> Column {
        var nulls = Bitmap(count: values.count)
        if let nullEvery { for i in stride(from: 0, to: values.count, by: nullEvery) { nulls[i] = true } }
        return Column(type: type, storage: .ints(values), nulls: nulls)
    }

    @Test func narrowingKeepsValuesAndChoosesByTheSpan() {
        var rng = TestTables.Rng(state: 41)
        let bases: [Int64] = [0, -3, 2022, 1 << 40, .min, .max - 255, .max - 256, .min + 1]
        for base in bases {
            for width in [0, 1, 200, 255, 256, 1000] {
                for n in [0, 1, 2, 700] {
                    for nullEvery in [nil, 1, 3] as [Int?] {
                        let values: [Int64] = (0..<n).map { i in
                            let off = i == 1 ? Int64(width) : Int64(rng.int(width + 1))
                            let (v, o) = base.addingReportingOverflow(off)
                            return o ? base : v
                        }
                        let wide = Self.column(.int, values, nullEvery: nullEvery)
                        let narrow = wide.narrowed()
                        let label = "base \(base) width \(width) n \(n) nulls \(String(describing: nullEvery))"
                        #expect(narrow.count == n, "\(label)")
                        #expect(narrow.nulls == wide.nulls, "\(label)")
                        var lo = Int64.max, hi = Int64.min
                        for i in 0..<n where !wide.isNull(i) { lo = min(lo, values[i]); hi = max(hi, values[i]) }
                        let (span, overflow) = hi.subtractingReportingOverflow(lo)
                        let fits = lo > hi || (!overflow && span < 256)
                        if case .bytes = narrow.storage { #expect(fits, "\(label)") } else { #expect(!fits, "\(label)") }
                        for i in 0..<n {
                            #expect(narrow.value(at: i) == wide.value(at: i), "\(label) row \(i)")
                            if !wide.isNull(i), let known = narrow.knownRange { #expect(known.contains(values[i]), "\(label)") }
                        }
                        let back = narrow.wide
                        for i in 0..<n where !wide.isNull(i) { #expect(back.value(at: i) == wide.value(at: i), "\(label)") }
                        let rows = (0..<Int32(n)).reversed().map { $0 }
                        let gathered = narrow.gather(rows)
                        for (o, r) in rows.enumerated() { #expect(gathered.value(at: o) == wide.value(at: Int(r)), "\(label)") }
                    }
                }
            }
        }
    }

    @Test func typesThatNarrowAndTypesThatDoNot() {
        let small: [Int64] = [3, 1, 4, 1, 5]
        for type in [DataType.int, .bool, .halfYear] {
            let values = type == .bool ? small.map { $0 & 1 } : small
            if case .bytes = Self.column(type, values, nullEvery: nil).narrowed().storage {} else { Issue.record("\(type) stayed wide") }
        }
        let scale = CalendarScales.weekday
        if case .bytes = Self.column(.category(scale), [0, 6, 2], nullEvery: nil).narrowed().storage {} else {
            Issue.record("category stayed wide")
        }
        // Dates and timestamps are days and seconds to their kernels: never narrowed.
        for type in [DataType.date, .timestamp] {
            if case .ints = Self.column(type, small, nullEvery: nil).narrowed().storage {} else { Issue.record("\(type) narrowed") }
        }
    }

    /// Filters, comparisons, `in` and boolean logic over one-byte columns give what the same
    /// columns give eight bytes a row, for every operator and literals inside, at the edges of
    /// and outside the stored range.
    @Test func predicatesAgreeAcrossWidths() throws {
        var rng = TestTables.Rng(state: 7)
        let n = 3000
        var sev = ColumnBuilder(type: .int), flag = ColumnBuilder(type: .bool), big = ColumnBuilder(type: .int)
        for _ in 0..<n {
            if rng.int(9) == 0 { sev.appendNull() } else { sev.append(.int(Int64(-2 + rng.int(8)))) }
            if rng.int(7) == 0 { flag.appendNull() } else { flag.append(.bool(rng.int(2) == 0)) }
            big.append(.int(Int64(rng.int(1000))))
        }
        let table = Table(name: "t", columnNames: ["sev", "flag", "big"], columns: [sev.finish(), flag.finish(), big.finish()])
        let wide = Session(catalog: Catalog([table.withIntegerWidth(.wide)]))
        let narrow = Session(catalog: Catalog([table.withIntegerWidth(.narrow)]))
        var queries: [String] = []
        for op in ["=", "!=", "<", "<=", ">", ">="] {
            for lit in [-3, -2, 0, 1, 5, 6, 300] {
                queries.append("t where sev \(op) \(lit) count")
                queries.append("t select sev \(op) \(lit) as x group by x")
                queries.append("t where not (sev \(op) \(lit)) or flag count")
            }
        }
        queries += ["t where flag count", "t where not flag count", "t where flag and sev > 1 count",
                    "t where sev in (-2, 3, 9) count", "t where sev is null count", "t group by sev, flag",
                    "t group by flag compute sum(sev), avg(sev), min(sev), max(sev), pct(flag), median(sev)",
                    "t select sev + 1 as s, sev * big as p order by p desc, s limit 5", "t order by sev desc, big limit 7",
                    "t compute count(distinct sev), stddev(sev)"]
        for q in queries {
            guard case .rows(let a) = try wide.execute(q), case .rows(let b) = try narrow.execute(q) else {
                Issue.record("no rows: \(q)")
                continue
            }
            #expect(a.table.rows.map { $0.map(SQLiteOracle.canonical) } == b.table.rows.map { $0.map(SQLiteOracle.canonical) }, "\(q)")
        }
    }
}
