import Dispatch
import Synchronization
import Testing
@testable import TrygEngine

/// A text dictionary finds each value's code as a search of its values would, whether its map
/// is built by the first lookup on one thread or by several threads asking at once.
@Suite struct TextDictionaryTests {
    static let pieces = ["a", "A", "æ", "Æ", "ø", "å", "Å", "e\u{301}", "é", " ", "råb", "Råb", ""]

    static func values(_ count: Int, _ rng: inout TestTables.Rng) -> [String] {
        (0..<count).map { _ in
            (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "a" }.joined()
        }
    }

    /// The oracle: the first position of an equal value, nil when there is none.
    static func expected(_ value: String, in values: [String]) -> Int32? {
        values.firstIndex(of: value).map { Int32($0) }
    }

    @Test func codesAreTheFirstPositionOfEachValue() {
        var rng = TestTables.Rng(state: 16)
        for _ in 0..<200 {
            let values = Self.values(Int.random(in: 0...40, using: &rng), &rng)
            let dictionary = TextDictionary(values: values)
            let probes = values + Self.values(20, &rng)
            for probe in probes {
                #expect(dictionary.code(of: probe) == Self.expected(probe, in: values), "\(probe) in \(values)")
            }
        }
    }

    @Test func concurrentFirstLookupsAgree() {
        var rng = TestTables.Rng(state: 61)
        for _ in 0..<50 {
            let values = Self.values(200, &rng)
            let probes = values + Self.values(50, &rng)
            let dictionary = TextDictionary(values: values)
            let wrong = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 8) { part in
                for probe in probes[(part * probes.count / 8)..<((part + 1) * probes.count / 8)]
                where dictionary.code(of: probe) != Self.expected(probe, in: values) {
                    wrong.add(1, ordering: .relaxed)
                }
            }
            #expect(wrong.load(ordering: .relaxed) == 0)
        }
    }
}
