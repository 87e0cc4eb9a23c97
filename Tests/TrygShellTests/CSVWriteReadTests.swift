import Testing
import TrygEngine
import TrygImport
@testable import TrygShell

/// What tryg writes as CSV, in any delimiter and decimal mark, reads back as the same numbers:
/// a value such as `1.250`, which a reader of that dialect would take for 1250, is written
/// `1.2500`.
@Suite struct CSVWriteReadTests {
    @Test(arguments: [(",", false), (";", false), ("\t", false), (",", true), (";", true), ("\t", true)] as [(Character, Bool)])
    func writtenNumbersReadBackAsWritten(delimiter: Character, comma: Bool) throws {
        var rng = WorkbookRandom(seed: UInt64(comma ? 7 : 3) &* 31 &+ UInt64(delimiter.asciiValue ?? 0))
        func int(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        var dialect = CSVDialect()
        dialect.delimiter = delimiter
        dialect.decimalComma = comma
        for _ in 0..<40 {
            let scale = int(5)
            let rows = 1 + int(6)
            // Values whose integer part has one to three digits are the ones a mark can confuse.
            let units = (0..<rows).map { _ in Int64(int(999_999)) * (int(4) == 0 ? -1 : 1) }
            let decimals = units.map { DecimalValue(units: $0, scale: scale) }
            let floats = (0..<rows).map { _ in Double(int(999_999)) / 1000 }
            let table = Table(name: "t", columnNames: ["id", "d", "f"], columns: [
                Column(type: .int, storage: .ints((0..<rows).map { Int64($0) })),
                Column(type: .decimal, storage: .decimals(units, scale: scale)),
                Column(type: .float, storage: .floats(floats)),
            ])
            let text = CSVRenderer.render(table, dialect: dialect)
            let load = try CSVReader.load(bytes: Array(text.utf8), path: "w.csv", tableName: "w")
            let d = try #require(load.table.column("d")), f = try #require(load.table.column("f"))
            for r in 0..<rows {
                #expect(d.value(at: r).numeric == Value.decimal(decimals[r]).numeric, "\(text)")
                #expect(f.value(at: r).numeric == floats[r], "\(text)")
            }
        }
    }
}
