import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygImport

/// Every ```tryg example in docs/manual.md runs on the bundled samples without an error or warning.
@Suite struct ManualTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var examples: [String] {
        guard let text = try? String(contentsOf: package.appendingPathComponent("docs/manual.md"), encoding: .utf8) else {
            return []
        }
        var out: [String] = []
        var inBlock = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inBlock = line == "```tryg"; continue }
            if inBlock, !line.isEmpty { out.append(line) }
        }
        return out
    }

    static func samples() throws -> Catalog {
        let catalog = Catalog()
        let dir = package.appendingPathComponent("samples").path
        for name in ["incidents", "libraries", "survey", "timeline"] {
            let load = try CSVReader.load(path: "\(dir)/\(name).csv", tableName: name,
                                          options: ImportOptions(scales: DomainContext.standard.scales))
            catalog.register(load.table)
        }
        return catalog
    }

    @Test func manualHasExamples() { #expect(ManualTests.examples.count > 30) }

    @Test func everyExampleRuns() throws {
        let session = Session(catalog: try ManualTests.samples())
        for example in ManualTests.examples {
            do {
                let outcome = try session.execute(example)
                switch outcome {
                case .rows(let r), .stored(_, let r):
                    #expect(r.warnings.isEmpty, "\(example): \(r.warnings)")
                    #expect(r.table.rowCount > 0, "\(example) gave no rows")
                case .plan(let text, _):
                    // `explain sql` gives one statement; `explain` the plans.
                    #expect(example.hasPrefix("explain sql") ? text.hasPrefix("WITH") : text.contains("optimized plan"), "\(example)")
                }
            } catch {
                Issue.record("\(example)\n\(error)")
            }
        }
    }
}
