import Testing
@testable import TrygEngine

/// A join is counted before it is built: `count` over a join never builds it, and a join past
/// the memory budget is an error saying how big it would be.
struct JoinBudgetTests {
    func rows(_ session: Session, _ text: String) throws -> Table {
        guard case .rows(let result) = try session.execute(text) else { throw Diagnostic(.error, "not rows: \(text)") }
        return result.table
    }

    static let joins = [
        "incidents join incidents as b on library",
        "incidents join libraries on library = name",
        "libraries left join incidents on name = library",
        "libraries join libraries as other on district",
        "incidents join incidents as b on library, severity",
        "incidents left join (incidents where severity > 3) as b on library, category",
        "incidents where id < 0 | join libraries on library = name",
    ]

    /// The count computed without the rows equals the number of rows the join makes.
    @Test(arguments: joins)
    func countingAJoinMatchesBuildingIt(_ join: String) throws {
        let session = Session(catalog: TestTables.catalog())
        let built = try rows(session, join).rowCount
        let counted = try rows(session, join + " count")
        #expect(counted.rowCount == 1)
        #expect(counted.columns[0].value(at: 0) == .int(Int64(built)), "\(join): built \(built)")
    }

    static let aggregatedJoins = [
        "incidents join incidents as b on library compute count, sum(incidents.severity), avg(b.severity), min(b.reported_at), max(incidents.score), count(b.severity), sum(b.score), avg(incidents.score)",
        "incidents join libraries on library = name compute sum(severity), min(effort_start), max(libraries.district), count(effort_start), avg(score)",
        "libraries left join incidents on name = library compute count, sum(severity), avg(severity), min(reported_at), count(severity), max(name), sum(score)",
        "libraries join libraries as other on district compute count, min(other.effort_start), max(libraries.effort_start), count(other.effort_start)",
        "incidents join incidents as b on library, severity compute sum(severity), avg(b.score), min(incidents.score), max(b.id), sum(incidents.id)",
        "incidents left join (incidents where severity > 3) as b on library, category compute count, sum(b.severity), avg(incidents.severity), count(b.id), max(b.reported_at), sum(b.score)",
        "incidents where id < 0 | join libraries on library = name compute count, sum(severity), min(effort_start), avg(score)",
    ]

    /// Aggregates over a join computed from each side's multiplicities equal those over the
    /// join's rows: sums, averages, counts of values, minima and maxima, of either side.
    @Test(arguments: aggregatedJoins)
    func aggregatingAJoinMatchesBuildingIt(_ query: String) throws {
        let fast = Session(catalog: TestTables.catalog(), kernels: .all)
        let general = Session(catalog: TestTables.catalog(), kernels: .general)
        let a = try rows(fast, query), b = try rows(general, query)
        #expect(a.columnNames == b.columnNames)
        #expect(a.columns.map(\.type) == b.columns.map(\.type), "\(query)")
        for (c, name) in a.columnNames.enumerated() {
            let x = a.columns[c].value(at: 0), y = b.columns[c].value(at: 0)
            if case .float(let p) = x, case .float(let q) = y {
                // Summed in another order: equal to the last bits.
                #expect(abs(p - q) <= max(abs(p), abs(q)) * 1e-12, "\(query): \(name) \(p) vs \(q)")
            } else {
                #expect(x == y, "\(query): \(name) \(x) vs \(y)")
            }
        }
    }

    /// A sum over a join far past the memory budget needs memory for neither side's product.
    @Test func summingAJoinPastTheBudgetNeedsNoRows() throws {
        let session = Session(catalog: TestTables.catalog())
        let query = "incidents join incidents as b on library compute sum(incidents.severity), avg(b.score), max(b.reported_at)"
        let expected = try rows(session, query)
        session.memoryBudget = MemoryBudget(bytes: 1 << 20)
        #expect(throws: Diagnostic.self) { try session.execute("incidents join incidents as b on library") }
        let within = try rows(session, query)
        #expect(within.rows == expected.rows)
    }

    @Test func aJoinPastTheBudgetIsAnErrorThatSaysHowBig() throws {
        let session = Session(catalog: TestTables.catalog())
        let built = try rows(session, "incidents join incidents as b on library").rowCount
        session.memoryBudget = MemoryBudget(bytes: 1 << 20)
        #expect(throws: Diagnostic.self) { try session.execute("incidents join incidents as b on library") }
        do {
            _ = try session.execute("incidents join incidents as b on library")
        } catch {
            #expect(error.message.hasPrefix("the join would make \(MemoryBudget.formatCount(built)) rows, about "), "\(error)")
            #expect(error.message.hasSuffix("the memory limit is 1.0 MB"), "\(error)")
            #expect(error.notes.contains { $0.contains("--memory-limit") })
        }
        // Counting it needs no memory for its rows.
        #expect(try rows(session, "incidents join incidents as b on library count").columns[0].value(at: 0) == .int(Int64(built)))
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(MemoryBudget.parse("8G")?.bytes == 8 << 30)
        #expect(MemoryBudget.parse("512m")?.bytes == 512 << 20)
        #expect(MemoryBudget.parse("1.5GB")?.bytes == 3 << 29)
        #expect(MemoryBudget.parse("4096")?.bytes == 4096)
        for bad in ["", "G", "-1G", "0", "abc", "1e30G", "nan"] { #expect(MemoryBudget.parse(bad) == nil, "\(bad)") }
        #expect(MemoryBudget.describe(1_600_000_000 * 32) == "47.6 GB")
    }
}
