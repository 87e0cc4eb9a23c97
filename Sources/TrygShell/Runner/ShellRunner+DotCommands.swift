import Foundation
import TrygEngine
import TrygImport

extension ShellRunner {
    /// Carries out a dot command; errors point into its line.
    func perform(_ command: DotCommand, source: SourceText) throws(Diagnostic) {
        switch command {
        case .help(let topic):
            guard let topic else {
                writeResult(wrappedForScreen(HelpText.overview(memoryLimit: session.memoryBudget, screenWidth: helpWidth)))
                return
            }
            guard let text = HelpText.topic(topic) else {
                let hint = Suggest.nearest(topic.lowercased(), in: HelpText.topics).map { "did you mean '\($0)'?" }
                throw Diagnostic(.error, "no help on '\(topic)'", span: argumentSpan(source, 1),
                                 label: hint ?? "topics are commands, stages and functions; try .help")
            }
            writeResult(wrappedForScreen(text))
        case .show(let setting):
            let all = settingLines
            let shown = setting.map { name in all.filter { $0.name == name } } ?? all
            let width = shown.map { $0.name.count }.max() ?? 0
            output.write(shown.map { DisplayWidth.pad($0.name, to: width) + "  " + $0.value }.joined(separator: "\n") + "\n")
        case .tables:
            writeListing(SchemaTables.tableList(session.catalog))
        case .schema(let name):
            let tables: [Table]
            if let name {
                guard let t = session.catalog.table(name) else { throw unknownTable(name, source) }
                tables = [t]
            } else {
                tables = session.catalog.all
            }
            for t in tables {
                if settings.mode == .table { output.write("\(t.name)\(t.origin.map { " (from \($0))" } ?? "")\n") }
                writeListing(SchemaTables.describe(t))
            }
        case .drop(let name):
            guard session.catalog.table(name) != nil else { throw unknownTable(name, source) }
            try session.drop(name)
        case .importFile(let request):
            try importFile(request)
        case .sheets(let path):
            writeListing(SchemaTables.sheetList(try XLSXReader.sheets(path: path)))
        case .mode(let mode):
            if settings.mode == .json && mode != .json { writeHeldJSON() }
            settings.mode = mode
        case .csvMode(let dialect):
            if settings.mode == .json { writeHeldJSON() }
            settings.mode = .csv
            settings.csvDialect = dialect
        case .numbers(let danish):
            settings.danishNumbers = danish
        case .timer(let on):
            settings.timer = on
        case .highlight(let on):
            settings.highlight = on
            if on, let reason = settings.highlightUnavailable { note("note: no highlighting here: \(reason)", elapsed: nil) }
        case .pager(let mode):
            settings.pager = mode
        case .maxRows(let n):
            settings.maxRows = n
            settings.maxRowsGiven = true
        case .read(let path):
            guard readDepth < ShellRunner.maxReadDepth else {
                throw Diagnostic(.error, ".read nested too deeply", span: argumentSpan(source, 1),
                                 label: "at most \(ShellRunner.maxReadDepth) levels; does a script read itself?")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw Diagnostic(.error, "cannot read '\(path)'", span: argumentSpan(source, 1), label: "no such file")
            }
            readDepth += 1
            defer { readDepth -= 1 }
            if !runFile(path) {
                // With --keep-going the script ran to its end; its errors are reported already.
                throw Diagnostic(.error, keepGoing ? "script '\(path)' had errors" : "script '\(path)' stopped at an error",
                                 span: argumentSpan(source, 1))
            }
        case .output(let path):
            writeHeldJSON()
            resultsShown = 0   // a new destination starts without a separating blank line
            try closeRedirect()
            redirectPath = nil
            guard let path else { return }
            do {
                redirect = try FileDescriptorOutput(path: path)
                redirectPath = path
            } catch {
                throw Diagnostic(.error, "cannot write '\(path)': \(error.reason)", span: argumentSpan(source, 1))
            }
        case .exportChart(let path):
            try exportLastChart(to: path, source: source)
        case .exportTable(let path):
            try exportLastResult(to: path, source: source)
        case .connect(let url):
            try connect(url)
        case .quit:
            quitRequested = true
        }
    }

    /// Loads a file as a table; Ctrl-C cancels the load, and then nothing is kept. At the
    /// shell the report says what was found in the file; a script (and `-c`) gets its summary
    /// line and a line for each thing to know, on standard error; `--quiet` leaves them out.
    private func importFile(_ request: ImportRequest) throws(Diagnostic) {
        let name = request.tableName ?? DataLoader.tableName(forFile: request.path)
        beginWork()
        defer {
            endWork()
            session.cancellation.reset()
        }
        let clock = ContinuousClock()
        let start = clock.now
        let load = try DataLoader.load(path: request.path, tableName: name, into: session.catalog, options: request.options,
                                       domain: session.domain, cancellation: session.cancellation)
        endWork()   // the progress bar goes before the report is written
        guard !settings.quiet else { return }
        var text = settings.interactive ? load.reportText(name: name) : load.noticeText(name: name)
        if request.tableName == nil, let naming = DataLoader.nameNote(table: name, path: request.path) { text += "\n" + naming }
        note(text, elapsed: clock.now - start, always: true)
        load.report.warnings.forEach { report($0) }
    }

    /// Every setting and its value, in `.show`'s order.
    var settingLines: [(name: String, value: String)] {
        var mode = settings.mode.rawValue
        if settings.mode == .csv && settings.csvDialect.decimalComma { mode += " excel-da" }
        return [
            ("mode", mode),
            ("timer", settings.timer ? "on" : "off"),
            ("maxrows", settings.maxRows == 0 ? "0 (all)" : String(settings.maxRows)),
            ("numbers", settings.danishNumbers ? "da" : "standard"),
            ("highlight", settings.highlight ? settings.highlightUnavailable.map { "on (inactive: \($0))" } ?? "on" : "off"),
            ("pager", settings.pager.rawValue + (settings.pager == .off ? "" : pager.map { " (\($0.command))" } ?? " (no terminal)")),
            ("output", redirectPath ?? "screen"),
            ("drawing", settings.asciiCharts ? "ascii" : "unicode"),
            ("color", settings.resultColor ? "on" : "off"),
            ("connection", session.remoteDatabase?.displayName ?? "none"),
        ]
    }

    /// The screen's width when results go to it, for help text.
    var helpWidth: Int? { redirect == nil && screen.isTerminal ? screenWidth() : nil }

    /// Help text wrapped at word boundaries to the screen (as written, to a file or pipe).
    func wrappedForScreen(_ text: String) -> String {
        guard let width = helpWidth else { return text }
        return TextWrap.wrap(text, width: width - 1)
    }

    /// The span of the n-th word of a command line (0 is the command itself).
    func argumentSpan(_ source: SourceText, _ n: Int) -> Span {
        let words = DotWords.split(source)
        return n < words.count ? words[n].span : (words.last?.span ?? Span(0, 1))
    }

    private func unknownTable(_ name: String, _ source: SourceText) -> Diagnostic {
        let hint = Suggest.nearest(name, in: session.catalog.names).map { "did you mean '\($0)'?" }
        return Diagnostic(.error, "unknown table '\(name)'", span: argumentSpan(source, 1),
                          label: hint ?? "tables: \(session.catalog.names.joined(separator: ", "))")
    }
}
