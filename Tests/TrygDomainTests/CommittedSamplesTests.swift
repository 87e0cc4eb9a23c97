import Foundation
import Testing
@testable import TrygDomain

/// The files under `samples/` are what the generator makes, byte for byte.
@Suite struct CommittedSamplesTests {
    /// `samples/` holds exactly what `tryg generate --out samples --seed 2025` writes.
    @Test(arguments: SampleTable.allCases)
    func committedSamplesAreUpToDate(table: SampleTable) throws {
        let samples = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples").path
        let committed = try SampleFileTests.read(samples, table)
        #expect(committed == Data(Samples.generator.csv(table).utf8),
                "samples/\(table.fileName) is stale: regenerate with `swift run tryg generate --out samples --seed 2025`")
    }
}
