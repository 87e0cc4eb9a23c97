import Testing
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

@Suite struct CSVRobustnessTests {
    /// Random bytes from an alphabet heavy in CSV syntax either load into a consistent
    /// table or give a diagnostic with a position; nothing traps, and chunking agrees.
    @Test(arguments: 0..<300)
    func arbitraryBytesLoadOrFailCleanly(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var tokens: [[UInt8]] = ["a", ",", "\"", "\n", "\r", ";", "1", ".", "-", "e", ":", "T", " ", "2", "å", "a\u{30A}", "€", "\r\n"]
            .map { Array($0.utf8) }
        // One file in four may also hold bytes that are not UTF-8 or not text.
        if seed % 4 == 0 { tokens += [[0xFF], [0x00], [0xC3], [0xA5]] }
        let length = Int(next() % 120)
        let bytes = (0..<length).flatMap { _ in tokens[Int(next() % UInt64(tokens.count))] }
        var results: [String] = []
        for chunks in [1, 3] {
            var options = ImportOptions()
            options.chunks = chunks
            do {
                let l = try CSVReader.load(bytes: bytes, path: "fuzz.csv", tableName: "f", options: options)
                #expect(l.table.columns.allSatisfy { $0.count == l.rowsLoaded })
                #expect(l.rowsRejected == (l.rejects?.rowCount ?? 0))
                results.append("\(l.table.columns.map(\.type)) \(l.table.rows) \(l.rejects?.rows ?? [])")
            } catch {
                #expect(error.file?.path == "fuzz.csv")
                results.append(error.message + "\(String(describing: error.file))")
            }
        }
        #expect(results[0] == results[1], "seed \(seed)")
    }
}

/// Column names from a header: always distinct ignoring case, in linear time, with the
/// warnings about them folded past the first few.
@Suite struct ColumnNameTests {
    @Test func namesAreDistinctIgnoringCaseWhateverTheHeaderRepeats() {
        var rng = TestRandom(seed: 0xC011_4A3E)
        let pool = ["x", "X", "x_2", "X_3", "", "navn", "Navn_2", "x_2_2"]
        for _ in 0..<200 {
            var namer = ColumnNames()
            let given = (0..<Int(rng.next() % 40)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            let names = given.map { namer.unique($0.isEmpty ? "column" : $0) }
            #expect(Set(names.map { $0.lowercased() }).count == names.count, "\(given) → \(names)")
            for (g, n) in zip(given, names) where !g.isEmpty { #expect(n.hasPrefix(g), "\(g) → \(n)") }
        }
    }

    @Test func aHeaderOfOneRepeatedNameLoadsWithAFewWarnings() throws {
        let width = 16_000
        let text = Array(repeating: "x", count: width).joined(separator: ";") + "\n"
            + (0..<width).map { String($0 % 10) }.joined(separator: ";") + "\n"
        let l = try CSVReader.load(bytes: Array(text.utf8), path: "dup.csv", tableName: "dup", options: ImportOptions())
        #expect(l.table.columnNames.count == width)
        #expect(l.table.columnNames.last == "x_\(width)")
        #expect(l.report.warnings.count == 6, "\(l.report.warnings.map(\.message))")
        #expect(l.report.warnings.last?.message.contains("15,994 more columns repeat a name") == true)
    }
}

/// xorshift64, for tests that need their own stream of numbers.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
