import Testing
@testable import TrygImport

/// Lone `\r` are counted the same however many stretches the count is split into, with a
/// `\r` at the last byte of a stretch and its `\n` at the first of the next (not lone), a `\r`
/// at the very end (lone), and runs of `\r`.
@Suite struct CSVLineEndsTests {
    static func reference(_ b: [UInt8]) -> Int {
        b.indices.filter { b[$0] == 13 && ($0 + 1 == b.count || b[$0 + 1] != 10) }.count
    }

    @Test func theCountIsTheSameInAnyNumberOfStretches() {
        var rng = SeededGenerator(state: 5)
        for round in 0..<60 {
            let n = 4096 * (1 + round % 9) + Int.random(in: 0..<50, using: &rng)
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: n)
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                bytes[Int.random(in: 0..<n, using: &rng)] = [13, 10, 13][Int.random(in: 0..<3, using: &rng)]
            }
            // A line end split between two stretches, for every way of splitting.
            for parts in 2...8 where n / parts > 1 {
                let cut = n / parts
                bytes[cut - 1] = 13
                bytes[cut] = 10
            }
            if round % 2 == 0 { bytes[n - 1] = 13 }
            let want = Self.reference(bytes)
            for parts in 1...8 {
                let got = bytes.withUnsafeBufferPointer { b in b.baseAddress.map { CSVLineEnds.loneCRs($0, count: n, parts: parts) } ?? -1 }
                #expect(got == want, "n \(n), \(parts) stretches")
            }
        }
    }
}
