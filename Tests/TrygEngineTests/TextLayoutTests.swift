import Testing
@testable import TrygEngine

/// Text stored as a dictionary and as offsets and bytes holds the same values: conversions
/// both ways, gathering, the codes built on demand, and the byte kernels against the general
/// path, on random text with Danish letters, empty values and nulls.
@Suite struct TextLayoutTests {
    typealias Generator = TestTables.Rng

    /// A random text column: values from a small or a large pool, some nulls.
    static func column(_ rows: Int, distinct: Int, _ rng: inout Generator) -> Column {
        let pool = (0..<distinct).map { _ in TextFoldTests.text(Int.random(in: 0...6, using: &rng), &rng) }
            .map(\.precomposedForTrygNFC)
        var b = ColumnBuilder(type: .text)
        for _ in 0..<rows {
            if Int.random(in: 0..<12, using: &rng) == 0 { b.appendNull() } else { b.append(.text(pool.randomElement(using: &rng) ?? "")) }
        }
        return b.finish()
    }

    static func values(_ c: Column) -> [Value] { (0..<c.count).map { c.value(at: $0) } }

    @Test func bothLayoutsHoldTheSameValues() {
        var rng = Generator(state: 16)
        for round in 0..<60 {
            let dictionary = TextLayoutTests.column(Int.random(in: 0...300, using: &rng), distinct: [1, 5, 400][round % 3], &rng)
            let plain = dictionary.withTextLayout(.plain)
            #expect(plain.textLayout == .plain && dictionary.textLayout == .dictionary)
            #expect(TextLayoutTests.values(plain) == TextLayoutTests.values(dictionary))
            #expect(TextLayoutTests.values(plain.withTextLayout(.dictionary)) == TextLayoutTests.values(dictionary))
            // Codes built on demand: equal values, equal codes.
            if case (let codes, let dict)? = plain.dictionaryEncoded {
                for i in 0..<plain.count where !plain.isNull(i) {
                    #expect(dict.values[Int(codes[i])] == plain.text(at: i))
                }
                #expect(Set(dict.values).count == dict.values.count)
            } else {
                Issue.record("plain text without codes")
            }
            let rows = (0..<Int.random(in: 0...50, using: &rng)).map { _ in Int32(Int.random(in: 0..<max(1, plain.count), using: &rng)) }
            if plain.count > 0 {
                #expect(TextLayoutTests.values(plain.gather(rows)) == TextLayoutTests.values(dictionary.gather(rows)))
            }
        }
    }

    @Test func byteEqualityAnswersAsStringEquality() {
        var rng = Generator(state: 17)
        let column = TextLayoutTests.column(2000, distinct: 50, &rng)
        guard case .strings(let plain) = column.withTextLayout(.plain).storage else { return }
        for _ in 0..<40 {
            let literal = Bool.random(using: &rng) ? (column.text(at: Int.random(in: 0..<2000, using: &rng)) ?? "")
                                                   : TextFoldTests.text(Int.random(in: 0...3, using: &rng), &rng)
            let equal = PlainTextKernels.equal(plain, literal)
            for i in 0..<column.count where !column.isNull(i) {
                #expect(equal[i] == (column.text(at: i) == literal.precomposedForTrygNFC), "\(literal.debugDescription)")
            }
        }
    }

    static let words = ["Råbte", "råb", "ved", "DØREN", "døren", "på", "ÆBLE", "Blågården", "straße", "café", "naïve",
                        "€", "Ωmega", "a\u{30A}", "x", "", "12"]

    @Test(arguments: [false, true])
    func plainMatchingAnswersAsTheGeneralPath(sentences: Bool) throws {
        var rng = Generator(state: sentences ? 19 : 18)
        // Large enough to be split over both cores: short random strings, or sentences of
        // words so that matches run across word and value boundaries.
        let values = (0..<210_000).map { _ in
            sentences
                ? (0..<Int.random(in: 0...6, using: &rng)).map { _ in TextLayoutTests.words.randomElement(using: &rng) ?? "" }
                    .joined(separator: Bool.random(using: &rng) ? " " : "")
                : TextFoldTests.text(Int.random(in: 0...7, using: &rng), &rng)
        }
        let plain = TextBytes(values: values)
        var needles = ["Æb", "å", "ÆØÅ", "s", "ß", "e\u{301}", "é", "K", "råb", "RÅBTE", "n b", "envED", "nr", "b", "døren på"]
        for _ in 0..<6 { needles.append(TextFoldTests.text(Int.random(in: 1...3, using: &rng), &rng)) }
        for needle in needles {
            for (op, operation) in [(ScalarOp.contains, TextFold.Operation.contains), (.startsWith, .startsWith), (.endsWith, .endsWith)] {
                let answers = try PlainTextKernels.matchAnswers(op, needle: needle, plain, span: Span(0, 0),
                                                                cancellation: CancellationFlag())
                var wrong = 0
                for (i, v) in values.enumerated() where answers[i] != TextFold.general(v, needle, operation) { wrong += 1 }
                #expect(wrong == 0, "\(op) \(needle.debugDescription)")
            }
        }
    }
}
