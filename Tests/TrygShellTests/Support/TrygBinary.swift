import Foundation

/// The built `tryg` executable and a way to run it with pipes.
enum TrygBinary {
    /// Next to the test bundle (`/proc/self/exe`'s folder), else `.build/debug/tryg` of the package.
    static let path: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = exe.deletingLastPathComponent().appendingPathComponent("tryg").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/tryg").path
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs tryg to completion with the given arguments and standard input.
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
                    directory: String? = nil) throws -> Result {
        let scratch = try TemporaryFolder()
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr", inPath = scratch.path + "/stdin"
        try stdin.write(toFile: inPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = scratch.path + "/state"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        func read(_ p: String) -> String { String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
    }
}

/// A folder under the system's temporary folder, removed when released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tryg-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path + "/" + name
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A small data folder: `incidents` (3 rows) and `libraries` (2 rows).
enum TestData {
    static func folder() throws -> TemporaryFolder {
        let f = try TemporaryFolder()
        try f.write("data/incidents.csv", """
            id,library,severity
            1,Blågården,2
            2,Vesterbro,5
            3,Nørrebro,4

            """)
        try f.write("data/libraries.csv", """
            name,district
            Blågården,Nørrebro
            Vesterbro,Vesterbro

            """)
        return f
    }
}
