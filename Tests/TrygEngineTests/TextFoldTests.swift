import Testing
@testable import TrygEngine

/// The byte fold of `contains`, `starts with` and `ends with` gives the general path's answer
/// on every text: Danish and other Latin-1 letters in both cases, and the characters it hands
/// to the general path (`ß`, `µ`, `ÿ`/`Ÿ`, the Kelvin sign, combining marks, other scripts).
@Suite struct TextFoldTests {
    static let alphabet: [String] = ["a", "b", "k", "s", "A", "B", "K", "S", "æ", "Æ", "ø", "Ø", "å", "Å", "é", "É",
                                     "ü", "Ü", "ß", "ss", "SS", "ÿ", "Ÿ", "µ", "Μ", "\u{212A}", "e\u{301}", "×", "÷",
                                     " ", "-", "1", "Σ", "σ", "ς", "İ", "i", "I", "ﬁ", "€"]

    typealias Generator = TestTables.Rng

    static func text(_ length: Int, _ rng: inout Generator) -> String {
        (0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" }.joined()
    }

    @Test func theFoldAnswersAsTheGeneralPath() {
        var rng = Generator(state: 7)
        var fast = 0
        for _ in 0..<20_000 {
            let value = TextFoldTests.text(Int.random(in: 0...8, using: &rng), &rng)
            // Needles are often taken from the value, in another case, so that matches happen.
            var needle = TextFoldTests.text(Int.random(in: 1...3, using: &rng), &rng)
            if Bool.random(using: &rng), !value.isEmpty {
                let chars = Array(value)
                let a = Int.random(in: 0..<chars.count, using: &rng)
                let b = Int.random(in: a..<chars.count, using: &rng)
                needle = String(chars[a...b])
                needle = Bool.random(using: &rng) ? needle.uppercased() : needle.lowercased()
            }
            for op in [TextFold.Operation.contains, .startsWith, .endsWith] {
                let general = TextFold.general(value, needle, op)
                #expect(TextFold.answer(value, needle, op) == general, "\(op) \(value.debugDescription) \(needle.debugDescription)")
                if let folded = TextFold.foldedNeedle(needle) {
                    var scratch: [UInt8] = []
                    if TextFold.matches(value, folded, op, scratch: &scratch) != nil { fast += 1 }
                }
            }
        }
        // The fast path must really be taken on most of them, or this test checks nothing.
        #expect(fast > 10_000)
    }

    @Test func danishLettersIgnoreCase() {
        #expect(TextFold.answer("ÆBLESKIVER i Blågården", "æbleskiver", .contains))
        #expect(TextFold.answer("Blågården", "BLÅ", .startsWith))
        #expect(TextFold.answer("NØRREBRO", "røbro", .endsWith) == false)
        #expect(TextFold.answer("NØRREBRO", "ørrebro", .endsWith))
        #expect(TextFold.answer("Vesterbro", "", .contains))
        // A letter with a ring is another letter than one without.
        #expect(TextFold.answer("-aÆ", "Å", .contains) == false)
        #expect(TextFold.answer("Valby", "vålby", .contains) == false)
        #expect(TextFold.foldedNeedle("straße") == nil)
    }

    /// The vector search compares `x | caseBit(b)` with a folded needle byte `b`: that must
    /// hold for exactly the bytes the fold table maps to `b`, for every byte a needle can hold.
    @Test func theSearchCaseBitAcceptsExactlyTheBytesThatFoldAlike() {
        let table = TextSearch.foldTable
        for b in Set(table) {
            let bit = TextSearch.caseBit(b)
            for x in 0...255 {
                let byte = UInt8(x)
                #expect((byte | bit == b) == (table[x] == b), "needle byte \(b), text byte \(byte)")
            }
        }
    }

    /// Hits at each place relative to the 16-byte blocks the search reads and to value ends:
    /// needles of 1–20 bytes placed at every offset of values of 0–40 bytes.
    @Test func theBlockSearchFindsHitsAtEveryOffset() throws {
        for m in [1, 2, 3, 5, 15, 16, 17, 20] {
            let needle = String(repeating: "Q", count: m - 1) + "Å"
            var values: [String] = []
            for length in 0...40 {
                for at in stride(from: 0, through: max(0, length - m), by: 1) {
                    var v = Array(repeating: "x", count: length)
                    if length >= m { v.replaceSubrange(at..<(at + m), with: Array(repeating: "q", count: m - 1) + ["å"]) }
                    values.append(v.joined())
                }
                values.append(String(repeating: "q", count: length))
            }
            let plain = TextBytes(values: values)
            let answers = try PlainTextKernels.matchAnswers(.contains, needle: needle, plain, span: Span(0, 0),
                                                            cancellation: CancellationFlag())
            for (i, v) in values.enumerated() {
                #expect(answers[i] == TextFold.general(v, needle, .contains), "\(needle) in \(v)")
            }
        }
    }

    /// Columns of many values, whose byte frequencies steer which two needle bytes the scan
    /// looks for, and needles cut from them in either case: the plain-text search answers
    /// every row as the general path does, on both cores and past every 64-byte step.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func theSearchAnswersAsTheGeneralPathWhicheverBytesItScansFor(seed: UInt64) throws {
        var rng = Generator(state: seed)
        let words = ["råb", "Råbte", "trussel", "ØL", "æble", "gæst", "BØRN", "vagt", "ss", "qqqq", "Å", "é", "ß", "€", " "]
        let values = (0..<(seed == 6 ? 60_000 : 3_000)).map { _ in
            (0..<Int.random(in: 0...9, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "" }.joined(separator: " ")
        }
        let plain = TextBytes(values: values)
        var needles = ["råb", "R", "BTE", "t ø", "qq", "æ", "Å", "e é", "ss", "l æ"]
        for _ in 0..<12 {
            let v = Array(values.randomElement(using: &rng) ?? "")
            guard !v.isEmpty else { continue }
            let a = Int.random(in: 0..<v.count, using: &rng), b = Int.random(in: a..<min(v.count, a + 14), using: &rng)
            let cut = String(v[a...b])
            needles.append(Bool.random(using: &rng) ? cut.uppercased() : cut.lowercased())
        }
        for needle in needles {
            let answers = try PlainTextKernels.matchAnswers(.contains, needle: needle, plain, span: Span(0, 0),
                                                            cancellation: CancellationFlag())
            let wrong = values.indices.filter { answers[$0] != TextFold.general(values[$0], needle, .contains) }
            #expect(wrong.isEmpty, "seed \(seed), needle \(needle.debugDescription): \(wrong.count) rows wrong, first \(wrong.prefix(3).map { values[$0] })")
        }
    }

    @Test func aDictionaryIsAnsweredTheSameOnOneCoreAndTwo() {
        var rng = Generator(state: 11)
        let values = (0..<300_000).map { _ in TextFoldTests.text(Int.random(in: 0...6, using: &rng), &rng) }
        let answers = TextFold.answers(values, "Æb", .contains)
        #expect(answers == values.map { TextFold.general($0, "Æb", .contains) })
    }
}

/// The loader's scan for rows the byte fold cannot answer finds exactly the rows a
/// byte-by-byte reading finds: a byte beyond ASCII other than a `C3` lead with a continuation
/// byte (not `9F`, ß) inside the same row. Random rows of ASCII runs of every length beside
/// Danish letters, ß, other scripts and stray bytes, over every sub-range of rows.
@Suite struct FoldExceptionScanTests {
    static func reference(_ bytes: [UInt8], _ offsets: [Int], _ rows: Range<Int>) -> [Int] {
        rows.filter { r in
            var i = offsets[r]
            let end = offsets[r + 1]
            while i < end {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                if b == 0xC3, i + 1 < end, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 1] != 0x9F { i += 2; continue }
                return true
            }
            return false
        }
    }

