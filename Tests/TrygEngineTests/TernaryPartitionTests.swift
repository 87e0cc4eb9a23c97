import Testing
@testable import TrygEngine

/// SQLancer's ternary logic partitioning, no second engine needed: for a predicate `p`, the
/// rows where it is true, false and null are the rows without the filter, in total and per group.
@Suite struct TernaryPartitionTests {
    static func count(_ session: Session, _ query: String) throws -> [[String]: Int64] {
        guard case .rows(let r) = try session.execute(query) else { return [:] }
        var out: [[String]: Int64] = [:]
        for row in r.table.rows {
            guard case .int(let n)? = row.last else { continue }
            out[row.dropLast().map(\.display), default: 0] += n
        }
        return out
    }

    @Test func partitionsAddUp() throws {
        var rng = TestTables.Rng(state: RandomDifferentialTests.seed ^ 0x7E1)
        var generator = RandomQueryGenerator(rng: TestTables.Rng(state: RandomDifferentialTests.seed ^ 0x7E2))
        var failures = 0
        for round in 0..<(RandomDifferentialTests.queries / 4) where failures < 10 {
            let tables = RandomTables.make(&rng)
            let session = Session(catalog: Catalog(tables))
            let (p, _) = generator.predicate()
            let keys = generator.groupKeys(generator.rng.int(3))
            let grouping = keys.isEmpty ? "count" : "group by \(keys.joined(separator: ", "))"
            // Some rounds partition after a join, where the right side's nulls come in.
            let source = round % 3 == 0 ? "t left join u on k select id, k, g, v, b, s, t.year as year, t.halfyear as halfyear, w" : "t"
            do {
                let all = try Self.count(session, "\(source) \(grouping)")
                var parts: [[String]: Int64] = [:]
                for filter in ["where \(p)", "where not (\(p))", "where (\(p)) is null"] {
                    for (k, n) in try Self.count(session, "\(source) \(filter) \(grouping)") { parts[k, default: 0] += n }
                }
                // `count` without groups gives a row of 0; groups are present only with rows.
                let nonzero = parts.filter { $0.value != 0 }
                if all.filter({ $0.value != 0 }) != nonzero {
                    failures += 1
                    Issue.record("\(source) [\(p)] \(grouping): \(all) vs \(nonzero)\n\(RandomDifferentialTests.describe(tables))")
                }
            } catch {
                failures += 1
                Issue.record("\(source) [\(p)] \(grouping): \(error)")
            }
        }
    }
}
