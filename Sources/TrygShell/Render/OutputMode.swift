/// How results are written: a boxed table for people, or a format for other programs.
public enum OutputMode: String, CaseIterable, Sendable {
    /// Aligned columns in a box, rounded decimals, cut to the screen and `.maxrows`.
    case table
    /// RFC 4180 quoting, full precision, null as an empty field.
    case csv
    /// An array of objects with typed values; null as `null`.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// One `column = value` line per column, a blank line between rows.
    case line

    /// Whether a suppressed cell shows as `..` (the modes people read) rather than null (the
    /// modes programs read: csv, json).
    public var marksSuppressedCells: Bool {
        switch self {
        case .table, .markdown, .line: return true
        case .csv, .json: return false
        }
    }

    /// The names accepted by `--format` and `.mode`, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
