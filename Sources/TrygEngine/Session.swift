import Synchronization
import TrygDomain

/// What a chart stage asks the shell to draw.
public struct ChartHint: Sendable, Equatable {
    public enum Kind: String, Sendable { case bar, line }
    public let kind: Kind
    /// The column to chart (nil: the shell decides from the result's columns).
    public let column: String?
    /// `title "…"`: the chart's title (nil: the shell makes one from the query text).
    public let title: String?
    /// `to "FILE"`: also write the chart as an image to this file.
    public let file: String?
    /// The result's group keys, whatever their type (`hour` is a key, not a measure); empty
    /// when the query groups nothing.
    public var keys: [String]

    public init(kind: Kind, column: String?, title: String? = nil, file: String? = nil, keys: [String] = []) {
        self.kind = kind
        self.column = column
        self.title = title
        self.file = file
        self.keys = keys
    }

    /// The image formats `to "FILE"` writes, named by the file's extension.
    public static let imageFormats = ["png", "svg", "pdf"]

    /// The image format a file name asks for (lower-cased extension), nil when none of `imageFormats`.
    public static func imageFormat(of file: String) -> String? {
        guard let dot = file.lastIndex(of: "."), !file[..<dot].hasSuffix("/") else { return nil }
        let ext = file[file.index(after: dot)...].lowercased()
        return imageFormats.contains(ext) ? ext : nil
    }
}

/// The rows a query produced, with its warnings and chart hint.
public struct QueryResult: Sendable {
    public let table: Table
    public let warnings: [Diagnostic]
    public let chart: ChartHint?
    /// Wall time from text to result.
    public let elapsed: Duration
    /// The cells `suppress below N` (or `--suppress N`) made null; tables show them as `<N`.
    public var suppression: Suppression?
    /// `to "FILE.xlsx"` after the query: the shell writes the result to this workbook.
    public var outputFile: String?

    public init(table: Table, warnings: [Diagnostic] = [], chart: ChartHint? = nil, elapsed: Duration = .zero,
                suppression: Suppression? = nil) {
        self.table = table
        self.warnings = warnings
        self.chart = chart
        self.elapsed = elapsed
        self.suppression = suppression
    }
}

extension QueryResult {
    /// Whether a file name ends in `.xlsx` (any case): what `to "FILE"` after a query writes.
    public static func isWorkbookName(_ file: String) -> Bool { resultFileKind(file) == "xlsx" }

    /// The kind of file `to "FILE"` writes, by its extension: `csv`, `json` or `xlsx`; nil for
    /// any other name.
    public static func resultFileKind(_ file: String) -> String? {
        guard let dot = file.lastIndex(of: "."), !file[..<dot].isEmpty, !file[..<dot].hasSuffix("/") else { return nil }
        let ext = file[file.index(after: dot)...].lowercased()
        return ["csv", "json", "xlsx"].contains(ext) ? ext : nil
    }
}

/// What one statement did.
public enum StatementOutcome: Sendable {
    /// A query's rows.
    case rows(QueryResult)
    /// `let NAME = QUERY`: the rows were kept as a table.
    case stored(name: String, result: QueryResult)
    /// `explain QUERY`: the plan text.
    case plan(String, warnings: [Diagnostic])
}

