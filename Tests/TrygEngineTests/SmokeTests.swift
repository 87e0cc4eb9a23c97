import Testing
@testable import TrygEngine

@Suite struct SmokeTests {
    @Test func groupByHalfYear() throws {
        let s = Session(catalog: TestTables.catalog())
        let out = try s.execute("incidents where library = \"Blågården\" group by halfyear")
        guard case .rows(let r) = out else { Issue.record("no rows"); return }
        #expect(r.table.columnNames == ["halfyear", "count"])
        #expect(r.table.rowCount == 7)
        print(r.table.rows.map { $0.map(\.display) })
    }
}
