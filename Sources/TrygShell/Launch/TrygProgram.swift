import Foundation
import TrygDomain
import TrygEngine
import TrygImport

/// The whole command without its terminal edge: load the tables, then run the scripts, the
/// piped input, or hand over to the interactive shell.
///
/// The edges (bundled samples, readline, the sample generator, standard input) come in as
/// closures so that the flow stays in one place and can be tested in-process.
public struct TrygProgram {
    public var options: LaunchOptions
    public var output: TextOutput
    public var errors: TextOutput
    /// Whether standard input is a terminal (no scripts given: interactive, else a piped script).
    public var inputIsTerminal: Bool
    /// `NO_COLOR` is set: never colour.
    public var noColor: Bool
    /// The folder of the bundled sample CSVs, if found.
    public var samplesDirectory: () -> String?
    /// Standard input, line by line as it arrives.
    public var readStandardInput: () -> LineSource
    /// Runs the interactive shell and returns its exit status.
    public var interactive: (ShellRunner) -> Int32
    /// Writes the sample CSVs (`tryg generate`).
    public var generate: (_ out: String, _ seed: UInt64, _ scale: Int, _ descriptions: DescriptionStyle) throws -> Void
    /// The screen width for table output.
    public var screenWidth: () -> Int? = { nil }
    /// The width of the terminal standard error is, for wrapping notes; nil when it is none.
    public var messageWidth: () -> Int? = { nil }
    /// The screen height, for charts drawn in place of tables in demo mode.
    public var screenHeight: () -> Int? = { nil }
    /// The locale encodes text as UTF-8; otherwise charts are drawn in ASCII.
    public var utf8Locale = true
    /// Presents a script step by step on the terminal (`--demo`) and returns the exit status.
    public var demo: (ShellRunner, DemoScript) -> Int32 = { _, _ in ExitStatus.usage }
    /// Draws the progress of long loads and statements; nil draws nothing.
    public var workDisplay: WorkDisplay?

    public init(options: LaunchOptions, output: TextOutput, errors: TextOutput, inputIsTerminal: Bool, noColor: Bool,
                samplesDirectory: @escaping () -> String?, readStandardInput: @escaping () -> LineSource,
                interactive: @escaping (ShellRunner) -> Int32,
                generate: @escaping (_ out: String, _ seed: UInt64, _ scale: Int,
                                     _ descriptions: DescriptionStyle) throws -> Void) {
        self.options = options
        self.output = output
        self.errors = errors
        self.inputIsTerminal = inputIsTerminal
        self.noColor = noColor
        self.samplesDirectory = samplesDirectory
        self.readStandardInput = readStandardInput
        self.interactive = interactive
        self.generate = generate
    }

    /// Exit statuses of LANGUAGE.md.
    public enum ExitStatus {
        public static let success: Int32 = 0
        public static let statementFailed: Int32 = 1
        public static let usage: Int32 = 2
        /// The reader of standard output went away: what a shell reports for a death by SIGPIPE
        /// (128 + 13), without the signal.
        public static let closedPipe: Int32 = 141
    }

    /// Runs the command; returns the exit status.
    public func run() -> Int32 {
        switch options.action {
        case .help:
            output.write(LaunchOptions.usage)
            return wrote(output)
        case .version:
            output.write(LaunchOptions.version + "\n")
            return wrote(output)
        case .generate(let out, let seed, let scale, let descriptions):
            do {
                try generate(out, seed, scale, descriptions)
                return ExitStatus.success
            } catch {
                errors.write("error: cannot write the samples to '\(out)': \(error)\n")
                return ExitStatus.statementFailed
            }
        case .run:
            return runScripts()
        }
    }

