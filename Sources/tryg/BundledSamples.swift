import Foundation

/// Finds the sample CSVs shipped with the executable.
enum BundledSamples {
    /// The `Samples` resource folder when it holds CSV files, else `samples/` of the source
    /// tree (walking up from the executable and the working folder).
    static func directory() -> String? {
        // Bundle.module stops the process when the resource bundle is missing, so look first.
        let bundlePath = Bundle.main.bundleURL.appendingPathComponent("tryg_tryg.resources").path
        if FileManager.default.fileExists(atPath: bundlePath),
           let url = Bundle.module.url(forResource: "Samples", withExtension: nil), hasCSV(url.path) {
            return url.path
        }
        let starts = [Bundle.main.bundleURL.path, FileManager.default.currentDirectoryPath]
        for start in starts {
            var folder = URL(fileURLWithPath: start)
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("samples").path
                if hasCSV(candidate) { return candidate }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }

    private static func hasCSV(_ folder: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.contains { $0.lowercased().hasSuffix(".csv") }
    }
}
