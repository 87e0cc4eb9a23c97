/// Cuts a whole script into statements and dot-command lines, each with its start line.
///
/// Besides the interactive rules, a complete line still continues when the next line begins
/// with `|` or with white space, and a string or bracket left open ends at a line that begins
/// a new statement (so one mistake cannot swallow the rest of the script). Blank lines and
/// comments between statements are skipped, and a first line starting with `#!` is ignored.
public enum ScriptSplitter {
    public static func split(_ script: String) -> [ScriptItem] {
        // "\r\n" is one Character in Swift, so split on both forms of line end.
        var lines = script.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        var items: [ScriptItem] = []
        var pending = PendingStatement()
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if pending.isEmpty {
                if number == 1 && line.hasPrefix("#!") { continue }
                if PendingStatement.isBlank(line) { continue }
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.hasPrefix(".") {
                    items.append(ScriptItem(.dotCommand, trimmedEnd(String(trimmed)), line: number))
                    continue
                }
                pending.start(line: line, at: number)
            } else {
                pending.append(line: line)
            }
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            let startsStatement = next.map { !continues($0) && !PendingStatement.isBlank($0) } ?? false
            items += pending.takeStatements(mayEnd: !continues(next), endOpen: startsStatement)
        }
        if !pending.isEmpty {
            // The script ended inside an open statement: hand it over so the parser can say what is missing.
            items += pending.takeStatements(mayEnd: true)
            if let rest = pending.takeRest() { items.append(rest) }
        }
        return items
    }

    /// True when a next line carries on the statement: it begins with `|` or white space and is not blank.
    static func continues(_ next: String?) -> Bool {
        guard let next, let first = next.unicodeScalars.first else { return false }
        // A line of nothing but white space is a blank line, which ends the statement.
        if next.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return false }
        return first == "|" || first == " " || first == "\t"
    }

    private static func trimmedEnd(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
