import Foundation
import TrygShell
import TrygEngine

/// The process's edges: standard streams, environment, locale, bundled samples.
enum Terminal {
    /// A UTF-8 locale, so readline edits å and ø as single characters. Returns whether the
    /// user's own locale was UTF-8 (without it, charts are drawn in ASCII).
    static func prepareLocale() -> Bool {
        let current = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        guard current.uppercased().contains("UTF-8") || current.uppercased().contains("UTF8") else {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
            return false
        }
        return true
    }

    /// The command-line arguments as given; one that is not UTF-8 (a query through `-c`, a
    /// value through `--param`) is a usage error, never text with U+FFFD in place of its bytes.
    static func arguments() throws(LaunchOptions.UsageError) -> [String] {
        var arguments: [String] = []
        for index in 1..<max(1, Int(CommandLine.argc)) {
            guard let raw = CommandLine.unsafeArgv[index] else { break }
            let bytes = UnsafeBufferPointer(start: raw, count: strlen(raw)).map { UInt8(bitPattern: $0) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes.prefix(60), as: UTF8.self)
                throw LaunchOptions.UsageError(message: "argument \(index) ('\(VisibleControls.escape(shown))') is not UTF-8 text")
            }
            arguments.append(text)
        }
        return arguments
    }

    /// The program wired to this process.
    static func program(_ options: LaunchOptions, utf8Locale: Bool) -> TrygProgram {
        let output = FileDescriptorOutput(fd: 1)
        var program = TrygProgram(
            options: options, output: output, errors: FileDescriptorOutput(fd: 2),
            inputIsTerminal: isatty(0) == 1,
            noColor: getenv("NO_COLOR").map { $0.pointee != 0 } ?? false,
            samplesDirectory: BundledSamples.directory,
            readStandardInput: { FileDescriptorLines(fd: 0) },
            interactive: { InteractiveShell(runner: $0).run() },
            generate: Generate.samples)
        program.screenWidth = {
            var size = winsize()
            guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        }
        program.messageWidth = {
            var size = winsize()
            guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        }
        program.screenHeight = {
            var size = winsize()
            guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
            return Int(size.ws_row)
        }
        program.utf8Locale = utf8Locale
        program.workDisplay = ProgressDisplay.forStandardError(ascii: !utf8Locale)
        program.demo = { runner, script in
            let terminal = RawTerminal()
            defer { terminal.restore() }
            return DemoPresenter(script: script, runner: runner, terminal: terminal).run()
        }
        return program
    }
}
