/// A program results are shown through when they are taller than the screen (`.pager`).
///
/// The terminal edge makes it (`$PAGER`, or `less -SRFX`); the runner decides when to use it.
public struct Pager {
    /// The command as the user would write it, for `.show`.
    public let command: String
    /// Shows the text through the pager and waits for it to end; false when the pager could not
    /// be started (the text was not shown, and is then printed instead).
    public let show: (String) -> Bool

    public init(command: String, show: @escaping (String) -> Bool) {
        self.command = command
        self.show = show
    }

    /// Whether a text of `lines` lines goes through the pager: never when results do not go to
    /// a terminal (a pipe, a file after `.output`), always with `.pager on`, and with `auto`
    /// when the text is taller than the screen (leaving a row for the prompt).
    public static func wanted(_ mode: PagerMode, lines: Int, screenHeight: Int?, toTerminal: Bool) -> Bool {
        guard toTerminal else { return false }
        switch mode {
        case .off: return false
        case .on: return true
        case .auto:
            guard let height = screenHeight, height > 0 else { return false }
            return lines > height - 1
        }
    }
}
