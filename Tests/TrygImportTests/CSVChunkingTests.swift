import Foundation
import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// A small deterministic generator (SplitMix64), so failures can be replayed by seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random CSV file together with what a correct reader must make of it.
private struct GeneratedCSV {
    var text = ""
    /// Field values of the rows loaded, in order ("" for null): those with the header's width,
    /// and those with fields missing at the end, which are null.
    var rows: [[String]] = []
    /// Lines and raw text of the rows with more fields than the header.
    var ragged: [(line: Int, raw: String)] = []
    var width = 0

    init(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        width = Int.random(in: 1...4, using: &rng)
        let newline = Bool.random(using: &rng) ? "\n" : "\r\n"
        // Each column leans to one kind of value, with a few strays to force widening.
        let kinds = (0..<width).map { _ in Int.random(in: 0..<7, using: &rng) }
        var line = 1
        text = (0..<width).map { "c\($0)" }.joined(separator: ",") + newline
        line += 1
        let count = Int.random(in: 0...60, using: &rng)
        for r in 0..<count {
            var fields = (0..<width).map { c -> String in
                let kind = Int.random(in: 0..<20, using: &rng) == 0 ? Int.random(in: 0..<7, using: &rng) : kinds[c]
                return GeneratedCSV.value(kind: kind, using: &rng)
            }
            var isRagged = Int.random(in: 0..<15, using: &rng) == 0
            var isShort = false
            if isRagged {
                if width > 1, Bool.random(using: &rng) {
                    fields.removeLast()
                    isShort = true
                    isRagged = false
                } else if width > 1 {
                    fields.append("x")
                } else {
                    // A file of one column has no delimiter: a comma is part of the value.
                    isRagged = false
                }
            }
            // A multi-column file skips a blank line, so a row of one empty field is not made there.
            if fields.count == 1, fields[0].isEmpty, width > 1 { fields[0] = "0" }
            let encoded = fields.map { GeneratedCSV.encode($0, using: &rng) }.joined(separator: ",")
            if isRagged { ragged.append((line, encoded)) } else { rows.append(isShort ? fields + [""] : fields) }
            line += encoded.filter { $0 == "\n" || $0 == "\r\n" }.count
            let last = r == count - 1
            // Without a line end, a last row of one empty field would not be there at all.
            if !last || encoded.isEmpty || Bool.random(using: &rng) {
                text += encoded + newline
                line += 1
            } else {
                text += encoded
            }
        }
    }

    static func value(kind: Int, using rng: inout SeededGenerator) -> String {
        if Int.random(in: 0..<8, using: &rng) == 0 { return "" }
        switch kind {
        case 0: return String(Int64.random(in: -1_000_000...1_000_000, using: &rng))
        case 1: return String(Double(Int.random(in: -99999...99999, using: &rng)) / 100)
        case 2: return Bool.random(using: &rng) ? "true" : "FALSE"
        case 3: return "2025-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))"
        case 4: return "2024-12-0\(Int.random(in: 1...9, using: &rng))T1\(Int.random(in: 0...9, using: &rng)):30"
        case 5: return ["Blågården", "Nørrebro", "Bla\u{30A}ga\u{30A}rden", "safe", "tryg"].randomElement(using: &rng) ?? ""
        default:
            return ["a,b", "say \"hi\"", "two\nlines", "crlf\r\ninside", "\"", " padded ", "ø;æ", "x"]
                .randomElement(using: &rng) ?? ""
        }
    }

    /// The field as CSV: quoted when it must be, and sometimes when it need not be.
    static func encode(_ value: String, using rng: inout SeededGenerator) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard needsQuotes || (!value.isEmpty && Int.random(in: 0..<6, using: &rng) == 0) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

@Suite struct CSVChunkingTests {
    /// Every generated file loads as text to exactly the values and rejects it was made from.
    @Test(arguments: 0..<150)
    func textLoadMatchesTheGeneratedFields(seed: Int) throws {
        let csv = GeneratedCSV(seed: UInt64(seed))
        var types: [String: DataType] = [:]
        for c in 0..<csv.width { types["c\(c)"] = .text }
        for chunks in [1, 3] {
            var options = ImportOptions(types: types)
            options.chunks = chunks
            let l = try csvLoad(csv.text, options: options)
            let expected = csv.rows.map { row in row.map { $0.isEmpty ? Value.null : .text($0.precomposedStringWithCanonicalMapping) } }
            #expect(l.table.rows == expected, "seed \(seed), chunks \(chunks)")
            let rejects = l.rejects?.rows.map { [$0[1], $0[2]] } ?? []
            #expect(rejects == csv.ragged.map { [.int(Int64($0.line)), .text($0.raw)] }, "seed \(seed)")
        }
    }