    private func runScripts() -> Int32 {
        for case .file(let path) in options.scripts where path != "-" {
            guard FileManager.default.isReadableFile(atPath: path) else {
                let why = FileManager.default.fileExists(atPath: path) ? "it cannot be read (permissions?)" : "no such file"
                return usageError("cannot read the script '\(path)': \(why)")
            }
        }
        var demoScript: DemoScript?
        if options.demo, case .file(let path)? = options.scripts.first {
            guard inputIsTerminal && output.isTerminal else {
                return usageError("--demo presents a script on a terminal; to run it without pauses: tryg \(path)")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                return usageError("cannot read the script '\(path)' as UTF-8 text")
            }
            let script = DemoScript.parse(text)
            guard !script.steps.isEmpty else { return usageError("no statements to present in '\(path)'") }
            demoScript = script
        }
        let interactiveRun = options.scripts.isEmpty && inputIsTerminal
        let catalog = Catalog()
        var settings = ShellSettings()
        settings.mode = options.format ?? .table
        settings.quiet = options.quiet
        settings.interactive = interactiveRun || demoScript != nil
        settings.chartsReplaceTables = demoScript != nil
        settings.resultColor = !noColor && output.isTerminal
        settings.diagnosticColor = !noColor && errors.isTerminal
        (output as? FileDescriptorOutput)?.allowsColor = settings.resultColor
        (errors as? FileDescriptorOutput)?.allowsColor = settings.diagnosticColor
        settings.asciiCharts = options.ascii || !utf8Locale
        settings.dataSource = options.source
        if let n = options.maxRows { settings.maxRows = n; settings.maxRowsGiven = true }
        var dialect = options.csvDialect ?? CSVDialect()
        // With --data, --delimiter and --decimal describe the files read; without, the csv written.
        if options.dataDirectory == nil, let d = options.outputDelimiter { dialect.delimiter = d }
        if options.dataDirectory == nil, let c = options.outputDecimalComma { dialect.decimalComma = c }
        settings.csvDialect = dialect
        settings.danishNumbers = options.danishNumbers
        settings.outputDirectory = options.outputDirectory
        settings.workbook = options.workbook
        if options.workbook { settings.workbookPath = options.output }
        settings.collectJSON = !interactiveRun && demoScript == nil
        let runner = ShellRunner(session: Session(catalog: catalog), settings: settings, output: output, errors: errors)
        runner.keepGoing = options.keepGoing
        runner.screenWidth = screenWidth
        runner.messageWidth = messageWidth
        runner.screenHeight = screenHeight
        runner.workDisplay = workDisplay
        runner.session.parameters = options.parameters
        if let budget = options.memoryLimit { runner.session.memoryBudget = budget }
        runner.session.suppressBelow = options.suppressBelow
        runner.session.sqlDialect = options.sqlDialect
        if let path = options.output, !options.workbook {
            do {
                runner.redirect = try FileDescriptorOutput(path: path)
            } catch {
                return usageError("--output: cannot write '\(path)': \(error.reason)")
            }
        }
        // With --keep-going a script runs on when a file of the folder failed; its status says so.
        var filesFailed = false
        if let status = load(into: catalog, runner: runner, filesFailed: &filesFailed) { return status }
        if let url = options.connectURL {
            do { try runner.connect(url) } catch {
                runner.report(error)
                return ExitStatus.statementFailed
            }
        }

        if let demoScript { return finish(runner, demo(runner, demoScript)) }
        if interactiveRun { return finish(runner, interactive(runner)) }
        if options.scripts.isEmpty {
            let ran = runner.runLines(readStandardInput(), name: "<stdin>")
            return finish(runner, ran && !filesFailed ? ExitStatus.success : ExitStatus.statementFailed)
        }
        var allRan = true
        // With several -c, a message names which one (`-c#2:1:11`).
        let commandCount = options.scripts.filter { if case .command = $0 { return true } else { return false } }.count
        var commandNumber = 0
        for script in options.scripts {
            if runner.quitRequested { break }
            let ran: Bool
            switch script {
            case .command(let text):
                commandNumber += 1
                ran = runner.runScript(text, name: commandCount > 1 ? "-c#\(commandNumber)" : nil)
            case .file("-"): ran = runner.runLines(readStandardInput(), name: "<stdin>")
            case .file(let path): ran = runner.runFile(path)
            }
            if !ran {
                allRan = false
                if !options.keepGoing { break }
            }
        }
        return finish(runner, allRan && !filesFailed ? ExitStatus.success : ExitStatus.statementFailed)
    }

