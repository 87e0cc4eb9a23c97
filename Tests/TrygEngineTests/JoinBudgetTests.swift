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
