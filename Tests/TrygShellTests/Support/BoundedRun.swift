import Foundation

/// Runs tryg with standard streams wired to given files (or a pipe whose reader is gone),
/// stopping it after a generous timeout, and tells an exit from a death by signal.
enum BoundedRun {
    struct Outcome: CustomStringConvertible {
        /// The exit status, nil when a signal ended it.
        let status: Int32?
        /// The signal that ended it, nil when it exited.
        let signal: Int32?
        let timedOut: Bool
        let stdout: String
        let stderr: String

        var description: String {
            "status \(status.map(String.init) ?? "-") signal \(signal.map(String.init) ?? "-") timedOut \(timedOut)\n"
                + "stdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
        }

        /// Ended by itself with one of the statuses LANGUAGE.md documents (0, 1 or 2).
        var endedCleanly: Bool { !timedOut && signal == nil && [0, 1, 2].contains(status ?? -1) }
    }

    enum Output {
        /// A file in the scratch folder, read back afterwards.
        case captured
        /// This path (`/dev/full`, a file on a full filesystem).
        case path(String)
        /// A pipe whose reading end is already closed.
        case closedPipe
    }

    static func run(_ arguments: [String], stdin: String = "/dev/null", stdout: Output = .captured,
                    environment: [String: String] = [:], timeout: Double = 120) throws -> Outcome {
        let scratch = try TemporaryFolder()
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TrygBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = scratch.path + "/state"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = FileHandle(forReadingAtPath: stdin)
        var pipe: Pipe?
        switch stdout {
        case .captured: process.standardOutput = FileHandle(forWritingAtPath: outPath)
        case .path(let p): process.standardOutput = FileHandle(forWritingAtPath: p)
        case .closedPipe:
            let p = Pipe()
            try p.fileHandleForReading.close()
            process.standardOutput = p
            pipe = p
        }
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        try pipe?.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            process.waitUntilExit()
        }
        func read(_ p: String) -> String { String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self) }
        let bySignal = process.terminationReason == .uncaughtSignal
        return Outcome(status: bySignal ? nil : process.terminationStatus, signal: bySignal ? process.terminationStatus : nil,
                       timedOut: timedOut, stdout: read(outPath), stderr: read(errPath))
    }
}
