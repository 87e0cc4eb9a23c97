import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// Terminal charts drawn from the samples, compared with `ChartGoldens/*.test`
/// (`TRYG_RECORD=1` rewrites the expectations; review the diff before committing).
///
/// A record is `chart WIDTH [ascii] [rows=N]`, the query, `----`, and the chart as drawn in
/// place of the table on a terminal of that width, without colour.
@Suite struct ChartGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ChartGoldens")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test(arguments: files)
    func golden(_ file: String) throws {
        let url = ChartGoldenTests.root.appendingPathComponent(file)
        var golden = ChartGoldenFile.parse(try String(contentsOf: url, encoding: .utf8))
        #expect(!golden.records.isEmpty, "no records in \(file)")
        let catalog = try Samples.catalog()
        let record = ProcessInfo.processInfo.environment["TRYG_RECORD"] != nil
        for (i, r) in golden.records.enumerated() {
            let actual = ChartGoldenTests.draw(r, catalog: catalog)
            if record {
                golden.records[i].expected = actual
            } else {
                #expect(actual == r.expected, "\(file): \(r.options) \(r.query)\n\(actual)")
            }
        }
        if record { try golden.render().write(to: url, atomically: true, encoding: .utf8) }
    }

    /// The chart of one record, with any message the shell wrote to the error stream after it.
    static func draw(_ record: ChartGoldenFile.Record, catalog: Catalog) -> String {
        let words = record.options.split(separator: " ")
        let width = words.first.flatMap { Int($0) } ?? 80
        let rows = words.first { $0.hasPrefix("rows=") }.flatMap { Int($0.dropFirst(5)) }
        var settings = ShellSettings()
        settings.chartsReplaceTables = true
        settings.asciiCharts = words.contains("ascii")
        settings.dataSource = "syntetiske eksempeldata"
        let out = CapturedOutput(isTerminal: true), err = CapturedOutput()
        let runner = ShellRunner(session: Session(catalog: catalog), settings: settings, output: out, errors: err)
        runner.screenWidth = { width }
        runner.screenHeight = { rows }
        runner.run(ScriptItem(.statement, record.query, line: 1), sourceName: nil)
        var text = out.text
        if !err.text.isEmpty { text += err.text }
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

/// The chart golden format: `#` header lines, then records separated by blank lines.
struct ChartGoldenFile {
    struct Record {
        var options: String
        var query: String
        var expected: String
    }

    var header: [String]
    var records: [Record]

    static func parse(_ text: String) -> ChartGoldenFile {
        let lines = text.components(separatedBy: "\n")
        var i = 0
        var header: [String] = []
        while i < lines.count, !lines[i].hasPrefix("chart ") {
            header.append(lines[i])
            i += 1
        }
        while let last = header.last, last.isEmpty { header.removeLast() }
        var records: [Record] = []
        while i < lines.count {
            guard lines[i].hasPrefix("chart ") else { i += 1; continue }
            let options = String(lines[i].dropFirst(6))
            i += 1
            var query: [String] = []
            while i < lines.count, lines[i] != "----" { query.append(lines[i]); i += 1 }
            i += 1
            var expected: [String] = []
            while i < lines.count, !lines[i].isEmpty { expected.append(lines[i]); i += 1 }
            records.append(Record(options: options, query: query.joined(separator: "\n"),
                                  expected: expected.joined(separator: "\n")))
        }
        return ChartGoldenFile(header: header, records: records)
    }

    func render() -> String {
        var out = header.joined(separator: "\n") + "\n"
        for r in records {
            out += "\nchart \(r.options)\n\(r.query)\n----\n\(r.expected)\n"
        }
        return out
    }
}
