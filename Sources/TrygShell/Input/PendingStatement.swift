import TrygEngine

/// The lines of a statement being collected, and the statements cut from them so far.
///
/// Shared by the interactive `InputBuffer` and the `ScriptSplitter`, which differ only in
/// what they know about the next line. Where statements end is the engine's lenient lexer's
/// answer (`Lexer.scan`), so it cannot drift from the parser.
struct PendingStatement {
    private(set) var scalars: [Unicode.Scalar] = []
    /// The script line of the first scalar.
    private(set) var firstLine = 1
    /// Scalars before this offset were already handed out as statements.
    private var emittedUpTo = 0

    var isEmpty: Bool { scalars.isEmpty }

    mutating func start(line: String, at lineNumber: Int) {
        // In NFC, as the lexer reads it, so that its offsets are ours.
        scalars = Array(line.precomposedForTrygNFC.unicodeScalars)
        firstLine = lineNumber
        emittedUpTo = 0
    }

    mutating func append(line: String) {
        scalars.append("\n")
        scalars.append(contentsOf: line.precomposedForTrygNFC.unicodeScalars)
    }

    mutating func clear() {
        scalars = []
        emittedUpTo = 0
    }

    /// The lenient scan of everything collected.
    var scan: LexScan { Lexer.scan(PendingStatement.text(scalars[...])) }

    /// Cuts the statements ended by `;`; then, when `mayEnd` allows it, the rest too.
    ///
    /// - Parameters:
    ///   - mayEnd: whether the text may end at this line end if it is otherwise complete (a
    ///     script says no when the next line continues it).
    ///   - endOpen: end the text here even inside a string or bracket (in a script, when the
    ///     next line begins a new statement), so the parser reports where it opened.
    /// - Returns: the finished statements; the pending text is cleared once nothing remains open.
    mutating func takeStatements(mayEnd: Bool, endOpen: Bool = false) -> [ScriptItem] {
        let scan = self.scan
        var items: [ScriptItem] = []
        for semicolon in scan.statementEnds where semicolon >= emittedUpTo {
            if let item = item(from: emittedUpTo, to: semicolon) { items.append(item) }
            emittedUpTo = semicolon + 1
        }
        if PendingStatement.isBlank(scalars[emittedUpTo...]) {
            clear()
        } else if mayEnd && (!scan.isOpen || (endOpen && (scan.openQuote != nil || (scan.bracketDepth > 0 && !PendingStatement.carriesOn(scalars[emittedUpTo...]))))) {
            if let item = item(from: emittedUpTo, to: scalars.count) { items.append(item) }
            clear()
        }
        return items
    }

    /// True when the text ends in `,` or `(` (blanks aside): a list in brackets goes on on the
    /// next line even where that line starts at its first column.
    static func carriesOn(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let last = text.last(where: { !$0.properties.isWhitespace }) else { return false }
        return last == "," || last == "("
    }

    /// Hands out whatever is left, open or not (the end of a script).
    mutating func takeRest() -> ScriptItem? {
        defer { clear() }
        return item(from: emittedUpTo, to: scalars.count)
    }

    /// The line (counting the first line collected as 1) of a scalar offset.
    func lineNumber(atOffset offset: Int) -> Int {
        1 + scalars[0..<min(max(offset, 0), scalars.count)].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }

    /// True when the unfinished text is still open (a bracket, string, or trailing operator).
    var isOpen: Bool { scan.isOpen }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    /// True when the text holds nothing but white space and comments.
    static func isBlank(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        Lexer.triviaEnd(scalars, from: 0) >= scalars.count
    }

    /// True when a line holds nothing but white space and comments.
    static func isBlank(_ line: String) -> Bool { Lexer.isBlank(line) }

    /// The statement in `lo..<hi`, starting at its first significant character, padded so
    /// that its columns match the script's.
    private func item(from lo: Int, to hi: Int) -> ScriptItem? {
        guard lo < hi else { return nil }
        let start = lo + Lexer.triviaEnd(scalars[lo..<hi], from: 0)
        guard start < hi else { return nil }
        var end = hi
        while end > start, [" ", "\t", "\n", "\r"].contains(scalars[end - 1]) { end -= 1 }
        var lineStart = start
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let line = firstLine + scalars[0..<start].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: String(repeating: " ", count: start - lineStart).unicodeScalars)
        text.append(contentsOf: scalars[start..<end])
        return ScriptItem(.statement, String(text), line: line)
    }
}
