import Foundation
import Testing

/// Every script in `queries/` runs against the bundled samples; its output is compared with a
/// golden file (`TRYG_RECORD=1` rewrites them), and the report's figures are checked as numbers.
@Suite struct SavedQueryTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("QueryGoldens")

    static var scripts: [String] {
        let dir = package.appendingPathComponent("queries").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".tryg") }.sorted()
    }

    /// Runs a saved script as CSV; each statement's result is one CSV block, blocks separated by a blank line.
    static func run(_ script: String) throws -> (status: Int32, csv: String, stderr: String) {
        let path = package.appendingPathComponent("queries/\(script)").path
        let r = try TrygBinary.run(["--format", "csv", path], directory: package.path)
        return (r.status, r.stdout, r.stderr)
    }

    /// The CSV blocks as rows of fields (the figures' outputs hold no quoted commas).
    static func blocks(_ csv: String) -> [[[String]]] {
        csv.components(separatedBy: "\n\n").map { block in
            block.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }.filter { !$0.isEmpty }
    }

    static func value(_ block: [[String]], row: Int, column: String) -> Double? {
        guard let header = block.first, let c = header.firstIndex(of: column), row + 1 < block.count,
              c < block[row + 1].count else { return nil }
        return Double(block[row + 1][c])
    }

    @Test(arguments: scripts)
    func scriptMatchesGolden(_ script: String) throws {
        let r = try SavedQueryTests.run(script)
        #expect(r.status == 0, "\(script): \(r.stderr)")
        #expect(r.stderr.isEmpty, "\(script) warned: \(r.stderr)")
        let golden = SavedQueryTests.goldens.appendingPathComponent(script.replacingOccurrences(of: ".tryg", with: ".csv"))
        if ProcessInfo.processInfo.environment["TRYG_RECORD"] != nil {
            try r.csv.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(r.csv == expected)
    }

    @Test func eachScriptQuotesTheReport() throws {
        for s in SavedQueryTests.scripts {
            let text = try String(contentsOf: SavedQueryTests.package.appendingPathComponent("queries/\(s)"), encoding: .utf8)
            let comments = text.split(separator: "\n").prefix(while: { $0.hasPrefix("#") })
            #expect(comments.contains { $0.contains("\"") }, "\(s) should open with a comment quoting the report")
        }
    }

    @Test func f4IncidentsHalvedAtVesterbro() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F4-vesterbro-halvering.tryg").csv)
        #expect(SavedQueryTests.value(b[0], row: 0, column: "change_pct") == -50)
        let before = SavedQueryTests.value(b[0], row: 0, column: "vinter 2022/23")
        let after = SavedQueryTests.value(b[0], row: 0, column: "vinter 2024/25")
        #expect(before != nil && after != nil && (before ?? 0) == 2 * (after ?? 0))
    }

    @Test func f5InsecurityFellEveryWinterBy63Percent() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F5-utryghedsskabende-adfaerd.tryg").csv)
        let counts = (0..<3).compactMap { SavedQueryTests.value(b[0], row: $0, column: "count") }
        #expect(counts.count == 3 && counts[0] > counts[1] && counts[1] > counts[2])
        #expect(SavedQueryTests.value(b[1], row: 0, column: "change_pct") == -63)
    }

    @Test func f6SummerFell41Percent() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F6-sommer-fald.tryg").csv)
        #expect(SavedQueryTests.value(b[0], row: 0, column: "change_pct") == -41)
    }

    @Test func f7StaffFeelingSafeRoseFrom67To91() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F7-personalets-tryghed.tryg").csv)
        #expect(SavedQueryTests.value(b[0], row: 0, column: "year") == 2023)
        #expect(SavedQueryTests.value(b[0], row: 0, column: "tryg_pct") == 67)
        #expect(SavedQueryTests.value(b[0], row: 1, column: "year") == 2025)
        #expect(SavedQueryTests.value(b[0], row: 1, column: "tryg_pct") == 91)
    }

    @Test func f8NorrebroFirstInBothWinters() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F8-noerrebro-flest.tryg").csv)
        #expect(b.count == 2)
        for block in b {
            guard let header = block.first, let d = header.firstIndex(of: "district"), block.count > 2 else {
                Issue.record("no district column")
                continue
            }
            #expect(block[1][d] == "Nørrebro")
            let first = SavedQueryTests.value(block, row: 0, column: "count") ?? 0
            let second = SavedQueryTests.value(block, row: 1, column: "count") ?? 0
            #expect(first > second)
        }
    }

    @Test func f9BaselineAtTheNorrebroLibraries() throws {
        let b = SavedQueryTests.blocks(try SavedQueryTests.run("F9-noerrebro-baseline.tryg").csv)
        guard let header = b.first?.first, let l = header.firstIndex(of: "library") else {
            Issue.record("no library column")
            return
        }
        let byLibrary = Dictionary(uniqueKeysWithValues: b[0].dropFirst().map { ($0[l], $0) })
        let pct = header.firstIndex(of: "tryg_pct") ?? 0
        #expect(byLibrary["Blågården"].map { Double($0[pct]) } == 78)
        #expect(byLibrary["Nørrebro"].map { Double($0[pct]) } == 83)
    }
}
