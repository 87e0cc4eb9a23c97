import Testing
@testable import TrygEngine

/// SQLancer's ternary logic partitioning, no second engine needed: for a predicate `p`, the
/// rows where it is true, false and null are the rows without the filter. So per group, the
/// counts of the three add up to the unfiltered count, their sums to its sum, and the least
/// of their minimums (the greatest of their maximums) is its minimum (maximum).
@Suite struct TernaryPartitionTests {
    /// Per group key: count, sum(v), min(v), max(v); null sums and extremes are nil.
    struct Measures: Equatable {
        var count: Int64 = 0
        var sum: Int64?
        var min: Int64?
        var max: Int64?

        mutating func merge(_ o: Measures) {
            count += o.count
            sum = o.sum.map { (sum ?? 0) + $0 } ?? sum
            min = [min, o.min].compactMap { $0 }.min()
            max = [max, o.max].compactMap { $0 }.max()
        }
    }

    static func measures(_ session: Session, _ query: String) throws -> [[String]: Measures] {
        guard case .rows(let r) = try session.execute(query) else { return [:] }
        var out: [[String]: Measures] = [:]
        for row in r.table.rows {
            func int(_ v: Value) -> Int64? { if case .int(let i) = v { return i } else { return nil } }
            let m = row.suffix(4).map(int)
            guard let count = m[0], count > 0 else { continue }
            out[row.dropLast(4).map(\.display)] = Measures(count: count, sum: m[1], min: m[2], max: m[3])
        }
        return out
    }

    @Test func partitionsAddUp() throws {
        var rng = TestTables.Rng(state: RandomDifferentialTests.seed ^ 0x7E1)
        var generator = RandomQueryGenerator(rng: TestTables.Rng(state: RandomDifferentialTests.seed ^ 0x7E2))
        var failures = 0
        for round in 0..<(RandomDifferentialTests.queries / 4) where failures < 10 {
            let tables = RandomTables.make(&rng)
            let (p, _) = generator.predicate()
            let keys = generator.groupKeys(generator.rng.int(3))
            let measures = "compute count, sum(v), min(v), max(v)"
            let grouping = keys.isEmpty ? measures : "group by \(keys.joined(separator: ", ")) \(measures)"
            // Some rounds partition after a join, where the right side's nulls come in.
            let source = round % 3 == 0
                ? "t left join u on k select id, k, g, v, b, s, t.year as year, t.halfyear as halfyear, w" : "t"
            // Each round runs with the text columns stored both ways.
            for layout in TextLayout.allCases {
                let session = Session(catalog: Catalog(tables.map { $0.withTextLayout(layout) }))
                do {
                    let all = try Self.measures(session, "\(source) \(grouping)")
                    var parts: [[String]: Measures] = [:]
                    for filter in ["where \(p)", "where not (\(p))", "where (\(p)) is null"] {
                        for (k, m) in try Self.measures(session, "\(source) \(filter) \(grouping)") {
                            parts[k, default: Measures()].merge(m)
                        }
                    }
                    if all != parts {
                        failures += 1
                        Issue.record("text \(layout), \(source) [\(p)] \(grouping): \(all) vs \(parts)\n\(RandomDifferentialTests.describe(tables))")
                    }
                } catch {
                    failures += 1
                    Issue.record("text \(layout), \(source) [\(p)] \(grouping): \(error)")
                }
            }
        }
    }
}