/// Text in; tables, warnings and diagnostics out. No printing.
///
/// The flow of one statement: lex, parse, bind to a logical plan, rewrite, execute.
public final class Session: Sendable {
    public let catalog: Catalog
    public let domain: DomainContext
    public let cancellation = CancellationFlag()
    /// Values for `$NAME` in queries, substituted as literals.
    public var parameters: [String: String] {
        get { parameterValues.withLock { $0 } }
        set { parameterValues.withLock { $0 = newValue } }
    }
    private let parameterValues = Mutex<[String: String]>([:])
    /// How much memory one statement's result may take (`--memory-limit`).
    public var memoryBudget: MemoryBudget {
        get { budgetValue.withLock { $0 } }
        set { budgetValue.withLock { $0 = newValue } }
    }
    private let budgetValue = Mutex<MemoryBudget>(.standard)
    /// `--suppress N`: small-count suppression on every query result (a stage's own N wins).
    public var suppressBelow: Int64? {
        get { defaultSuppression.withLock { $0 } }
        set { defaultSuppression.withLock { $0 = newValue } }
    }
    private let defaultSuppression = Mutex<Int64?>(nil)
    /// `--sql DIALECT`: queries are compiled to SQL and shown, not run (`let` still runs).
    public var sqlDialect: SQLDialect? {
        get { dialectValue.withLock { $0 } }
        set { dialectValue.withLock { $0 = newValue } }
    }
    private let dialectValue = Mutex<SQLDialect?>(nil)
    /// `--connect`, `.connect`: the server whose tables are in the catalog (queries over them run there).
    public var remoteDatabase: (any RemoteDatabase)? {
        get { remoteValue.withLock { $0 } }
        set {
            remoteValue.withLock { $0 = newValue }
            serverValueCache.clear()
        }
    }
    private let remoteValue = Mutex<(any RemoteDatabase)?>(nil)
    /// The server's answers about its columns' values, kept a short while.
    let serverValueCache = ServerValues()
    /// Tables made by `let`: a later `let` may replace these, never a table loaded from a file.
    private let letNames = Mutex<Set<String>>([])

    /// Which fast kernels the executor may use (tests turn them off to compare with the general paths).
    let kernels: ExecutionKernels

    public init(catalog: Catalog = Catalog(), domain: DomainContext = .standard) {
        self.catalog = catalog
        self.domain = domain
        self.kernels = .all
    }

    init(catalog: Catalog, kernels: ExecutionKernels) {
        self.catalog = catalog
        self.domain = .standard
        self.kernels = kernels
    }

    /// Runs one statement. Errors come as a `Diagnostic` pointing into `source`.
    public func execute(_ source: SourceText) throws(Diagnostic) -> StatementOutcome {
        try DeepStack.run { () throws(Diagnostic) -> StatementOutcome in try executeHere(source) }
    }

