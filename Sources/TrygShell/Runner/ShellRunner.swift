import Foundation
import TrygEngine

/// Runs statements and dot commands, one path for typed lines, script files and piped input.
///
/// Results go to the output (standard output, or a file after `.output`); errors and
/// warnings go to the error stream as rendered diagnostics naming `FILE:LINE:COL`.
public final class ShellRunner {
    public let session: Session
    public var settings: ShellSettings
    /// Go on after a failing statement (`--keep-going`).
    public var keepGoing = false
    /// Set by `.quit`: the caller should stop reading input.
    public internal(set) var quitRequested = false
    /// The reader of standard output went away (a closed pipe): the run ends quietly.
    public internal(set) var outputClosed = false
    /// A message could not be written to the error stream.
    public internal(set) var errorsLost = false
    /// The screen's width in columns, asked before each table is drawn; nil never cuts columns.
    public var screenWidth: () -> Int? = { nil }
    /// The width of the terminal notes and diagnostics go to (standard error), asked before each
    /// is written; nil (a pipe, a file) leaves their lines as they are.
    public var messageWidth: () -> Int? = { nil }
    /// The screen's height in rows, asked before a chart is drawn in place of a table; nil: unknown.
    public var screenHeight: () -> Int? = { nil }
    /// The last chart a query asked for, for `.export chart`.
    var lastChart: ChartModel?
    public weak var interrupts: QueryInterrupts?
    /// Shows results taller than the screen (`.pager`); nil where there is none (tests, pipes).
    public var pager: Pager?
    /// Draws the progress of long loads and statements (the terminal edge's progress bar).
    public var workDisplay: WorkDisplay?

    let screen: TextOutput
    let errors: TextOutput
    var redirect: TextOutput?
    /// The file `.output` named, for `.show`.
    var redirectPath: String?
    /// Nesting of `.read`, so a script that reads itself stops.
    var readDepth = 0
    /// Results written so far: csv and markdown blocks after the first are set apart by a blank line.
    var resultsShown = 0
    /// JSON results held until the output is finished (`settings.collectJSON`).
    var heldJSON: [(table: Table, suppression: Suppression?)] = []
    /// Results held for the workbook of `--format xlsx --output FILE`, with the sheet name each asked for.
    var heldSheets: [(name: String?, result: QueryResult)] = []
    /// The last result and the sheet name it asked for, for `.export table`.
    var lastResult: (result: QueryResult, name: String?)?
    /// The tables each `let` table's query named, for telling which results come from the
    /// bundled samples alone (`readsOnlySamples`).
    var letSources: [String: [String]] = [:]
    static let maxReadDepth = 16

    public init(session: Session, settings: ShellSettings = ShellSettings(), output: TextOutput, errors: TextOutput) {
        self.session = session
        self.settings = settings
        self.screen = output
        self.errors = errors
    }

    /// Where results go now.
    var output: TextOutput { redirect ?? screen }

    /// Runs every item of a script in order; stops at the first failure unless `keepGoing`.
    ///
    /// - Parameter name: the file name diagnostics show, nil for typed text.
    /// - Returns: true when every item ran without error.
    @discardableResult
    public func runScript(_ text: String, name: String?) -> Bool {
        var allRan = true
        for item in ScriptSplitter.split(text) {
            if quitRequested { break }
            if !run(item, sourceName: name) {
                allRan = false
                if !keepGoing { break }
            }
        }
        return allRan
    }

    /// The most text one statement of a piped script may hold, in characters.
    public static let maxStatementLength = 4 << 20

    /// Runs a script as its lines arrive (piped standard input): each statement runs as soon as
    /// the line after it is read, so `yes 'incidents count' | tryg | head` prints at once.
    /// A line that cannot be read (too long, not UTF-8) is an error at that line.
    @discardableResult
    public func runLines(_ lines: LineSource, name: String) -> Bool {
        var stream = ScriptSplitter.Stream()
        var allRan = true
        func runAll(_ items: [ScriptItem]) -> Bool {
            for item in items {
                if quitRequested { return false }
                if !run(item, sourceName: name) {
                    allRan = false
                    if !keepGoing { return false }
                }
            }
            return !quitRequested
        }
        while true {
            let line: String?
            do throws(LineReadError) {
                line = try lines.nextLine()
            } catch {
                // The statement before the line is whole (a line that cannot be read continues
                // nothing): it runs, then the error stops the input.
                _ = runAll(stream.finish())
                report(Diagnostic(.error, "cannot run \(name): \(error.message)", file: FilePosition(path: name, line: error.line)))
                return false
            }
            guard let line else { break }
            guard runAll(stream.feed(line)) else { return allRan }
            if stream.pendingLength > ShellRunner.maxStatementLength {
                report(Diagnostic(.error, "the statement starting on line \(stream.pendingLine) is longer than "
                                  + "\(ShellRunner.maxStatementLength >> 20) MiB characters; is a quote or bracket left open?",
                                  file: FilePosition(path: name, line: stream.pendingLine)))
                return false
            }
        }
        _ = runAll(stream.finish())
        return allRan
    }

