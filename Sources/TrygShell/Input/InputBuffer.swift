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

    /// The lines of the unfinished statement so far, joined by line breaks ("" when none).
    public var pendingText: String { PendingStatement.text(pending.scalars[...]) }

    /// What the unfinished statement leaves open, or nil when nothing is pending.
    public var opening: Opening? {
        guard !pending.isEmpty else { return nil }
        let scan = pending.scan
        if let quote = scan.openQuote {
            return Opening(kind: .quote(Character(quote.quote)), line: pending.lineNumber(atOffset: quote.start))
        }
        if let bracket = scan.openBrackets.last, bracket < pending.scalars.count {
            return Opening(kind: .bracket(Character(pending.scalars[bracket])), line: pending.lineNumber(atOffset: bracket))
        }
        return Opening(kind: .continuation, line: pending.lineNumber(atOffset: pending.scalars.count))
    }

    /// The prompt for the next line: `tryg> `, or one that shows what is open (`  "..> ` in a
    /// string, `  (..> ` in a bracket, `  ...> ` after `|` or an operator).
    public var prompt: String {
        guard let opening else { return InputBuffer.prompt }
        switch opening.kind {
        case .quote(let q): return "  \(q)..> "
        case .bracket(let b): return "  \(b)..> "
        case .continuation: return "  ...> "
        }
    }

    /// The prompt when no statement is pending.
    public static let prompt = "tryg> "

    /// The one-line note when an unfinished statement is dropped at the end of input (Ctrl-D).
    public var discardNote: String? {
        guard let opening else { return nil }
        let what: String
        switch opening.kind {
        case .quote(let q): what = q == "`" ? "the name quoted with ` on line \(opening.line) is not closed"
            : "the string opened with \(q) on line \(opening.line) is not closed"
        case .bracket(let b): what = "the \(b) opened on line \(opening.line) is not closed"
        case .continuation: what = "it ends in the middle (line \(opening.line))"
        }
        return "statement not run: \(what); Up recalls it, Ctrl-D again leaves"
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

extension InputBuffer {
    /// What keeps a statement open, and the line (of the statement, from 1) where it opened.
    public struct Opening: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// A string (`"` or `'`) or back-quoted name.
            case quote(Character)
            /// A `(` or `[`.
            case bracket(Character)
            /// A line ending in `|`, `,`, an operator, `and`, `or` or `by`.
            case continuation
        }
        public let kind: Kind
        public let line: Int
    }
}