    /// The early-stopping check (for warnings) says a row matches exactly when the whole-column
    /// search finds one outside the rows it skips, over blocks of rows and across their edges.
    @Test func anyAnswerAgreesWithTheWholeSearch() {
        var rng = TestTables.Rng(state: 404)
        let words = ["råb", "larm", "Vagt", "dør", "ÆBLE", "kl", "x", "øst", " "]
        for _ in 0..<40 {
            let count = [3, 100, 20_000, 40_000][rng.int(4)]
            let values = (0..<count).map { _ in (0..<rng.int(4)).map { _ in words[rng.int(words.count)] }.joined(separator: " ") }
            let s = TextBytes(values: values)
            let needle = [words[rng.int(words.count)], "zz", "qq"][rng.int(3)] + (rng.int(4) == 0 ? " d" : "")
            guard let folded = TextFold.foldedNeedle(needle) else { continue }
            let skip: Set<Int> = rng.int(2) == 0 ? [] : Set((0..<min(count, 5)).map { _ in rng.int(count) })
            for operation in [TextFold.Operation.contains, .startsWith, .endsWith] {
                let all = TextSearch.answers(s, folded: folded, operation)
                let expected = all.indices.contains { all[$0] && !skip.contains($0) }
                #expect(TextSearch.anyAnswer(s, folded: folded, operation, skipping: skip) == expected,
                        "\(needle) \(operation) over \(count) rows")
            }
        }
    }

    @Test func theScanFindsWhatAByteByByteReadingFinds() {
        var rng = TestTables.Rng(state: 77)
        let pieces: [[UInt8]] = [Array("æ".utf8), Array("Ø".utf8), Array("å".utf8), Array("ß".utf8), Array("€".utf8),
                                 Array("σ".utf8), [0xC3], [0x80], [0xFF], Array("é".utf8)]
        for _ in 0..<200 {
            var bytes: [UInt8] = [], offsets = [0]
            for _ in 0..<(1 + rng.int(12)) {
                for _ in 0..<rng.int(5) {
                    bytes += Array(repeating: UInt8(ascii: "a") + UInt8(rng.int(26)), count: rng.int(19))
                    if rng.int(3) > 0 { bytes += pieces[rng.int(pieces.count)] }
                }
                offsets.append(bytes.count)
            }
            let count = offsets.count - 1
            for lo in 0..<count {
                for hi in (lo + 1)...count {
                    let found = bytes.withUnsafeBufferPointer { b in
                        offsets.withUnsafeBufferPointer { o in TextBytes.foldExceptionRows(b, offsets: o, rows: lo..<hi) }
                    }
                    #expect(found == Self.reference(bytes, offsets, lo..<hi), "rows \(lo)..<\(hi) of \(bytes) at \(offsets)")
                }
            }
        }
    }
}

/// The tables' generator also serves `randomElement(using:)` and `Int.random(in:using:)`.
extension TestTables.Rng: RandomNumberGenerator {}
