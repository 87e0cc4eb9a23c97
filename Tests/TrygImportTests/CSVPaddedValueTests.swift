import Foundation
import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// Values padded with blanks (` 5`, `2025-01-31 `), as fixed-width and hand-edited exports
/// write them, and ints a user typed that inference keeps as text.
@Suite struct CSVPaddedValueTests {
    /// A random table of typed columns, written plainly and with blanks around its values.
    private static func table(seed: UInt64, rows: Int) -> (plain: String, padded: String) {
        var g = SeededGenerator(state: seed)
        func pad(_ s: String) -> String {
            let lead = Int.random(in: 0...2, using: &g), trail = Int.random(in: 0...2, using: &g)
            return String(repeating: " ", count: lead) + s + String(repeating: " ", count: trail)
        }
        var plain = "n,amount,day,at,flag,note\n", padded = plain
        for _ in 0..<rows {
            let n = Int64.random(in: -1_000_000...1_000_000, using: &g)
            let amount = "\(Int.random(in: 0...9999, using: &g)).\(Int.random(in: 10...99, using: &g))"
            let day = CivilDate(dayNumber: Int.random(in: 18_000...21_000, using: &g)).iso
            let at = "\(CivilDate(dayNumber: Int.random(in: 18_000...21_000, using: &g)).iso) \(Int.random(in: 10...23, using: &g)):\(Int.random(in: 10...59, using: &g))"
            let flag = Bool.random(using: &g) ? "true" : "false"
            let note = ["råb", "ok", "x y", "7a"][Int.random(in: 0...3, using: &g)]
            let missing = Int.random(in: 0..<20, using: &g) == 0
            let fields = [missing ? "" : "\(n)", amount, day, at, flag]
            plain += fields.joined(separator: ",") + ",\(note)\n"
            padded += fields.map { $0.isEmpty ? $0 : pad($0) }.joined(separator: ",") + ",\(note)\n"
        }
        return (plain, padded)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func paddingAValueDoesNotChangeIt(seed: UInt64) throws {
        let (plain, padded) = Self.table(seed: seed, rows: seed == 4 ? 3000 : 40)
        for chunks in [1, 3] {
            var options = ImportOptions()
            options.chunks = chunks
            let a = try csvLoad(plain, options: options), b = try csvLoad(padded, options: options)
            #expect(a.table.columns.map(\.type) == [.int, .decimal, .date, .timestamp, .bool, .text], "seed \(seed)")
            #expect(b.table.columns.map(\.type) == a.table.columns.map(\.type), "seed \(seed), chunks \(chunks)")
            #expect(b.table.rows == a.table.rows, "seed \(seed), chunks \(chunks)")
            #expect(b.rowsRejected == 0)
        }
    }

    @Test func textKeepsItsBlanks() throws {
        let l = try csvLoad("t,z,s\n ab ,0900 , 5\n cd,\t0417,6\t\n")
        #expect(csvValues(l, "t") == [.text(" ab "), .text(" cd")])
        // A leading zero marks an identifier, padded or not.
        #expect(csvValues(l, "z") == [.text("0900 "), .text("\t0417")])
        #expect(csvValues(l, "s") == [.int(5), .int(6)])
        // A column of blanks alone holds nothing: nulls, as a column of missing-value markers does.
        let blanks = try csvLoad("b,x\n  ,1\n   ,2\n")
        #expect(csvValues(blanks, "b") == [.null, .null])
    }

    @Test(arguments: [1, 3])
    func blanksAloneAreNullBesideNumbersAndDates(chunks: Int) throws {
        var options = ImportOptions()
        options.chunks = chunks
        var csv = "n,d,t\n"
        for i in 0..<300 { csv += i % 3 == 1 ? "  ,\t, \n" : "\(i),2025-01-\(10 + i % 20),x\n" }
        let l = try csvLoad(csv, options: options)
        #expect(csvType(l, "n") == .int && csvType(l, "d") == .date && csvType(l, "t") == .text)
        #expect(csvValues(l, "n").enumerated().allSatisfy { i, v in i % 3 == 1 ? v == .null : v == .int(Int64(i)) })
        #expect(csvValues(l, "d").enumerated().allSatisfy { i, v in (i % 3 == 1) == (v == .null) })
        // Text keeps its blanks as written.
        #expect(csvValues(l, "t")[1] == .text(" "))
        #expect(l.rowsRejected == 0 && l.rowsLoaded == 300)
    }

    @Test func aPaddedValueAfterTheSampleFitsTheColumn() throws {
        // Past the rows inference samples, a padded value still fits the column's type.
        var csv = "x,d\n"
        for i in 0..<5000 { csv += "\(i),2025-01-\(10 + i % 20)\n" }
        csv += " 77 , 2025-02-01\n"
        let l = try csvLoad(csv)
        #expect(csvType(l, "x") == .int && csvType(l, "d") == .date)
        #expect(csvValues(l, "x").last == .int(77))
        #expect(csvValues(l, "d").last == .date(csvDay(2025, 2, 1)))
    }

    @Test func aTypedIntTakesEveryInt64() throws {
        var g = SeededGenerator(state: 99)
        var texts = ["9223372036854775807", "-9223372036854775808", "1234567890123456789", "007", "+12", "-0", "0000"]
        var expected: [Int64] = [.max, .min, 1_234_567_890_123_456_789, 7, 12, 0, 0]
        for _ in 0..<300 {
            let v = Int64.random(in: .min ... .max, using: &g)
            let zeros = String(repeating: "0", count: Int.random(in: 0...2, using: &g))
            texts.append(v < 0 ? "-\(zeros)\(v.magnitude)" : "\(zeros)\(v)")
            expected.append(v)
        }
        texts.append(" 42 ")
        expected.append(42)
        var options = ImportOptions()
        options.types = ["x": .int]
        let l = try csvLoad("x\n" + texts.joined(separator: "\n") + "\n", options: options)
        #expect(l.rowsRejected == 0)
        #expect(csvValues(l, "x") == expected.map { .int($0) })
        // Inferred, a 19-digit number or a leading zero stays text, as written.
        let inferred = try csvLoad("x\n1234567890123456789\n007\n")
        #expect(csvValues(inferred, "x") == [.text("1234567890123456789"), .text("007")])
    }

    @Test func aTypedIntRejectsWhatIsNoInt64AndKeepsTheRow() throws {
        var options = ImportOptions()
        options.types = ["x": .int]
        let l = try csvLoad("x,y\n9223372036854775808,a\n5,b\n1.5,c\n-9223372036854775809,d\n", options: options)
        #expect(l.rowsLoaded == 1 && l.rowsRejected == 3)
        #expect(csvValues(l, "x") == [.int(5)])
        #expect(l.rejects?.rows.count == 3, "the rejected rows are kept")
    }
}