    /// Success, or the failure of a write to standard output, said on standard error.
    private func wrote(_ output: TextOutput) -> Int32 {
        guard let failure = output.takeFailure() else { return ExitStatus.success }
        if failure.closedPipe { return ExitStatus.closedPipe }
        errors.write("tryg: cannot write to \(output.name): \(failure.reason)\n")
        return ExitStatus.statementFailed
    }

    /// The exit status once the statements ran: a file from `.output` closed (a delayed write
    /// error fails the run), a closed pipe ends quietly, a lost error message is a failure.
    private func finish(_ runner: ShellRunner, _ status: Int32) -> Int32 {
        var status = status
        if !runner.finishOutput() { status = max(status, ExitStatus.statementFailed) }
        if runner.outputClosed { return ExitStatus.closedPipe }
        if runner.errorsLost || errors.takeFailure() != nil { status = max(status, ExitStatus.statementFailed) }
        return status
    }

    /// Loads `--data` (a folder or one file) or the bundled samples; returns an exit status
    /// when that failed. A load with rejected rows or warnings says so on the error stream.
    private func load(into catalog: Catalog, runner: ShellRunner, filesFailed: inout Bool) -> Int32? {
        var loads: [(name: String, load: TableLoad)] = []
        runner.beginWork()
        defer { runner.endWork() }   // (also on the early returns; ending twice is harmless)
        var dataOptions = options.dataOptions
        dataOptions.cancellation = runner.session.cancellation
        // Files of a --data folder that could not be loaded: the others load; each is reported.
        var failed: [Diagnostic] = []
        do throws(Diagnostic) {
            if let data = options.dataDirectory {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) else {
                    return usageError("--data: no folder or file '\(data)'")
                }
                if isDirectory.boolValue {
                    loads = try DataLoader.loadDirectory(data, into: catalog, options: dataOptions, failures: &failed)
                    if loads.isEmpty && failed.isEmpty && !options.quiet {
                        runner.writeMessage("note: no data files (\(DataLoader.extensions.map { "*." + $0 }.joined(separator: ", "))) in '\(data)';"
                                     + " no tables loaded; load one with .import FILE")
                    }
                } else {
                    let name = DataLoader.tableName(forFile: data)
                    loads = [(name, try DataLoader.load(path: data, tableName: name, into: catalog, options: dataOptions))]
                }
            } else if let samples = samplesDirectory() {
                loads = try DataLoader.loadDirectory(samples, into: catalog, options: ImportOptions(cancellation: runner.session.cancellation))
                runner.settings.samplesFolder = samples
            } else if runner.settings.interactive {
                runner.writeMessage("note: no bundled samples found (looked in the executable's resources, and for a samples/"
                             + " folder above the executable and the working folder); no tables loaded;"
                             + " use --data DIR or .import FILE")
            }
        } catch {
            runner.endWork()
            runner.report(error)
            return ExitStatus.statementFailed
        }
        runner.endWork()
        for (name, load) in loads where !options.quiet {
            // Files the person named report what was read; the bundled samples only a fault.
            if options.dataDirectory != nil {
                runner.writeMessage(load.noticeText(name: name))
                if let path = load.table.origin, let naming = DataLoader.nameNote(table: name, path: path) {
                    runner.writeMessage(naming)
                }
            } else if load.rowsRejected > 0 {
                runner.report(Diagnostic(.warning, load.summary(name: name), file: FilePosition(path: load.table.origin ?? name)))
            }
            load.report.warnings.forEach { runner.report($0) }
        }
        guard !failed.isEmpty else { return nil }
        failed.forEach { runner.report($0) }
        // The shell goes on with the tables that loaded; a script stops, as at a failing
        // statement, unless --keep-going (its exit status still says a file failed).
        if runner.settings.interactive {
            runner.writeMessage("note: \(failed.count == 1 ? "1 file" : "\(failed.count) files") of the folder could not be loaded"
                                + " (above); the other tables are ready")
            return nil
        }
        if options.keepGoing {
            filesFailed = true
            return nil
        }
        return ExitStatus.statementFailed
    }

    /// The source line of charts made from the bundled samples.
    public static let samplesSource = "syntetiske eksempeldata"

    private func usageError(_ message: String) -> Int32 {
        errors.write("tryg: \(message)\nTry 'tryg --help'.\n")
        return ExitStatus.usage
    }
}
