import Glibc

/// Finds the sample CSVs shipped with the executable.
///
/// It looks with plain system calls, not `Bundle` and `FileManager`: setting up Foundation's
/// bundles cost about a millisecond of every start that loads the samples.
enum BundledSamples {
    /// The `Samples` folder of the resource bundle beside the executable (where SwiftPM puts
    /// `tryg_tryg.resources`) when it holds CSV files, else `samples/` of the source tree
    /// (walking up from the executable's folder and the working folder).
    static func directory() -> String? {
        let executableFolder = executablePath().map(parent)
        if let folder = executableFolder {
            let candidate = folder + "/tryg_tryg.resources/Samples"
            if hasCSV(candidate) { return candidate }
        }
        let starts = [executableFolder, currentFolder()].compactMap { $0 }
        for start in starts {
            var folder = start
            for _ in 0..<6 {
                let candidate = (folder == "/" ? "" : folder) + "/samples"
                if hasCSV(candidate) { return candidate }
                folder = parent(folder)
            }
        }
        return nil
    }

    /// The executable's path with symbolic links resolved, as the kernel gives it.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The folder holding `path` (`/` for a path directly under the root, and for `/`).
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func currentFolder() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Whether the folder holds a file whose name ends in `.csv` (any case).
    static func hasCSV(_ folder: String) -> Bool {
        guard let dir = opendir(folder) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.lowercased().hasSuffix(".csv") { return true }
        }
        return false
    }
}
