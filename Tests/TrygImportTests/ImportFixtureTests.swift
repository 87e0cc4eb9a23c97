import Foundation
import Testing
import TrygDomain
@testable import TrygImport
@testable import TrygEngine

/// Real-shaped files under `ImportFixtures/` (see `make-fixtures.py` there): each is loaded and
/// its report, first rows and rejected rows — or its error — are compared with `NAME.expected`.
/// Set `TRYG_RECORD=1` to rewrite the expectations (review the diff before committing).
@Suite struct ImportFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ImportFixtures")

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasSuffix(".py") && !$0.hasPrefix(".") }.sorted()
    }

    @Test func everyFixtureHasAnExpectation() {
        #expect(ImportFixtureTests.files.count >= 12)
        for file in ImportFixtureTests.files {
            let expected = ImportFixtureTests.root.appendingPathComponent(file + ".expected").path
            #expect(FileManager.default.fileExists(atPath: expected) || ProcessInfo.processInfo.environment["TRYG_RECORD"] != nil,
                    "\(file) has no .expected file")
        }
    }

    @Test(arguments: files)
    func fixtureLoadsAsExpected(_ file: String) throws {
        let actual = ImportFixtureTests.describe(file)
        let url = ImportFixtureTests.root.appendingPathComponent(file + ".expected")
        if ProcessInfo.processInfo.environment["TRYG_RECORD"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(file)")
    }

    /// Everything a load of the fixture shows, with the fixture folder left out of paths.
    static func describe(_ file: String) -> String {
        let path = root.appendingPathComponent(file).path
        var out = "# \(file)\n"
        if file.hasSuffix(".xlsx") {
            do {
                let sheets = try XLSXReader.sheets(path: path)
                out += "\nsheets\n" + sheets.map { "\($0.name) | \($0.rows) rows | \($0.columns) columns | \($0.state ?? "visible")" }
                    .joined(separator: "\n") + "\n"
                out += section(nil) { () throws(Diagnostic) in
                    try XLSXReader.load(path: path, tableName: "t", options: ImportOptions(scales: DomainContext.standard.scales))
                }
                for sheet in sheets.dropFirst() {
                    out += section(sheet.name) { () throws(Diagnostic) in
                        try XLSXReader.load(path: path, tableName: "t",
                                            options: ImportOptions(sheet: sheet.name, scales: DomainContext.standard.scales))
                    }
                }
            } catch {
                out += "\nerror\n\(error.description)\n"
            }
        } else {
            out += section(nil) { () throws(Diagnostic) in
                try CSVReader.load(path: path, tableName: "t", options: ImportOptions(scales: DomainContext.standard.scales))
            }
        }
        return out.replacingOccurrences(of: root.path + "/", with: "")
    }

    private static func section(_ sheet: String?, _ load: () throws(Diagnostic) -> TableLoad) -> String {
        var out = sheet.map { "\n## sheet \($0)\n" } ?? ""
        do {
            let l = try load()
            out += "\nreport\n" + l.reportText(name: "t") + "\n"
            for w in l.report.warnings { out += w.description + "\n" }
            out += "\nfirst rows\n" + l.table.columnNames.joined(separator: " | ") + "\n"
            for row in l.table.rows.prefix(3) { out += row.map(show).joined(separator: " | ") + "\n" }
            if let rejects = l.rejects {
                out += "\nrejects\nline | raw | reason\n"
                for row in rejects.rows { out += "\(show(row[1])) | \(show(row[2])) | \(show(row[3]))\n" }
            }
        } catch {
            out += "\nerror\n\(error.description)\n"
        }
        return out
    }

    private static func show(_ v: Value) -> String {
        if case .null = v { return "NULL" }
        return v.display.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }
}
