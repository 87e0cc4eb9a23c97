/// What kind of fault a diagnostic reports: the user's, the program's, or nobody's.
public enum DiagnosticKind: String, Sendable {
    /// The query, script or data is wrong; the message says what would be valid.
    case user
    /// tryg itself is wrong (a bug); the message says so and the fuzzers count it as a failure.
    case `internal`
    /// The user stopped the work (Ctrl-C).
    case cancelled
}

/// A diagnostic's stable identity, for code that must tell diagnostics apart: control flow
/// compares codes, never message text. The raw value is what `--format json` and tests may rely on.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A user error not yet given a code of its own.
    public static let query = DiagnosticCode(rawValue: "query")
    /// A fault in tryg itself.
    public static let `internal` = DiagnosticCode(rawValue: "internal")
    /// The work was cancelled.
    public static let cancelled = DiagnosticCode(rawValue: "cancelled")

    // Lexing.
    public static let unterminatedString = DiagnosticCode(rawValue: "unterminated-string")
    public static let unterminatedName = DiagnosticCode(rawValue: "unterminated-name")
    public static let invalidCharacter = DiagnosticCode(rawValue: "invalid-character")
    public static let invalidLiteral = DiagnosticCode(rawValue: "invalid-literal")
    public static let literalTooLong = DiagnosticCode(rawValue: "literal-too-long")

    // Parsing.
    /// The statement ended where the parser needed more.
    public static let unexpectedEnd = DiagnosticCode(rawValue: "unexpected-end")
    /// A `(` or `[` that is never closed; reported where it opened.
    public static let unclosedBracket = DiagnosticCode(rawValue: "unclosed-bracket")
    public static let unexpectedToken = DiagnosticCode(rawValue: "unexpected-token")
    public static let unknownStage = DiagnosticCode(rawValue: "unknown-stage")
    /// A query that starts with a stage word instead of a table.
    public static let missingSource = DiagnosticCode(rawValue: "missing-source")
    public static let nestingTooDeep = DiagnosticCode(rawValue: "nesting-too-deep")
    public static let missingParameter = DiagnosticCode(rawValue: "missing-parameter")

    // Binding.
    public static let unknownColumn = DiagnosticCode(rawValue: "unknown-column")
    public static let unknownTable = DiagnosticCode(rawValue: "unknown-table")
    public static let unknownFunction = DiagnosticCode(rawValue: "unknown-function")
    public static let wrongArguments = DiagnosticCode(rawValue: "wrong-arguments")
    public static let typeMismatch = DiagnosticCode(rawValue: "type-mismatch")
    public static let notAnAggregate = DiagnosticCode(rawValue: "not-an-aggregate")
    /// An aggregate where none may stand: a group key, inside another aggregate, mixed with a row's value.
    public static let aggregateMisuse = DiagnosticCode(rawValue: "aggregate-misuse")
    /// A name given twice: a group key, a selected column, a join's alias, a chart option.
    public static let duplicateName = DiagnosticCode(rawValue: "duplicate-name")
    /// A name that could be a column of either side of a join, or several columns by case alone.
    public static let ambiguousName = DiagnosticCode(rawValue: "ambiguous-name")
    /// A value that is not one its place takes: a half-year, a value of a scale, a chart kind, an image format.
    public static let invalidValue = DiagnosticCode(rawValue: "invalid-value")
    /// `pivot`, `compare` or `trend` over an input without the keys or measures it needs.
    public static let reshapeInput = DiagnosticCode(rawValue: "reshape-input")
    /// Join keys that are not columns.
    public static let invalidJoin = DiagnosticCode(rawValue: "invalid-join")
    /// A stage out of its place: `chart` or `suppress` not last.
    public static let stageOrder = DiagnosticCode(rawValue: "stage-order")
    /// A parameter where only a column or a name can stand.
    public static let misplacedParameter = DiagnosticCode(rawValue: "misplaced-parameter")
    /// `let` of a name a table loaded from a file has.
    public static let tableLoadedFromFile = DiagnosticCode(rawValue: "table-loaded-from-file")

    /// A stage, function or value the chosen SQL dialect cannot express (`explain sql`, `--sql`).
    public static let sqlUnsupported = DiagnosticCode(rawValue: "sql-unsupported")
    /// A compiled statement may take other rows than tryg where a sort ties at a cut.
    public static let sqlTies = DiagnosticCode(rawValue: "sql-ties")

    /// A database server refused a connection or a statement; the message carries the server's own.
    public static let server = DiagnosticCode(rawValue: "server")

    // Execution.
    public static let overflow = DiagnosticCode(rawValue: "overflow")
    /// A join, pivot, trend or result that would pass a limit or the memory budget.
    public static let resultTooLarge = DiagnosticCode(rawValue: "result-too-large")
    /// A `matches` pattern PCRE2 cannot compile.
    public static let invalidPattern = DiagnosticCode(rawValue: "invalid-pattern")
    /// A `matches` pattern that needs more work on a value than the limits allow.
    public static let patternTooCostly = DiagnosticCode(rawValue: "pattern-too-costly")
    /// Any other failure inside the regular-expression engine.
    public static let patternFailed = DiagnosticCode(rawValue: "pattern-failed")

    // Loading.
    /// Bytes that are not UTF-8 in a file read as UTF-8.
    public static let invalidUTF8 = DiagnosticCode(rawValue: "invalid-utf8")
}
