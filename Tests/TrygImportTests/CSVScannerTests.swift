import Testing
@testable import TrygImport
@testable import TrygEngine

/// The scanner reads most records from bit masks of 64 bytes at a time and the rest byte by
/// byte; both ways must give the same records.
@Suite struct CSVScannerTests {
    struct Seen: Equatable {
        var start, end, line, fieldCount: Int
        var fields: [Int]
        var stray: Int?
        var open: Int?
        var quoted: Bool
        var position: Int
    }

    /// Every record of `bytes`, read one way or the other.
    static func records(_ bytes: [UInt8], delimiter: UInt8, quoting: Bool, quick: Bool) -> [Seen] {
        scan(bytes, delimiter: delimiter, quoting: quoting, quick: quick).seen
    }

    /// Every record of `bytes`, read one way or the other, then the scanner's line and
    /// position after the last; and how many records the quick path read.
    static func scan(_ bytes: [UInt8], delimiter: UInt8, quoting: Bool, quick: Bool) -> (seen: [Seen], quick: Int) {
        bytes.withUnsafeBufferPointer { buffer -> ([Seen], Int) in
            guard let base = buffer.baseAddress else { return ([], 0) }
            var scanner = CSVScanner(bytes: CSVBytes(base: base, count: buffer.count, path: "t.csv"),
                                     delimiter: delimiter, quoting: quoting, position: 0)
            scanner.allowsQuickRecords = quick
            var seen: [Seen] = []
            while let r = scanner.next() {
                let stored = min(r.fieldCount, CSVScanner.maxFields)
                let fields = (0..<stored).flatMap { [scanner.fields[$0].start, scanner.fields[$0].end,
                                                     scanner.fields[$0].escaped ? 1 : 0] }
                seen.append(Seen(start: r.start, end: r.end, line: r.line, fieldCount: r.fieldCount, fields: fields,
                                 stray: r.strayTextAfterQuote?.offset, open: r.openQuote?.offset,
                                 quoted: r.hasQuotedField, position: scanner.position))
            }
            // The line after the last record, as a chunk's line count uses it.
            seen.append(Seen(start: -1, end: -1, line: scanner.line, fieldCount: 0, fields: [], stray: nil, open: nil,
                             quoted: false, position: scanner.position))
            return (seen, scanner.quickRecords)
        }
    }

    @Test func quickAndCarefulRecordsAgree() {
        var rng = SeededGenerator(state: 7)
        let alphabet = Array("ab,;\"\r\n xø".utf8) + [0xC3, 0xB8]
        for round in 0..<3_000 {
            let length = 1 + Int.random(in: 0..<700, using: &rng)
            var bytes: [UInt8] = []
            // Mostly ordinary rows, with the bytes that matter sprinkled in.
            while bytes.count < length {
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
                } else {
                    let rows = ["12,Blågården,\(Int.random(in: 0..<1000, using: &rng)),tekst her\n",
                                "13,\"Unge, samlet\",\"\",x\r\n", "14;\"a\"\"b\";\"c;d\"\n", "\"q\"\n", "\"\",\"\"\n", "16,\"slut\"\r\n",
                                "15,\"lang tekst, med komma og mere end 64 tegn i alt, så den går over en blok\",1\n"]
                    bytes += Array(rows[Int.random(in: 0..<rows.count, using: &rng)].utf8)
                }
            }
            let delimiter = Int.random(in: 0..<3, using: &rng) == 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
            let quoting = Int.random(in: 0..<5, using: &rng) != 0
            let quick = CSVScannerTests.records(bytes, delimiter: delimiter, quoting: quoting, quick: true)
            let careful = CSVScannerTests.records(bytes, delimiter: delimiter, quoting: quoting, quick: false)
            #expect(quick == careful, "round \(round)")
            if quick != careful { break }
        }
    }

    @Test func aWideRecordGrowsItsFields() {
        let row = Array(repeating: "x", count: 300).joined(separator: ",")
        let bytes = Array((row + "\n" + row + "\n" + row + "\n").utf8)
        let quick = CSVScannerTests.records(bytes, delimiter: UInt8(ascii: ","), quoting: true, quick: true)
        #expect(quick.dropLast().map(\.fieldCount) == [300, 300, 300])
        #expect(quick == CSVScannerTests.records(bytes, delimiter: UInt8(ascii: ","), quoting: true, quick: false))
    }
}
