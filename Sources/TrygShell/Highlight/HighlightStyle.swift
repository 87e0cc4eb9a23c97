/// How a piece of the line being typed is shown.
public enum HighlightStyle: Sendable, Equatable, CaseIterable {
    /// Stage words, clause words, word operators, `let`, `explain`, chart kinds.
    case keyword
    /// A table name where a source goes (or before `.` as a qualifier).
    case table
    /// A column known to the statement's scope (its sources, joins, names made with `as`).
    case column
    /// A function or aggregate.
    case function
    case string
    /// Numbers, dates, timestamps and `true`, `false`, `null`.
    case constant
    case comment
    /// What cannot be read: an unterminated string, an unknown character, a closing bracket
    /// that closes nothing; underlined.
    case error

    /// The SGR parameters that turn the style on.
    public var sgr: String {
        switch self {
        case .keyword: return "1;32"
        case .table: return "1"
        case .column: return "36"
        case .function: return "94"
        case .string: return "33"
        case .constant: return "35"
        case .comment: return "90"
        case .error: return "4;31"
        }
    }
}

/// A run of scalars of the typed line (offsets in its NFC form) shown in one style.
public struct HighlightSpan: Sendable, Equatable {
    public let start: Int
    public let end: Int
    public let style: HighlightStyle

    public init(_ start: Int, _ end: Int, _ style: HighlightStyle) {
        self.start = start
        self.end = end
        self.style = style
    }
}
