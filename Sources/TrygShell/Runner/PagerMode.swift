/// When a result goes through a pager (`.pager`).
public enum PagerMode: String, Sendable, CaseIterable {
    /// Every result shown on a terminal.
    case on
    /// Never.
    case off
    /// Results taller than the terminal, when results go to a terminal.
    case auto
}
