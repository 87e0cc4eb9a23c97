/// What the dot commands and the command line change about how the shell shows results.
public struct ShellSettings: Sendable {
    public var mode: OutputMode = .table
    /// Show each statement's time (`.timer on`).
    public var timer = false
    /// Rows shown in table mode; 0 shows all.
    public var maxRows = 40
    /// A person types the statements: notes such as "kept as table" are shown.
    public var interactive = false
    /// Colour for results and for diagnostics; decided from the terminals and `NO_COLOR`.
    public var resultColor = false
    public var diagnosticColor = false

    public init() {}
}
