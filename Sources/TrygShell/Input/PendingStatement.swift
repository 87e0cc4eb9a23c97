/// The lines of a statement being collected, and the statements cut from them so far.
///
/// Shared by the interactive `InputBuffer` and the `ScriptSplitter`, which differ only in
/// what they know about the next line.
struct PendingStatement {
    private(set) var scalars: [Unicode.Scalar] = []
    /// The script line of the first scalar.
    private(set) var firstLine = 1
    /// Scalars before this offset were already handed out as statements.
    private var emittedUpTo = 0

    var isEmpty: Bool { scalars.isEmpty }

    mutating func start(line: String, at lineNumber: Int) {
        scalars = Array(line.unicodeScalars)
        firstLine = lineNumber
        emittedUpTo = 0
    }

    mutating func append(line: String) {
        scalars.append("\n")
        scalars.append(contentsOf: line.unicodeScalars)
    }

    mutating func clear() {
        scalars = []
        emittedUpTo = 0
    }

    /// Cuts the statements ended by `;`; then, when `mayEnd` allows it, the rest too.
    ///
    /// - Parameter mayEnd: whether the text may end at this line end if it is otherwise
    ///   complete (a script says no when the next line continues it).
    /// - Returns: the finished statements; the pending text is cleared once nothing remains open.
    mutating func takeStatements(mayEnd: Bool) -> [ScriptItem] {
        let scan = StatementScanner.scan(scalars)
        var items: [ScriptItem] = []
        for semicolon in scan.semicolons where semicolon >= emittedUpTo {
            if let item = item(from: emittedUpTo, to: semicolon) { items.append(item) }
            emittedUpTo = semicolon + 1
        }
        let tail = scalars[emittedUpTo...]
        if StatementScanner.isBlank(tail) {
            clear()
        } else if mayEnd && !scan.isOpen {
            if let item = item(from: emittedUpTo, to: scalars.count) { items.append(item) }
            clear()
        }
        return items
    }

    /// Hands out whatever is left, open or not (the end of a script).
    mutating func takeRest() -> ScriptItem? {
        defer { clear() }
        return item(from: emittedUpTo, to: scalars.count)
    }

    /// True when the unfinished text is still open (a bracket, string, or trailing operator).
    var isOpen: Bool { StatementScanner.scan(scalars).isOpen }

    /// The statement in `lo..<hi`, starting at its first significant character, padded so
    /// that its columns match the script's.
    private func item(from lo: Int, to hi: Int) -> ScriptItem? {
        var start = lo
        while start < hi {
            let rest = scalars[start..<hi]
            guard let first = rest.first else { break }
            if first == " " || first == "\t" || first == "\n" || first == "\r" || first == "\u{FEFF}" {
                start += 1
            } else if first == "#" || (first == "-" && start + 1 < hi && scalars[start + 1] == "-") {
                while start < hi, scalars[start] != "\n" { start += 1 }
            } else {
                break
            }
        }
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
