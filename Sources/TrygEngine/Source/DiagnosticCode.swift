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

    // Execution.
    public static let overflow = DiagnosticCode(rawValue: "overflow")
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
