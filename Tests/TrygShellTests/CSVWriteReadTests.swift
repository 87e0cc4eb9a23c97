import Testing
import TrygEngine
import TrygImport
@testable import TrygShell

/// What tryg writes as CSV, in any delimiter and decimal mark, reads back as the same numbers:
/// a value such as `1.250`, which a reader of that dialect would take for 1250, is written
/// `1.2500`.
@Suite struct CSVWriteReadTests {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test(arguments: [(",", false), (";", false), ("\t", false), (",", true), (";", true), ("\t", true)] as [(Character, Bool)])
    func writtenNumbersReadBackAsWritten(delimiter: Character, comma: Bool) throws {
        var rng = Rng(state: UInt64(comma ? 7 : 3) &* 31 &+ UInt64(delimiter.asciiValue ?? 0))
        var dialect = CSVDialect()
        dialect.delimiter = delimiter
        dialect.decimalComma = comma
        for _ in 0..<40 {
            let scale = rng.int(5)
            let rows = 1 + rng.int(6)
            // Values whose integer part has one to three digits are the ones a mark can confuse.
            let units = (0..<rows).map { _ in Int64(rng.int(999_999)) * (rng.int(4) == 0 ? -1 : 1) }
            let decimals = units.map { DecimalValue(units: $0, scale: scale) }
            let floats = (0..<rows).map { _ in Double(rng.int(999_999)) / 1000 }
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
