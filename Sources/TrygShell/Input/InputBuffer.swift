import TrygEngine

/// Collects typed lines until they form complete statements, by LANGUAGE.md's rules.
///
/// A statement ends at `;`, or at the end of a line when no bracket, string or back-quoted
/// name is open and the line does not end in one of `Vocabulary.continuations` (`|`, `,`, an
/// operator, `and`, `or`, `by`); the engine's lenient lexer decides.
/// A line that starts with `.` when no statement is pending is a dot command by itself.
public struct InputBuffer: Sendable {
    private var pending = PendingStatement()
    private var lineCount = 0

    public init() {}

    /// True when no statement is waiting for more lines (the prompt is `tryg> `).
    public var isEmpty: Bool { pending.isEmpty }

    /// Adds one typed line; returns the statements and dot commands it completed, in order.
    public mutating func append(_ line: String) -> [ScriptItem] {
        if pending.isEmpty {
            lineCount = 0
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(".") {
                return [ScriptItem(.dotCommand, String(trimmed), line: 1)]
            }
            if PendingStatement.isBlank(line) { return [] }
            pending.start(line: line, at: 1)
        } else {
            pending.append(line: line)
        }
        lineCount += 1
        return pending.takeStatements(mayEnd: true)
    }

    /// Drops the unfinished statement (Ctrl-C at a continuation prompt).
    public mutating func reset() {
        pending.clear()
    }

    /// Whether the text is one or more complete statements, with nothing left open.
    public static func isComplete(_ text: String) -> Bool {
        let scan = Lexer.scan(text)
        if scan.tokens.isEmpty && scan.openQuote == nil { return true }
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if trimmed.hasPrefix(".") { return true }
        return !scan.isOpen
    }
}
