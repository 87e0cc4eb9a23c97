/// One unit of input the shell runs: a statement of the language or a dot command line.
public struct ScriptItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A statement for the session (without its ending `;`).
        case statement
        /// A line starting with `.`, for the shell.
        case dotCommand
    }

    public let kind: Kind
    /// The text; a statement that began mid-line is padded with spaces so columns stay right.
    public let text: String
    /// The 1-based line the item starts on.
    public let line: Int
    /// `-- sheet: NAME` on the line above the statement: its sheet's name in a workbook.
    public var sheet: String?

    public init(_ kind: Kind, _ text: String, line: Int) {
        self.kind = kind
        self.text = text
        self.line = line
    }
}
