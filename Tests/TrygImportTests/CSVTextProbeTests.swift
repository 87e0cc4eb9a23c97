import Testing
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// Keeping a text column's first rows as bytes until its first checkpoint (`CSVTextProbe`)
/// only saves work: the table, its layouts, dictionaries, rejects and report are those of
/// encoding every value from the first row, however the file is cut.
@Suite struct CSVTextProbeTests {
    /// A file of `rows` rows: `id`, then text columns each drawing from a pool whose size
    /// (from one value to one per row) puts the column on either side of the checkpoint's
    /// half-distinct rule, with nulls, quotes, values NFC changes, and a numeric column whose
    /// strays reject rows when it is declared.
    static func file(rows: Int, seed: UInt64) -> String {
        var rng = SeededGenerator(state: seed)
        let columns = Int.random(in: 1...4, using: &rng)
        // Pool sizes as a share of the rows: at and around one half, well below, all different.
        let shares = [0.0005, 0.3, 0.45, 0.5, 0.55, 0.7, 1.0, 2.0]
        let pools = (0..<columns).map { _ in max(1, Int(Double(rows) * shares.randomElement(using: &rng)!)) }
        // How each column starts: plain, with a null first, or repeating before turning free.
        let openings = (0..<columns).map { _ in Int.random(in: 0..<3, using: &rng) }
        let nullRate = [0, 3, 40].randomElement(using: &rng)!
        let nfdRow = Bool.random(using: &rng) ? Int.random(in: 0..<rows, using: &rng) : -1
        var text = "id," + (0..<columns).map { "t\($0)" }.joined(separator: ",") + ",n\n"
        for r in 0..<rows {
            var fields = ["\(r)"]
            for c in 0..<columns {
                var value: String
                if openings[c] == 1, r == 0 || r == CSVPlainText.firstCheckpoint - 1 {
                    value = ""
                } else if openings[c] == 2, r < 300 {
                    value = "gentaget \(r % 3)"
                } else if nullRate > 0, Int.random(in: 0..<nullRate, using: &rng) == 0 {
                    value = ""
                } else {
                    let k = Int.random(in: 0..<pools[c], using: &rng)
                    value = ["dør \(k)", "Blågården, \(k)", "sagde \"nej\" \(k)", "æble-\(k)-ø"][k % 4]
                }
                if r == nfdRow, c == 0 { value = "a\u{30A}bne \(r)" }
                fields.append(value.isEmpty ? "" : "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            }
            fields.append(Int.random(in: 0..<200, using: &rng) == 0 ? "x\(r)" : "\(r % 97)")
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// A column as stored, for comparing two loads exactly.
    struct Stored: Equatable {
        var name: String
        var type: String
        var nulls: [Int]
        var dictionary: [String]? = nil
        var codes: [Int32]? = nil
        var offsets: [Int]? = nil
        var bytes: [UInt8]? = nil
        var values: [String]? = nil

        init(_ name: String, _ column: Column) {
            self.name = name
            type = "\(column.type)"
            nulls = (0..<column.count).filter { column.isNull($0) }
            switch column.storage {
            case .text(let codes, let dictionary): (self.codes, self.dictionary) = (codes, dictionary.values)
            case .strings(let s): (offsets, bytes) = (s.offsets, s.bytes)
            default: values = (0..<column.count).map { "\(column.value(at: $0))" }
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func theTableIsTheSameWithAndWithoutTheProbe(chunks: Int) throws {
        var plainSeen = false, dictionarySeen = false
        for seed in 0..<UInt64(8) {
            var rng = SeededGenerator(state: seed &+ 100)
            let rows = [300, CSVPlainText.firstCheckpoint - 1, CSVPlainText.firstCheckpoint, 5000, 9000]
                .randomElement(using: &rng)!
            let text = CSVTextProbeTests.file(rows: rows, seed: seed)
            for declared in [false, true] {
                var probed = ImportOptions()
                probed.chunks = chunks
                if declared { probed.types = ["t0": .text, "n": .int] }
                var encoded = probed
                encoded.probesText = false
                let a = try csvLoad(text, options: probed), b = try csvLoad(text, options: encoded)
                let context = "seed \(seed), declared \(declared)"
                #expect(a.rowsLoaded == b.rowsLoaded && a.rowsRejected == b.rowsRejected && a.report == b.report, "\(context)")
                let sa = zip(a.table.columnNames, a.table.columns).map(Stored.init)
                let sb = zip(b.table.columnNames, b.table.columns).map(Stored.init)
                let differing = sa.indices.filter { $0 >= sb.count || sa[$0] != sb[$0] }.map { sa[$0].name }
                #expect(sa == sb, "\(context): \(differing) differ")
                for column in a.table.columns {
                    if column.textLayout == .plain { plainSeen = true }
                    if column.textLayout == .dictionary { dictionarySeen = true }
                }
            }
        }
        // The files put columns on both sides of the rule.
        #expect(plainSeen && dictionarySeen)
    }
}
