import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygShell

/// The queries every SQL differential test runs, walked the same way for each engine: every
/// golden query over the test tables (a fresh session per file), then every statement of the
/// saved scripts over the bundled samples. A `let` hands its stored table to the engine, so
/// later queries over it compile and run there too.
enum SQLDifferentialCorpus {
    /// What a walk meets: a query to compare, or a table a `let` stored.
    enum Step {
        case query(statement: String, session: Session, place: String)
        case stored(name: String, table: Table)
    }

    /// How many queries were compared, and those the compiler refused, with its reasons.
    struct Tally {
        var compared = 0
        var refused: [String] = []

        /// tryg's rows and the statement compiled for `dialect`; nil (and tallied as refused)
        /// when the compiler refuses it, nil when tryg itself gives no rows.
        mutating func compile(_ statement: String, in session: Session, dialect: SQLDialect,
                              place: String) -> (local: QueryResult, sql: String)? {
            guard case .rows(let local)? = try? session.execute(statement) else { return nil }
            do {
                let sql = try session.sql(statement, dialect: dialect)
                compared += 1
                return (local, sql)
            } catch {
                refused.append("\(place): \(statement.split(separator: "\n").joined(separator: " ")) — \(error.message)")
                return nil
            }
        }

        /// Prints the counts and each refusal.
        func report(_ engine: String, _ what: String) {
            var lines = ["\(engine) differential (\(what)): \(compared) queries compared, \(refused.count) not compiled"]
            lines += refused.map { "  not compiled: \($0)" }
            print(lines.joined(separator: "\n"))
        }
    }

    /// Each golden file's queries and `let` statements, in order.
    static func goldenQueries(_ body: (Step) throws -> Void) throws {
        for file in GoldenTests.files {
            let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(file), encoding: .utf8)
            let session = Session(catalog: TestTables.catalog())
            for (i, record) in GoldenFile.parse(text).records.enumerated() {
                switch record.kind {
                case "query": try body(.query(statement: record.statement, session: session, place: "\(file) #\(i + 1)"))
                case "statement": try stored(record.statement, in: session, body)
                default: continue
                }
            }
        }
    }

    /// Each saved script's statements, in order, over the bundled samples.
    static func savedScripts(_ body: (Step) throws -> Void) throws {
        let dir = ManualTests.package.appendingPathComponent("queries")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tryg") }.sorted()
        #expect(!scripts.isEmpty)
        for script in scripts {
            let text = try String(contentsOf: dir.appendingPathComponent(script), encoding: .utf8)
            let session = Session(catalog: try ManualTests.samples())
            for item in ScriptSplitter.split(text) where item.kind == .statement {
                if item.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().hasPrefix("let ") {
                    try stored(item.text, in: session, body)
                } else {
                    try body(.query(statement: item.text, session: session, place: "queries/\(script):\(item.line)"))
                }
            }
        }
    }

    private static func stored(_ statement: String, in session: Session, _ body: (Step) throws -> Void) throws {
        if case .stored(let name, let result)? = try? session.execute(statement) {
            try body(.stored(name: name, table: result.table))
        }
    }
}
