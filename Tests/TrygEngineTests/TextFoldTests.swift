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

    @Test func aDictionaryIsAnsweredTheSameOnOneCoreAndTwo() {
        var rng = Generator(state: 11)
        let values = (0..<300_000).map { _ in TextFoldTests.text(Int.random(in: 0...6, using: &rng), &rng) }
        let answers = TextFold.answers(values, "Æb", .contains)
        #expect(answers == values.map { TextFold.general($0, "Æb", .contains) })
    }
}

/// The tables' generator also serves `randomElement(using:)` and `Int.random(in:using:)`.
extension TestTables.Rng: RandomNumberGenerator {}
