import Foundation

/// Runs a fuzz target's input function over saved inputs, without libFuzzer.
///
/// Each fuzz target is built twice: with `--sanitize=fuzzer` libFuzzer supplies `main` and
/// calls the target's `LLVMFuzzerTestOneInput`; in a plain build the target's own `main`
/// hands its arguments here, so the seed corpus and any crash file found earlier can be
/// replayed through the same function by the tests and by hand.
public enum FuzzReplay {
    /// Calls `body` with the bytes of every file named in `arguments` (a folder stands for
    /// the files in it, in name order); returns the exit status.
    public static func main(_ arguments: [String], name: String,
                            _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int32 {
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(name) FILE|FOLDER …  (replays inputs; see scripts/fuzz)\n".utf8))
            return 2
        }
        var replayed = 0
        for path in arguments {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                    return 1
                }
                data.withUnsafeBytes { raw in body(raw.bindMemory(to: UInt8.self)) }
                replayed += 1
            }
        }
        print("\(name): replayed \(replayed) inputs")
        return 0
    }

    /// The files a path names: itself, or the regular files of a folder in name order.
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
