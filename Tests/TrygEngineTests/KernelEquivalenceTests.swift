import Testing
@testable import TrygEngine
import TrygImport

/// The fast kernels (selection vectors, dense aggregation in parallel parts) give exactly what the
/// general paths give, on a table large enough to be split over cores.
@Suite struct KernelEquivalenceTests {
    static let queries = [
        "incidents group by halfyear",
        "incidents group by during_self_service",
        "incidents group by during_self_service compute count, sum(severity), min(severity), avg(score)",
        "incidents where library = \"Blågården\" group by halfyear",
        "incidents group by library, category compute count, avg(severity), sum(police_called), min(severity), max(score), pct(police_called), share",
        "incidents where severity >= 3 and library in (\"Vesterbro\", \"Valby\") group by library, hour compute count(severity), sum(score), avg(score)",
        "incidents where description contains \"dør\" group by police_called compute count, median(severity)",
        "incidents where police_called group by severity",
        "incidents where severity is null group by library",
        "incidents where score > 60.5 compute count, sum(severity), min(reported_at), max(reported_at)",
        "incidents where library != \"Valby\" and category starts with \"V\" count",
        "incidents where description ends with \"DØR\" or description not ends with \"e\" group by library",
        "incidents select id, description ends with \"ER\" as n where n order by id limit 50",
        "incidents where id = -1 compute count, sum(severity), avg(score)",
        "incidents group by library, halfyear compare halfyear \"2022/23\" to \"2024/25\"",
        "incidents where hour between 10 and 12 group by weekday, season",
        "incidents where category = \"Vold\" group by library, police_called compute count, share, avg(severity), min(score), pct(severity > 3)",
        "incidents where library = \"Nørrebro\" group by halfyear compare halfyear \"2022/23\" to \"2024/25\"",
    ]

    @Test(arguments: TextLayout.allCases, IntegerWidth.allCases)
    func fastAndGeneralPathsAgree(_ layout: TextLayout, _ width: IntegerWidth) throws {
        let table = TestTables.incidents(rows: 300_000, seed: 3, untimed: true)
        // The fast paths over text in `layout` and integers `width` wide, the general ones over
        // the dictionary layout and eight-byte integers.
        let fast = Session(catalog: Catalog([table.withTextLayout(layout).withIntegerWidth(width)]), kernels: .all)
        let general = Session(catalog: Catalog([table.withIntegerWidth(.wide)]), kernels: .general)
        for q in KernelEquivalenceTests.queries {
            guard case .rows(let a) = try fast.execute(q), case .rows(let b) = try general.execute(q) else {
                Issue.record("no rows: \(q)")
                continue
            }
            #expect(a.table.columnNames == b.table.columnNames, "\(q)")
            let ra = a.table.rows.map { $0.map(SQLiteOracle.canonical) }
            let rb = b.table.rows.map { $0.map(SQLiteOracle.canonical) }
            #expect(ra == rb, "\(q)")
            #expect(!ra.isEmpty)
        }
    }
}

/// A table loaded from CSV keeps one-byte codes for text with few values; grouping by them
/// must give what the general paths give, nulls included.
@Suite struct LoadedKernelEquivalenceTests {
    @Test func loadedTextAgrees() throws {
        let libraries = ["Vesterbro", "Blågården", "Nørrebro", "Valby", ""]
        let categories = ["Vold", "Tyveri", "Hærværk", "Andet"]
        var csv = "id,reported_at,library,category,severity\n"
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for i in 0..<150_000 {
            let month = 1 + next(12), day = 1 + next(28)
            csv += "\(i),202\(3 + next(3))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T10:00,"
            csv += "\(libraries[next(libraries.count)]),\(categories[next(categories.count)]),\(1 + next(5))\n"
        }
        let load = try CSVReader.load(bytes: Array(csv.utf8), path: "t.csv", tableName: "incidents")
        #expect(load.table.column("library")?.smallCodes != nil)
        let fast = Session(catalog: Catalog([load.table]), kernels: .all)
        let general = Session(catalog: Catalog([load.table]), kernels: .general)
        for q in ["incidents group by library", "incidents where library = \"Blågården\" group by halfyear",
                  "incidents group by halfyear", "incidents group by severity", "incidents group by month, weekday",
                  "incidents group by category", "incidents group by category, severity", "incidents group by halfyear, category",
                  "incidents where severity >= 4 group by hour compute count, avg(severity)",
                  "incidents group by library, category compute count, avg(severity)",
                  // Sums over one-byte values without nulls (added unchecked), eight-byte ones
                  // (checked), and a pct, all over every row.
                  "incidents group by library, category compute sum(severity), avg(severity), sum(severity - 3), pct(severity = 5)",
                  "incidents where severity > 2 group by category, library",
                  "incidents group by library, halfyear compare halfyear \"2023/24\" to \"2024/25\""] {
            guard case .rows(let a) = try fast.execute(q), case .rows(let b) = try general.execute(q) else {
                Issue.record("no rows: \(q)")
                continue
            }
            #expect(a.table.rows.map { $0.map(SQLiteOracle.canonical) } == b.table.rows.map { $0.map(SQLiteOracle.canonical) }, "\(q)")
            #expect(!a.table.rows.isEmpty, "\(q)")
        }
    }
}