    private func executeHere(_ source: SourceText) throws(Diagnostic) -> StatementOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        // A cancelled query must not cancel the next one.
        defer { cancellation.reset() }
        do {
            let statement = try Parser.parse(source, parameters: parameters)
            switch statement.kind {
            case .query(let query):
                if let dialect = sqlDialect {
                    let (text, warnings) = try sql(query, dialect)
                    return .plan(text, warnings: warnings)
                }
                let run = try run(query)
                var result = QueryResult(table: run.table, warnings: run.warnings, chart: run.chart,
                                         elapsed: clock.now - start, suppression: run.suppression)
                result.outputFile = statement.output?.text
                return .rows(result)
            case .let(let name, let query):
                try checkLetName(name)
                let run = try run(query)
                let table = run.table.renamed(name.text)
                catalog.register(table)
                letNames.withLock { _ = $0.insert(table.name) }
                var result = QueryResult(table: table, warnings: run.warnings, elapsed: clock.now - start,
                                         suppression: run.suppression)
                result.outputFile = statement.output?.text
                return .stored(name: name.text, result: result)
            case .explain(let query, let dialect?):
                let (text, warnings) = try sql(query, dialect)
                return .plan(text, warnings: warnings)
            case .explain(let query, nil):
                var binder = makeBinder()
                let bound = try binder.bind(query)
                let trace = Optimizer.standard.trace(bound.plan)
                let physical = PhysicalPlanner(kernels: kernels, domain: domain).plan(trace.last?.plan ?? bound.plan)
                let text = PlanPrinter.explain(before: bound.plan, trace: trace) + "\nphysical plan:\n" + PlanPrinter.render(physical)
                return .plan(text, warnings: bound.warnings)
            }
        } catch {
            throw error.withSource(source)
        }
    }

    /// `let NAME = …` may replace a table an earlier `let` made, never one loaded from a file:
    /// saved scripts would go on to print figures from the replacement.
    private func checkLetName(_ name: Name) throws(Diagnostic) {
        guard let existing = catalog.table(name.text), !letNames.withLock({ $0.contains(name.text) }) else { return }
        if existing.isRemote {
            throw Diagnostic(.error, "'\(name.text)' is a table on the server", code: .tableLoadedFromFile, span: name.span,
                             label: "choose another name for the rows brought over",
                             notes: ["help: e.g. let \(name.text)_here = \(name.text) where …"])
        }
        throw Diagnostic(.error, "'\(name.text)' is a table loaded from a file", code: .tableLoadedFromFile, span: name.span,
                         label: "choose another name for this result",
                         notes: ["help: to replace the loaded table, drop it first: .drop \(name.text)"])
    }

    /// Removes a table from the catalog (`.drop NAME`); a later `let NAME` may then make it anew.
    public func drop(_ name: String) throws(Diagnostic) {
        guard catalog.table(name) != nil else {
            let names = catalog.names
            throw Diagnostic(.error, "unknown table '\(Diagnostic.shown(name))'",
                             code: .unknownTable, label: Suggest.nearest(name, in: names).map { "did you mean '\($0)'?" } ?? "not a table",
                             notes: ["help: tables are \(names.isEmpty ? "(none loaded)" : names.joined(separator: ", "))"])
        }
        catalog.remove(name)
        letNames.withLock { _ = $0.remove(name) }
    }

    /// A column of a result not yet computed: its name, its type, and whether it is a grouping key.
    public struct ResultColumn: Sendable, Equatable {
        public let name: String
        public let type: DataType
        public let isKey: Bool
    }

    /// The columns a query's result would have, without running it; nil when the text is not a
    /// statement that binds (completion asks this of a query being typed).
    public func resultColumns(of text: String) -> [ResultColumn]? {
        try? DeepStack.run { () throws(Diagnostic) -> [ResultColumn]? in resultColumnsHere(of: text) }
    }

    private func resultColumnsHere(of text: String) -> [ResultColumn]? {
        do throws(Diagnostic) {
            let statement = try Parser.parse(SourceText(text), parameters: parameters)
            let query: QueryAST
            switch statement.kind {
            case .query(let q), .let(_, let q), .explain(let q, _): query = q
            }
            var binder = makeBinder()
            return try binder.bind(query).fields.map { ResultColumn(name: $0.name, type: $0.type, isKey: $0.role == .key) }
        } catch {
            return nil
        }
    }

    /// Convenience: runs a statement given as a string.
    public func execute(_ text: String) throws(Diagnostic) -> StatementOutcome {
        try execute(SourceText(text))
    }

    func makeBinder() -> Binder {
        var binder = Binder(catalog: catalog, domain: domain)
        binder.suppressBelow = suppressBelow
        binder.cancellation = cancellation
        binder.kernels = kernels
        if let remote = remoteDatabase { binder.server = (remote, serverValueCache) }
        return binder
    }

    private func run(_ query: QueryAST) throws(Diagnostic)
        -> (table: Table, warnings: [Diagnostic], chart: ChartHint?, suppression: Suppression?) {
        var binder = makeBinder()
        let bound = try binder.bind(query)
        if let table = try runRemote(bound, query) { return (table, bound.warnings, bound.chart, nil) }
        let plan = Optimizer.standard.optimize(bound.plan)
        let table = try Executor(cancellation: cancellation, domain: domain, kernels: kernels, budget: memoryBudget).run(plan)
        guard let suppress = bound.suppress else { return (table, bound.warnings, bound.chart, nil) }
        let (suppressed, cells) = Suppression.apply(table, below: suppress.below, countColumns: suppress.counts,
                                                      rowCount: suppress.rowCount, measures: suppress.measures, keys: suppress.keys)
        return (suppressed, bound.warnings, bound.chart, cells)
    }
}