    /// Reading in chunks gives the same table, types and rejects as reading on one thread.
    @Test(arguments: 0..<150)
    func chunkedLoadEqualsSequentialLoad(seed: Int) throws {
        let csv = GeneratedCSV(seed: UInt64(seed) &+ 1000)
        let options = ImportOptions(scales: ["c2": SurveyScale.safety])
        let one = try csvLoad(csv.text, options: options)
        for chunks in [2, 3, 5, 8] {
            var chunked = options
            chunked.chunks = chunks
            let many = try csvLoad(csv.text, options: chunked)
            #expect(many.table.columns.map(\.type) == one.table.columns.map(\.type), "seed \(seed), chunks \(chunks)")
            #expect(many.table.rows == one.table.rows, "seed \(seed), chunks \(chunks)")
            #expect(many.rejects?.rows == one.rejects?.rows, "seed \(seed), chunks \(chunks)")
            #expect(dictionaries(many) == dictionaries(one), "seed \(seed), chunks \(chunks)")
        }
    }

    /// Text dictionaries list values in order of first appearance however the file was cut.
    private func dictionaries(_ l: CSVLoad) -> [[String]] {
        l.table.columns.map { column in
            if case .text(_, let d) = column.storage { return d.values }
            return []
        }
    }

    /// A file large enough to be read in parallel without being told to, with a column
    /// that widens to decimal, a ragged row and a value that misses its column's type, all late.
    @Test func largeFileLoadsTheSameInParallel() throws {
        var text = "id,amount,note,code,at\n"
        text.reserveCapacity(6_000_000)
        for i in 0..<120_000 {
            let amount = i == 90_000 ? "2.5" : String(i % 97)
            let note = i % 10 == 0 ? "\"line \(i % 13)\nnext, \"\"q\"\"\"" : "Nørrebro \(i % 50)"
            let code = i == 99_000 ? "n/a" : i == 99_001 ? "x1" : String(i % 7)
            text += "\(i),\(amount),\(note),\(code),2025-01-\(10 + i % 18)T08:\(10 + i % 50)\n"
            if i == 95_000 { text += "ragged,row\n" }
        }
        #expect(text.utf8.count > CSVLoader.parallelThreshold)
        let parallel = try csvLoad(text)
        var options = ImportOptions()
        options.chunks = 1
        let sequential = try csvLoad(text, options: options)
        // `code` holds a letter code late, so it is text, and no row is lost for it.
        #expect(parallel.table.columns.map(\.type) == [.int, .decimal, .text, .text, .timestamp])
        #expect(parallel.table.columns.map(\.type) == sequential.table.columns.map(\.type))
        #expect(parallel.rowsLoaded == 120_000 && parallel.rowsRejected == 1)
        #expect(parallel.table.column("code")?.value(at: 99_001) == .text("x1"))
        #expect(parallel.rejects?.rows == sequential.rejects?.rows)
        // Header, 95 001 rows before it, and one extra line for every tenth of them.
        #expect(parallel.rejects?.rows.first?[1] == .int(1 + 95_001 + 9_501 + 1))
        for c in 0..<5 {
            let a = parallel.table.columns[c], b = sequential.table.columns[c]
            #expect((0..<a.count).allSatisfy { a.value(at: $0) == b.value(at: $0) }, "column \(c)")
        }
        #expect(dictionaries(parallel) == dictionaries(sequential))
    }

    @Test func cutsInsideQuotedFieldsAreRepaired() throws {
        // Long quoted fields full of line ends make most cuts land inside quotes.
        var text = "id,note\n"
        for i in 0..<40 { text += "\(i),\"" + String(repeating: "line\n", count: i % 7) + "end\"\n" }
        let one = try csvLoad(text)
        for chunks in 2...9 {
            var options = ImportOptions()
            options.chunks = chunks
            let many = try csvLoad(text, options: options)
            #expect(many.table.rows == one.table.rows, "chunks \(chunks)")
            #expect(many.rowsLoaded == 40)
        }
    }

    @Test func openQuotesAreTheSameInChunks() throws {
        let text = "a,b\n1,x\n2,y\n3,\"z\n4,w\n5,v\n"
        let one = try csvLoad(text)
        #expect(one.rejects?.rows.map { $0[1] } == [.int(4)])
        for chunks in 2...5 {
            var options = ImportOptions()
            options.chunks = chunks
            let many = try csvLoad(text, options: options)
            #expect(many.table.rows == one.table.rows)
            #expect(many.rejects?.rows == one.rejects?.rows)
        }
    }

    @Test func wideningAcrossChunks() throws {
        let text = "a,b,c,d\n1,2025-01-01,,x\n2,2025-01-02,,y\n2.5,2025-01-02T10:00,3,true\n4,2025-01-03,,z\n"
        let one = try csvLoad(text)
        #expect(one.table.columns.map(\.type) == [.decimal, .timestamp, .int, .text])
        for chunks in 2...4 {
            var options = ImportOptions()
            options.chunks = chunks
            let many = try csvLoad(text, options: options)
            #expect(many.table.columns.map(\.type) == one.table.columns.map(\.type))
            #expect(many.table.rows == one.table.rows)
        }
    }
}
