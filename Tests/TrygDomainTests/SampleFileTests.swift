import Foundation
import Testing
@testable import TrygDomain

/// The bytes: UTF-8 in NFC, `\n` line ends, the same for the same seed.
@Suite struct SampleFileTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tryg-samples-\(UUID().uuidString)").path
    }

    static func read(_ directory: String, _ table: SampleTable) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(table.fileName))
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = Self.temporaryDirectory()
        let b = Self.temporaryDirectory()
        let c = Self.temporaryDirectory()
        defer { for dir in [a, b, c] { try? FileManager.default.removeItem(atPath: dir) } }
        try SampleGenerator(seed: 2025, scale: 1).write(to: a)
        try SampleGenerator(seed: 2025, scale: 1).write(to: b)
        try SampleGenerator(seed: 2026, scale: 1).write(to: c)
        for table in SampleTable.allCases {
            #expect(try Self.read(a, table) == Self.read(b, table), "\(table)")
        }
        #expect(try Self.read(a, .incidents) != Self.read(c, .incidents))
        #expect(try Self.read(a, .survey) != Self.read(c, .survey))
        #expect(try Self.read(a, .incidents) == Data(Samples.incidentsText.utf8))
    }

    @Test(arguments: SampleTable.allCases)
    func utf8NFCWithNewlines(table: SampleTable) {
        let text = Samples.generator.csv(table)
        #expect(text.utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8))
        #expect(!text.utf8.contains(13))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
    }

    @Test func unwritableDirectoryIsAnError() {
        #expect(throws: SampleWriteError.self) {
            try SampleGenerator().write(to: "/proc/tryg-cannot-be-here")
        }
    }
}
