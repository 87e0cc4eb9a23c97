import Testing
import Foundation
@testable import TrygEngine

@Suite struct ScratchTests {
    @Test func scratch() throws {
        guard let path = ProcessInfo.processInfo.environment["TRYG_SCRATCH"],
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let s = Session(catalog: TestTables.catalog())
        for q in text.split(separator: "\n") where !q.isEmpty {
            print("> \(q)")
            do {
                switch try s.execute(String(q)) {
                case .rows(let r), .stored(_, let r):
                    print(r.table.columnNames.joined(separator: " | "))
                    for row in r.table.rows.prefix(12) { print(row.map { $0.isNull ? "NULL" : $0.display }.joined(separator: " | ")) }
                    if r.table.rowCount > 12 { print("… \(r.table.rowCount) rows") }
                    for w in r.warnings { print(w) }
                case .plan(let p, _): print(p)
                }
            } catch { print(error) }
        }
    }
}
