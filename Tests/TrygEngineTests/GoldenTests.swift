import Foundation
import Testing
@testable import TrygEngine

/// Golden query files: `Golden/<area>/*.test`, each run in a fresh session over the test tables.
/// Set `TRYG_RECORD=1` to rewrite the expectations in place (review the diff before committing).
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var files: [String] {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: root.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test(arguments: files)
    func golden(_ file: String) throws {
        let url = GoldenTests.root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let parsed = GoldenFile.parse(text)
        #expect(!parsed.records.isEmpty, "no records in \(file)")
        let session = Session(catalog: TestTables.catalog())
        var rewritten = parsed
        for (i, record) in parsed.records.enumerated() {
            let actual = GoldenFile.run(record, in: session)
            rewritten.records[i].expected = actual
            if ProcessInfo.processInfo.environment["TRYG_RECORD"] == nil {
                #expect(actual == record.expected, "\(file): \(record.kind) \(record.statement)")
            }
        }
        if ProcessInfo.processInfo.environment["TRYG_RECORD"] != nil {
            try rewritten.render().write(to: url, atomically: true, encoding: .utf8)
        }
    }
}

/// The `.test` format: a header of `#` lines, then records `query|error|plan|statement`, the
/// statement, `----`, and the expected output.
struct GoldenFile {
    struct Record {
        var kind: String
        var statement: String
        var expected: String
    }

    var header: [String]
    var records: [Record]

    static let kinds: Set<String> = ["query", "error", "plan", "statement"]

    static func parse(_ text: String) -> GoldenFile {
        var header: [String] = []
        var records: [Record] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count, !kinds.contains(lines[i]) {
            header.append(lines[i])
            i += 1
        }
        while i < lines.count {
            guard kinds.contains(lines[i]) else { i += 1; continue }
            let kind = lines[i]
            i += 1
            var stmt: [String] = []
            while i < lines.count, lines[i] != "----" { stmt.append(lines[i]); i += 1 }
            i += 1
            var expected: [String] = []
            while i < lines.count, !(kinds.contains(lines[i]) && (expected.last ?? "x").isEmpty) {
                expected.append(lines[i])
                i += 1
            }
            while let last = expected.last, last.isEmpty { expected.removeLast() }
            records.append(Record(kind: kind, statement: stmt.joined(separator: "\n"), expected: expected.joined(separator: "\n")))
        }
        while let last = header.last, last.isEmpty { header.removeLast() }
        return GoldenFile(header: header, records: records)
    }

    func render() -> String {
        var out = header.joined(separator: "\n") + "\n"
        for r in records { out += "\n\(r.kind)\n\(r.statement)\n----\n\(r.expected)\n" }
        return out
    }

    static func run(_ record: Record, in session: Session) -> String {
        do {
            switch try session.execute(record.statement) {
            case .rows(let r):
                return (rows(r.table) + r.warnings.map(\.description)).joined(separator: "\n")
                    + (r.chart.map { "\nchart: \($0.kind.rawValue)\($0.column.map { " " + $0 } ?? "")" } ?? "")
            case .stored(let name, let r):
                return (["stored \(name): \(r.table.rowCount) rows"] + r.warnings.map(\.description)).joined(separator: "\n")
            case .plan(let text, let warnings):
                return ([text] + warnings.map(\.description)).joined(separator: "\n")
            }
        } catch {
            return error.description
        }
    }

    static func rows(_ t: Table) -> [String] {
        [t.columnNames.joined(separator: " | ")]
            + t.rows.map { $0.map { $0.isNull ? "NULL" : $0.display }.joined(separator: " | ") }
    }
}

/// Adding a function is one catalog entry plus a golden test of its help example.
@Suite struct CatalogGoldenTests {
    static var goldenQueries: Set<String> {
        var out = Set<String>()
        for file in GoldenTests.files {
            guard let text = try? String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8) else { continue }
            for r in GoldenFile.parse(text).records where r.kind == "query" { out.insert(r.statement) }
        }
        return out
    }

    @Test(arguments: FunctionCatalog.help + FunctionCatalog.operatorHelp)
    func everyHelpExampleHasAGolden(_ help: FunctionHelp) {
        #expect(CatalogGoldenTests.goldenQueries.contains(help.example), "no golden query runs the example of \(help.name)")
    }

    @Test(arguments: FunctionCatalog.help + FunctionCatalog.operatorHelp)
    func everyHelpExampleRunsWithoutWarnings(_ help: FunctionHelp) throws {
        let outcome = try Session(catalog: TestTables.catalog()).execute(help.example)
        guard case .rows(let result) = outcome else { Issue.record("not a query: \(help.example)"); return }
        #expect(result.warnings.isEmpty)
        #expect(result.table.rowCount > 0, "the example of \(help.name) shows no rows")
    }
}

/// Every error the goldens show has a code of its own, so tools reading `--format json` and
/// code deciding by the kind of error never need the message text.
@Suite struct ErrorCodeTests {
    @Test func everyGoldenErrorHasItsOwnCode() throws {
        var generic: [String] = []
        var errors = 0
        for file in GoldenTests.files {
            let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8)
            let session = Session(catalog: TestTables.catalog())
            for record in GoldenFile.parse(text).records {
                do {
                    _ = try session.execute(record.statement)
                } catch {
                    errors += 1
                    if error.code == .query { generic.append("\(file): \(record.statement.prefix(80)) → \(error.message)") }
                }
            }
        }
        #expect(errors > 50, "the goldens hold \(errors) errors")
        #expect(generic.isEmpty, "errors without a code of their own:\n\(generic.joined(separator: "\n"))")
    }
}
