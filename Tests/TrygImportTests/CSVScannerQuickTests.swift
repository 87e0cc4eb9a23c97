import Testing
@testable import TrygImport
@testable import TrygEngine

/// The quick path (`CSVScanner.quickRecord`) against the byte path on random CSV made of the
/// awkward kinds of field: every record, field, line number, rejection mark and position must
/// be the same.
@Suite struct CSVScannerQuickTests {
    /// One random field of a kind chosen by `kind`, for the given delimiter.
    static func field(kind: Int, delimiter: String, using rng: inout SeededGenerator) -> String {
        let words = ["a", "Blågården", "x y", "12", "3,5", "æøå", "tekst", "-", "\u{1F600}", "e\u{301}"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ")
        }
        // Lengths around the 16-, 32- and 64-byte block edges.
        let long = Int.random(in: 1..<40, using: &rng)
        switch kind {
        case 0: return ""
        case 1: return text(Int.random(in: 1..<4, using: &rng))
        case 2: return text(long)
        case 3: return "\"" + text(long) + delimiter + text(2) + "\""
        case 4: return "\"" + text(2) + "\"\"" + text(long) + "\"\"\""
        case 5: return "\"\""
        case 6: return "\"" + text(2) + "\n" + text(long) + "\""
        case 7: return "\"" + text(2) + "\r\n" + text(2) + "\""
        case 8: return "\"" + text(long) + "\"" + text(1)
        case 9: return "\"" + text(long)
        case 10: return text(2) + "\r" + text(1)
        case 11: return text(1) + "\"" + text(long)
        case 12: return "\"" + text(long) + "\"\r"
        case 13: return "\"\"\"" + text(1) + "\""
        default: return String(repeating: "z", count: Int.random(in: 0..<130, using: &rng))
        }
    }

    /// A random file: records of random fields, ended by `\n`, `\r\n` or (last) nothing.
    static func file(delimiter: String, awkward: Int, using rng: inout SeededGenerator) -> [UInt8] {
        var out = ""
        let records = Int.random(in: 1..<40, using: &rng)
        for r in 0..<records {
            let count = Int.random(in: 1..<12, using: &rng)
            let fields = (0..<count).map { _ in
                // Mostly ordinary and cleanly quoted fields, with `awkward` in 16 of the rest.
                let ordinary = Int.random(in: 0..<16, using: &rng) >= awkward
                let kind = ordinary ? [0, 1, 2, 3, 4, 5, 14][Int.random(in: 0..<7, using: &rng)]
                                    : Int.random(in: 0..<15, using: &rng)
                return field(kind: kind, delimiter: delimiter, using: &rng)
            }
            out += fields.joined(separator: delimiter)
            if r < records - 1 || Bool.random(using: &rng) {
                out += Int.random(in: 0..<3, using: &rng) == 0 ? "\r\n" : "\n"
            }
        }
        var bytes = Array(out.utf8)
        // Now and then a byte that is not UTF-8, or a lone `\r` at the very end.
        if Int.random(in: 0..<4, using: &rng) == 0, !bytes.isEmpty {
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = 0xFF
        }
        if Int.random(in: 0..<8, using: &rng) == 0 { bytes.append(UInt8(ascii: "\r")) }
        return bytes
    }

    @Test func quickAndBytePathsAgreeOnAwkwardCSV() {
        var rng = SeededGenerator(state: 16)
        let delimiters = [",", ";", "\t", "|"]
        var mismatches = 0
        for round in 0..<2_000 where mismatches < 3 {
            let delimiter = delimiters[Int.random(in: 0..<delimiters.count, using: &rng)]
            let bytes = CSVScannerQuickTests.file(delimiter: delimiter, awkward: Int.random(in: 0..<8, using: &rng), using: &rng)
            let quoting = Int.random(in: 0..<6, using: &rng) != 0
            // The whole file and a cut of it, so records also end at the end of the bytes.
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            for piece in [bytes, Array(bytes[..<cut])] {
                let d = delimiter.utf8.first ?? 0
                let quick = CSVScannerTests.scan(piece, delimiter: d, quoting: quoting, quick: true)
                let careful = CSVScannerTests.scan(piece, delimiter: d, quoting: quoting, quick: false)
                #expect(quick.seen == careful.seen, "round \(round): \(String(decoding: piece, as: UTF8.self).debugDescription)")
                #expect(careful.quick == 0)
                if quick.seen != careful.seen { mismatches += 1 }
            }
        }
    }

    @Test func quotedFieldsTakeTheQuickPath() {
        let rows = (0..<100).map { i in
            "\(i),MM-2025-\(i),\"Kl. 8.00 larmede en bruger, \"\"højt\"\", på toilettet. Politiet tilkaldt, de kom.\",\"\"\n"
        }
        let bytes = Array(rows.joined().utf8)
        let quick = CSVScannerTests.scan(bytes, delimiter: UInt8(ascii: ","), quoting: true, quick: true)
        #expect(quick.seen == CSVScannerTests.scan(bytes, delimiter: UInt8(ascii: ","), quoting: true, quick: false).seen)
        #expect(quick.seen.dropLast().allSatisfy { $0.fieldCount == 4 && $0.quoted })
        // All but the records in the last 64 bytes.
        #expect(quick.quick >= 99)
    }
}
