import Testing
@testable import TrygImport
@testable import TrygEngine

@Suite struct CSVTextEncoderTests {
    private func code(_ encoder: inout CSVTextEncoder, _ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { encoder.code(for: UnsafeBufferPointer($0)) }
    }

    /// Keys of every length up to 40 that differ in one byte, first or last, get their own
    /// codes, and the same key always gets the same code.
    @Test func keysDifferingInOneByteAreDistinct() {
        var encoder = CSVTextEncoder()
        var expected: [String: Int32] = [:]
        for length in 1...40 {
            for variant in ["a", "b"] {
                let last = String(repeating: "x", count: length - 1) + variant
                let first = variant + String(repeating: "y", count: length - 1)
                for key in [last, first] where expected[key] == nil {
                    expected[key] = Int32(expected.count)
                }
            }
        }
        for _ in 0..<2 {
            for (key, c) in expected.sorted(by: { $0.value < $1.value }) {
                #expect(code(&encoder, key) == c, "\(key)")
            }
        }
        #expect(encoder.values.count == expected.count)
    }

    /// The hash reads only some bytes of a long key, and the comparison reads words chosen by
    /// the key's length: keys of every length up to 100 that differ in any one byte get their
    /// own codes.
    @Test func keysDifferingAnywhereAreDistinct() {
        var encoder = CSVTextEncoder()
        var expected: [String: Int32] = [:]
        for length in 1...100 {
            let plain = String(repeating: "m", count: length)
            for key in [plain] + (0..<length).map({ at in
                String(plain.prefix(at)) + "n" + String(plain.dropFirst(at + 1))
            }) where expected[key] == nil {
                expected[key] = Int32(expected.count)
            }
        }
        for _ in 0..<2 {
            for (key, c) in expected.sorted(by: { $0.value < $1.value }) {
                #expect(code(&encoder, key) == c, "\(key)")
            }
        }
        #expect(encoder.values.count == expected.count)
    }

    @Test func manyValuesSurviveGrowth() {
        var encoder = CSVTextEncoder()
        for i in 0..<5000 { #expect(code(&encoder, "value \(i)") == Int32(i)) }
        for i in stride(from: 4999, through: 0, by: -7) { #expect(code(&encoder, "value \(i)") == Int32(i)) }
        #expect(encoder.values[1234] == "value 1234")
    }

    @Test func nullPlaceholderOnlyWhenFirst() {
        var a = CSVTextEncoder()
        #expect(a.nullCode() == 0)
        #expect(code(&a, "x") == 1)
        #expect(a.values == ["", "x"] && a.nullPlaceholder == 0)
        var b = CSVTextEncoder()
        #expect(code(&b, "x") == 0)
        #expect(b.nullCode() == 0)
        #expect(b.values == ["x"] && b.nullPlaceholder == nil)
    }

    @Test func nfcSpellingsShareACode() {
        var encoder = CSVTextEncoder()
        let composed = code(&encoder, "Bl\u{E5}g\u{E5}rden")
        let decomposed = code(&encoder, "Bla\u{30A}ga\u{30A}rden")
        let angstrom = code(&encoder, "\u{212B}")   // NFC maps the Ångström sign to Å
        let ring = code(&encoder, "\u{C5}")
        #expect(composed == decomposed)
        #expect(angstrom == ring)
        #expect(encoder.values == ["Blågården", "\u{C5}"])
        #expect(encoder.code(forNFC: "Blågården") == composed)
    }
}
