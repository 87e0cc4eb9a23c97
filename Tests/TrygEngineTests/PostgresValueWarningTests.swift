import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygPostgres

/// Value warnings over a server's tables ask the server for the column's values: the same
/// warnings as over the same tables in memory, and never a warning for a value that is there.
@Suite(.serialized) struct PostgresValueWarningTests {
    static let literals = [
        "incidents where library = \"Blagarden\" count",
        "incidents where library = \"Blågårdens Bibliotek\" group by halfyear",
        "incidents where halfyear = \"sommer 2030\" count",
        "incidents where halfyear = \"vinter 2024/25\" and library = \"Vesterbro\" count",
        "incidents where library in (\"Vesterbro\", \"X\", \"Y\") count",
        "incidents where category = \"Hærvaerk\" count",
        "incidents where severity = 9 count",
        "incidents where weekday = \"mandag\" count",
        "survey where safety = \"meget tryg\" and season = \"vinter\" count",
        "libraries where district = \"Nørrebro\" count",
        "timeline where kind = \"indsatz\" count",
    ]

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func theSameWarningsAsInMemory() throws {
        _ = try PostgresOracle(schema: "tryg_warnings", catalog: try ManualTests.samples())
        let remote = try PostgresConnectTests.connected(schema: "tryg_warnings")
        let local = Session(catalog: try ManualTests.samples())
        var warned = 0
        for q in PostgresValueWarningTests.literals {
            guard case .rows(let a) = try local.execute(q), case .rows(let b) = try remote.execute(q) else {
                Issue.record("no rows: \(q)"); continue
            }
            #expect(a.warnings.map(\.description) == b.warnings.map(\.description), "\(q)")
            #expect(GoldenFile.rows(a.table) == GoldenFile.rows(b.table), "\(q)")
            warned += a.warnings.isEmpty ? 0 : 1
        }
        #expect(warned >= 5)
    }

    /// A value the server holds is never warned about, also in a column with more values than
    /// are asked for (then nothing is said about any value).
    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func noWarningForAValueTheServerHolds() throws {
        let n = ServerValues.limit + 200
        var names = ColumnBuilder(type: .text), numbers = ColumnBuilder(type: .int)
        for i in 0..<n {
            names.append(.text("name \(i)"))
            numbers.append(.int(Int64(i % 7)))
        }
        let many = Table(name: "many", columnNames: ["name", "n"], columns: [names.finish(), numbers.finish()])
        _ = try PostgresOracle(schema: "tryg_many", catalog: Catalog([many]))
        let remote = try PostgresConnectTests.connected(schema: "tryg_many")
        for i in [0, 1, n / 2, n - 1] {
            guard case .rows(let r) = try remote.execute("many where name = \"name \(i)\" count") else { continue }
            #expect(r.warnings.isEmpty, "name \(i): \(r.warnings)")
            #expect(GoldenFile.rows(r.table) == ["count", "1"])
        }
        // Past the limit the list is not complete: a missing name is not claimed missing.
        guard case .rows(let missing) = try remote.execute("many where name = \"nobody\" count") else { return }
        #expect(missing.warnings.isEmpty)
        // A short column is listed whole: a missing number is.
        guard case .rows(let r) = try remote.execute("many where n = 9 count") else { return }
        #expect(r.warnings.count == 1, "\(r.warnings)")
        #expect(remote.serverValues(table: "many", column: "n")?.count == 7)
    }
}
