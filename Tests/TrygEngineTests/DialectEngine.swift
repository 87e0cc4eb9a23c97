import Foundation
import TrygDomain
@testable import TrygEngine

/// Another SQL engine behind `scripts/sql-runner.py`: the DuckDB CLI or Spark in local mode,
/// driven by one JSON request per line. Tables are sent with tryg's types and values as text;
/// results come back spelled as PostgreSQL prints them, so one comparison serves all engines.
final class DialectEngine {
    let name: String
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the runner: `python sql-runner.py duckdb CLI` or `python sql-runner.py spark`.
    init(name: String, python: String, arguments: [String]) throws {
        self.name = name
        let script = ManualTests.package.appendingPathComponent("scripts/sql-runner.py").path
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = try readLine()
        guard ready.contains("\"ready\"") else { throw Failure(description: "\(name) runner did not start: \(ready)") }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Makes `table` on the engine (replacing one of that name).
    func load(_ table: Table, as tableName: String? = nil) throws {
        let columns = zip(table.columnNames, table.columns).map { [$0, DialectEngine.typeName($1.type)] }
        let rows: [[String?]] = (0..<table.rowCount).map { r in table.columns.map { DialectEngine.text($0.value(at: r)) } }
        let answer = try request(["op": "load", "name": tableName ?? table.name, "columns": columns, "rows": rows])
        if let error = answer["error"] as? String { throw Failure(description: "loading \(table.name): \(error)") }
    }

    /// The rows of one statement: column names and cells (nil for null).
    func query(_ sql: String) throws -> (names: [String], rows: [[String?]]) {
        let answer = try request(["op": "query", "sql": sql])
        if let error = answer["error"] as? String { throw Failure(description: error) }
        let names = answer["columns"] as? [String] ?? []
        let rows = (answer["rows"] as? [[Any]] ?? []).map { $0.map { $0 as? String } }
        return (names, rows)
    }

    private func request(_ object: [String: Any]) throws -> [String: Any] {
        var data = try JSONSerialization.data(withJSONObject: object)
        data.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: data)
        let line = try readLine()
        guard let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure(description: "\(name) runner answered \(line.prefix(200))")
        }
        return answer
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered = Data(buffered[buffered.index(after: newline)...])
                return line
            }
            // What the pipe holds now (read(upToCount:) would wait for a full buffer).
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw Failure(description: "\(name) runner ended")
            }
            buffered.append(chunk)
        }
    }

    static func typeName(_ type: DataType) -> String {
        switch type {
        case .int, .null: return "int"
        case .decimal: return "decimal"
        case .float: return "float"
        case .bool: return "bool"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .text, .halfYear, .category: return "text"
        }
    }

    /// A value as the runner reads it: `2025-01-31 08:30:00` for a timestamp, labels for half-years.
    static func text(_ v: Value) -> String? {
        switch v {
        case .null: return nil
        case .int(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .timestamp(let t):
            var s = LocalTime.format(t).replacingOccurrences(of: "T", with: " ")
            if s.count == 16 { s += ":00" }
            return s
        default: return v.display
        }
    }
}