    /// Reads and runs a script file; a file that cannot be read is an error.
    @discardableResult
    public func runFile(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else {
            report(Diagnostic(.error, "cannot read script '\(path)'", file: FilePosition(path: path)))
            return false
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report(Diagnostic(.error, "script '\(path)' is not UTF-8 text", file: FilePosition(path: path)))
            return false
        }
        // As on standard input: a NUL byte marks a file that is not a script.
        if let nul = data.firstIndex(of: 0) {
            let line = 1 + data[data.startIndex..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            report(Diagnostic(.error, "script '\(path)': line \(line) holds a NUL byte; is this a binary file?",
                              file: FilePosition(path: path, line: line)))
            return false
        }
        return runScript(text, name: path)
    }

    /// Runs one statement or dot command; returns true when it ran without error.
    @discardableResult
    public func run(_ item: ScriptItem, sourceName: String?) -> Bool {
        let ran = perform(item, sourceName: sourceName)
        return checkWrites() && ran
    }

    private func perform(_ item: ScriptItem, sourceName: String?) -> Bool {
        let source = SourceText(item.text, name: sourceName, firstLine: item.line)
        switch item.kind {
        case .dotCommand:
            do throws(Diagnostic) {
                try perform(try DotCommand.parse(source, parameters: session.parameters), source: source)
                return true
            } catch {
                report(ShellRunner.withoutPasswords(error, source))
                return false
            }
        case .statement:
            return execute(source, sheet: item.sheet)
        }
    }

    private func execute(_ source: SourceText, sheet: String?) -> Bool {
        beginWork()
        let outcome: StatementOutcome
        do throws(Diagnostic) {
            outcome = try session.execute(source)
            endWork()
        } catch {
            endWork()
            report(error.withSource(source))
            return false
        }
        switch outcome {
        case .rows(let result):
            lastResult = (result, sheet)
            // `to "FILE"` writes the result as well as showing it.
            if let file = result.outputFile {
                let written = QueryResult(table: result.table, warnings: result.warnings, chart: nil, elapsed: result.elapsed,
                                          suppression: result.suppression)
                guard writeResultTo(file, written, sheet: sheet, source: source) else { return false }
                let shown = QueryResult(table: result.table, chart: result.chart, elapsed: result.elapsed, suppression: result.suppression)
                return show(shown, source: source, sheet: sheet)
            }
            return show(result, source: source, sheet: sheet)
        case .stored(let name, let result):
            letSources[name.lowercased()] = tableNames(in: source)
            result.warnings.forEach { report($0.withSource(source)) }
            let t = result.table
            note("kept as table \(name): \(t.rowCount) \(t.rowCount == 1 ? "row" : "rows"), "
                 + "\(t.columnNames.count) \(t.columnNames.count == 1 ? "column" : "columns")", elapsed: result.elapsed)
            lastResult = (result, sheet ?? name)
            if let file = result.outputFile {
                return writeResultTo(file, result, sheet: sheet ?? name, source: source, reportWarnings: false)
            }
            if settings.workbook { return holdSheet(result, name: sheet ?? name) }
        case .plan(let text, let warnings):
            warnings.forEach { report($0.withSource(source)) }
            if settings.mode == .json && settings.collectJSON {
                // Held in line with the results, as an object of its own: {"plan": "…"}.
                var column = ColumnBuilder(type: .text)
                column.append(.text(text))
                heldJSON.append((Table(name: "plan", columnNames: ["plan"], columns: [column.finish()]), nil))
            } else {
                output.write(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
        return true
    }

    /// Writes a result in the current mode (with its chart in table mode), its warnings to the
    /// error stream; false when a chart's image could not be written.
    func show(_ result: QueryResult, source: SourceText, sheet: String? = nil) -> Bool {
        result.warnings.forEach { report($0.withSource(source)) }
        let elapsed = settings.timer ? result.elapsed : nil
        if settings.workbook {
            if let hint = result.chart, hint.file != nil, chart(result.table, hint: hint, source: source) == nil { return false }
            if let s = result.suppression { note("note: " + s.note + " (empty cells with a note)", elapsed: nil, always: true) }
            return holdSheet(result, name: sheet)
        }
        // A chart's image is written in every output mode, whatever shows the table.
        let imageOnly = settings.outputDirectory != nil || (settings.mode == .json && settings.collectJSON)
        if imageOnly, let hint = result.chart, hint.file != nil, chart(result.table, hint: hint, source: source) == nil { return false }
        if let dir = settings.outputDirectory {
            return writeResultFile(result, into: dir)
        }
        if settings.mode == .json && settings.collectJSON {
            heldJSON.append((result.table, result.suppression))
            return true
        }
        if resultsShown > 0, separatesResults { output.write("\n") }
        resultsShown += 1
        var drawing: String?
        if let hint = result.chart {
            guard let text = chart(result.table, hint: hint, source: source) else { return false }
            drawing = text
        }
        let chartOnly = settings.chartsReplaceTables && !(drawing ?? "").isEmpty
        if let s = result.suppression {
            let shown = settings.mode.marksSuppressedCells ? " (shown as \(Suppression.withheld))" : " (null here)"
            note("note: " + s.note + (s.cells.isEmpty ? "" : shown), elapsed: nil, always: true)
        }
        var text = chartOnly ? "" : render(result.table, elapsed: elapsed, suppression: result.suppression)
        if let drawing, !drawing.isEmpty { text += chartOnly ? drawing : "\n" + drawing }
        writeResult(text)
        if settings.mode != .table, let elapsed { note("time: \(TableRenderer.format(elapsed))", elapsed: nil, always: true) }
        return true
    }

    /// Whether a blank line goes between results: in csv and markdown written to a file or a
    /// pipe, where one result would otherwise run into the next; not at the prompt, where the
    /// typed line stands between them.
    private var separatesResults: Bool {
        (settings.mode == .csv || settings.mode == .markdown) && !(settings.interactive && redirect == nil)
    }

    /// A listing (`.tables`, `.schema`, `.sheets`) in the current mode, in line with the
    /// results: held with them where JSON is collected (an object of its own in JSON Lines),
    /// set off from them by a blank line in csv and markdown.
    func writeListing(_ table: Table) {
        if settings.mode == .json && settings.collectJSON {
            heldJSON.append((table, nil))
            return
        }
        if resultsShown > 0, separatesResults { output.write("\n") }
        resultsShown += 1
        output.write(render(table, elapsed: nil))
    }

    /// Writes a result (or help) to the output, through the pager when `Pager.wanted` says so;
    /// a pager that cannot start leaves the text printed as usual.
    func writeResult(_ text: String) {
        var text = text
        // csv and markdown carry no colour of their own: on a terminal every control character
        // of the data is shown as an escape, colour codes too (a file gets the data as it is).
        if redirect == nil, screen.isTerminal, settings.mode == .csv || settings.mode == .markdown {
            text = VisibleControls.escape(text, allowColor: false)
        }
        if let pager, redirect == nil,
           Pager.wanted(settings.pager, lines: text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, screenHeight: screenHeight(),
                        toTerminal: screen.isTerminal),
           pager.show(text) {
            return
        }
        output.write(text)
    }

    /// A table in the current mode.
    func render(_ table: Table, elapsed: Duration?, suppression: Suppression? = nil) -> String {
        switch settings.mode {
        case .table:
            let toScreen = redirect == nil && screen.isTerminal
            // Only a person reading a terminal gets a cut table; files, pipes and scripts get every row.
            let cut = toScreen && (settings.interactive || settings.maxRowsGiven) ? settings.maxRows : 0
            var renderer = TableRenderer(maxRows: cut, width: toScreen ? screenWidth() : nil,
                                         color: settings.resultColor && toScreen)
            renderer.danishNumbers = settings.danishNumbers
            renderer.suppression = suppression
            renderer.ascii = settings.asciiCharts
            return renderer.render(table, elapsed: elapsed)
        case .csv: return CSVRenderer.render(table, dialect: settings.csvDialect, first: resultsShown <= 1)
        case .json: return JSONRenderer.render(table)
        case .markdown: return MarkdownRenderer.render(table, suppression: suppression)
        case .line: return LineRenderer.render(table, suppression: suppression)
        }
    }

    /// Writes a diagnostic to the error stream.
    func report(_ diagnostic: Diagnostic) {
        // On a terminal the source line is cut to fit beside its gutter (so the caret stays under
        // the fault) and the message and its notes are wrapped at word boundaries.
        let width = errorsWidth
        let text = DiagnosticRenderer(color: settings.diagnosticColor, width: width).render(diagnostic)
        errors.write((width.map { TextWrap.wrap(text, width: $0) } ?? text) + "\n")
    }

    /// The columns a line of a note may take on the terminal standard error is; nil off a terminal.
    var errorsWidth: Int? {
        guard errors.isTerminal, let width = messageWidth(), width > 1 else { return nil }
        return width - 1
    }

    /// Writes a message for the person (a load's report, a note) to the error stream, wrapped at
    /// word boundaries on a terminal; a pipe or file gets the lines as they are.
    public func writeMessage(_ text: String) {
        errors.write((errorsWidth.map { TextWrap.wrap(text, width: $0) } ?? text) + "\n")
    }

    /// A message for the person at the shell (not part of any result); silent in scripts unless `always`.
    func note(_ text: String, elapsed: Duration?, always: Bool = false) {
        guard settings.interactive || always else { return }
        var line = text
        if settings.timer, let elapsed { line += " (\(TableRenderer.format(elapsed)))" }
        writeMessage(line)
    }
}
