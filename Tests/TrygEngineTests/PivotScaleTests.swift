import Testing
@testable import TrygEngine

/// A pivot over many groups works cell by cell (each input row is placed once), and a pivot
/// over many values stops at the column limit with the count, before building anything.
@Suite struct PivotScaleTests {
    static func table(rows: Int, values: Int) -> Table {
        var k = ColumnBuilder(type: .int), p = ColumnBuilder(type: .int)
        for i in 0..<rows {
            k.append(.int(Int64(i / 2)))
            p.append(.int(Int64(i % values)))
        }
        return Table(name: "big", columnNames: ["k", "p"], columns: [k.finish(), p.finish()])
    }

    @Test func manyGroupsFewValues() throws {
        let session = Session(catalog: Catalog([PivotScaleTests.table(rows: 40_000, values: 2)]))
        guard case .rows(let r) = try session.execute("big group by k, p pivot p") else { Issue.record("no rows"); return }
        #expect(r.table.rowCount == 20_000)
        #expect(r.table.columnNames == ["k", "0", "1"])
        guard case .rows(let sums) = try session.execute("big group by k, p pivot p | compute sum(`0`), sum(`1`)") else { return }
        #expect(sums.table.rows.first == [.int(20_000), .int(20_000)])
    }

    @Test func manyValuesIsAnErrorNamingTheCount() throws {
        let session = Session(catalog: Catalog([PivotScaleTests.table(rows: 100_000, values: 100_000)]))
        do {
            _ = try session.execute("big group by k, p pivot p")
            Issue.record("no error")
        } catch {
            #expect(error.message == "pivot would make 100000 columns (at most \(Binder.maxPivotColumns))")
        }
    }
}
