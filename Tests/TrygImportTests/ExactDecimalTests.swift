import Foundation
import Testing
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// Decimals load as written: a double holds 15 significant digits, a decimal column 18 at
/// one scale, and neither a long value nor a mix of large and fine values is rounded.
@Suite struct ExactDecimalTests {
    /// A value as a file writes it: `units / 10^scale` with the given mark, no leading zeros.
    static func written(_ units: Int64, scale: Int, comma: Bool) -> String {
        let digits = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        return sign + padded.dropLast(scale) + (comma ? "," : ".") + padded.suffix(scale)
    }

    /// Random columns of up to 18 significant digits each, at random scales, with nulls and
    /// ints among them, read in one chunk and in three: an exact decimal column holding each
    /// value as written when they all fit 64 bits at the largest scale written, else a float
    /// column of the nearest doubles.
    @Test(arguments: 0..<300)
    func decimalsLoadAsWritten(seed: Int) throws {
        var rng = SeededGenerator(state: UInt64(seed) &+ 4242)
        let comma = Bool.random(using: &rng)
        // Short columns, long ones (parallel chunks), and columns of wide or narrow values.
        let count = Int.random(in: 0..<4, using: &rng) == 0 ? 3000 : Int.random(in: 1...40, using: &rng)
        let widest = Int.random(in: 1...18, using: &rng)
        var values: [(units: Int64, scale: Int)?] = []
        var text = "id;v\n"
        for r in 0..<count {
            if Int.random(in: 0..<8, using: &rng) == 0 {
                values.append(nil)
                text += "\(r);\n"
                continue
            }
            let digits = Int.random(in: 1...widest, using: &rng)
            // The first value has decimals, so the column is never an int column.
            let scale = values.allSatisfy({ $0 == nil }) ? Int.random(in: 1...digits, using: &rng)
                                                          : Int.random(in: 0...digits, using: &rng)
            var units = Int64.random(in: 0..<DecimalValue.powers[digits], using: &rng)
            if Bool.random(using: &rng) { units = -units }
            values.append((units, scale))
            text += "\(r);\(ExactDecimalTests.written(units, scale: scale, comma: comma))\n"
        }
        let scale = values.compactMap { $0?.scale }.max() ?? 0
        let rescaled = values.map { v in v.flatMap { DecimalValue.rescale($0.units, from: $0.scale, to: scale) } }
        let fits = zip(values, rescaled).allSatisfy { $0 == nil || $1 != nil }
        for chunks in [1, 3] {
            var options = ImportOptions()
            options.delimiter = UInt8(ascii: ";")
            options.decimalComma = comma
            options.thousands = ThousandsSeparator.none
            options.chunks = chunks
            let l = try csvLoad(text, options: options)
            let column = try #require(l.table.column("v"))
            #expect(l.rowsRejected == 0)
            if fits {
                guard case .decimals(let units, let s) = column.storage else {
                    Issue.record("seed \(seed): \(column.type), not decimal")
                    continue
                }
                #expect(s == scale, "seed \(seed)")
                for (r, v) in rescaled.enumerated() where values[r] != nil {
                    #expect(units[r] == v, "seed \(seed), row \(r): \(String(describing: values[r]))")
                }
            } else {
                guard case .floats(let doubles) = column.storage else {
                    Issue.record("seed \(seed): \(column.type), not float")
                    continue
                }
                for (r, v) in values.enumerated() {
                    guard let v else { continue }
                    #expect(doubles[r] == Double(ExactDecimalTests.written(v.units, scale: v.scale, comma: false)), "seed \(seed), row \(r)")
                }
            }
            for (r, v) in values.enumerated() where v == nil { #expect(column.isNull(r), "seed \(seed), row \(r)") }
        }
    }

    /// Large and fine values together: 13 digits beside 3 decimals is 16 digits at scale 3,
    /// which a decimal holds; an int of 17 digits beside a fraction likewise.
    /// A decimal column whose values need a float says so, and calls the type declared only
    /// when the user declared it.
    @Test func aDecimalReadAsFloatIsNotedAsDeclaredOnlyWhenItWas() throws {
        let text = "f\n1.5\n2.25\n1e308\n"
        let sniffed = try csvLoad(text)
        #expect(sniffed.table.columns[0].type == .float)
        #expect(sniffed.report.notes.contains("f: its values need more than 18 digits at one scale (or an exponent); "
                                              + "read as float"), "\(sniffed.report.notes)")
        let declared = try csvLoad(text, options: ImportOptions(types: ["f": .decimal]))
        #expect(declared.report.notes.contains("f: declared decimal, but its values need more than 18 digits at one "
                                               + "scale (or an exponent); read as float"), "\(declared.report.notes)")
    }

    @Test func largeAndFineValuesStayExact() throws {
        let l = try csvLoad("v\n1000000000000\n0.10\n0.20\n-1000000000000\n0.001\n")
        #expect(l.table.column("v")?.type == .decimal)
        guard case .rows(let sum) = try Session(catalog: Catalog([l.table])).execute("t compute sum(v)") else {
            Issue.record("no rows")
            return
        }
        #expect(sum.table.rows == [[.decimal(DecimalValue(units: 301, scale: 3))]])
        let big = try csvLoad("v\n12345678901234567\n1.5\n")
        #expect(big.table.rows == [[.decimal(DecimalValue(units: 123_456_789_012_345_670, scale: 1))], [.decimal(DecimalValue(units: 15, scale: 1))]])
    }
}
