import Foundation
import Testing

/// Every fuzz target replays its seed corpus and its regression inputs through the same
/// function libFuzzer calls, built without the sanitizer (see `Fuzz/` and `scripts/fuzz`).
@Suite struct FuzzCorpusTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The replay binary: a sibling of the test bundle, else in the package's debug build.
    static func binary(_ name: String) -> String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = exe.deletingLastPathComponent().appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return package.appendingPathComponent(".build/debug/\(name)").path
    }

    @Test(arguments: [("fuzz-query", "Query"), ("fuzz-csv", "CSV"), ("fuzz-xlsx", "XLSX")])
    func seedCorpusReplaysCleanly(_ target: (name: String, folder: String)) throws {
        let corpus = FuzzCorpusTests.package.appendingPathComponent("Fuzz/\(target.folder)/corpus").path
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { !$0.hasPrefix(".") }
        #expect(inputs.count >= 3, "a seed corpus of a few inputs at least")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tryg-\(target.name)-\(getpid()).out")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FuzzCorpusTests.binary(target.name))
        process.arguments = [corpus]
        process.standardOutput = handle
        process.standardError = handle
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(output)")
        // Nothing else: a loader prints nothing of its own (libxml2 once printed encoding errors).
        #expect(output == "\(target.name): replayed \(inputs.count) inputs\n", "\(output)")
    }
}
