import Testing
@testable import TrygEngine
import TrygImport

/// A sum of ints is the exact total whenever the total fits 64 bits, whatever the order of the
/// rows and whichever kernel runs it (whole table, filtered, grouped, on one core or two);
/// only a total beyond 64 bits is an overflow.
@Suite struct SumOrderTests {
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func theSumDoesNotDependOnTheOrderOfTheRows(seed: UInt64) throws {
        var rng = TestTables.Rng(state: seed)
        let big = Int64(1) << 62
        // Values near ±2^62, so running sums leave 64 bits on the way, and a few small ones.
        var values: [Int64] = (0..<(4 + rng.int(12))).map { _ in
            rng.int(4) == 0 ? Int64(rng.int(1000)) - 500 : (rng.int(2) == 0 ? big : -big) + Int64(rng.int(1 << 20))
        }
        let rows = seed == 6 ? 40_000 : values.count
        while values.count < rows { values.append(Int64(rng.int(2001)) - 1000) }
        for order in 0..<3 {
            var shuffled = values
            if order > 0 { shuffled.shuffle(using: &rng) }
            let groups = shuffled.indices.map { _ in rng.int(2) == 0 ? "x" : "y" }
            let text = "a;g\n" + zip(shuffled, groups).map { "\($0);\($1)" }.joined(separator: "\n") + "\n"
            let catalog = Catalog()
            // 19-digit values are text unless the column is declared int.
            var options = ImportOptions()
            options.types = ["a": .int]
            catalog.register(try CSVReader.load(bytes: Array(text.utf8), path: "s.csv", tableName: "s", options: options).table)
            let session = Session(catalog: catalog)
            func expected(_ keep: (Int) -> Bool) -> Int64? {
                Int64(exactly: shuffled.indices.filter(keep).reduce(Int128(0)) { $0 + Int128(shuffled[$1]) })
            }
            let cases: [(String, Int64?)] = [
                ("s compute sum(a)", expected { _ in true }),
                ("s where g = \"x\" compute sum(a)", expected { groups[$0] == "x" }),
                // Every group is summed: one beyond 64 bits makes the query an overflow.
                ("s group by g compute sum(a) where g = \"y\" select sum_a",
                 expected { groups[$0] == "x" } == nil ? nil : expected { groups[$0] == "y" }),
            ]
            for (query, want) in cases {
                do {
                    guard case .rows(let r) = try session.execute(query) else { Issue.record("no rows: \(query)"); continue }
                    let got = r.table.columns[0].value(at: 0)
                    #expect(want.map { Value.int($0) } == got, "seed \(seed), order \(order): \(query)")
                } catch {
                    #expect(want == nil, "seed \(seed), order \(order): \(query): \(error.description)")
                    #expect(error.message.contains("overflow"), "\(error.message)")
                }
            }
        }
    }
}
