import TrygEngine

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
        var stream = Stream()
        var items: [ScriptItem] = []
        for line in lines { items += stream.feed(line) }
        return items + stream.finish()
    }

    /// The same cutting, line by line as lines arrive (a piped script runs while it is written).
    ///
    /// A line is cut once the next one is known (it may continue the statement), so a statement
    /// runs when the line after it arrives, or at the end of the input.
    public struct Stream: Sendable {
        private var pending = PendingStatement()
        private var held: (line: String, number: Int)?
        private var count = 0
        /// `-- sheet: NAME` comments by line, for the statement on the line below.
        private var sheetComments: [Int: String] = [:]

        public init() {}

        /// Scalars of the statement still being collected (for a bound on its size).
        public var pendingLength: Int { pending.scalars.count + (held?.line.unicodeScalars.count ?? 0) }

        /// The line number where the statement being collected starts.
        public var pendingLine: Int { pending.isEmpty ? (held?.number ?? count) : pending.firstLine }

        /// Adds the next line; returns what the line before it completed.
        public mutating func feed(_ line: String) -> [ScriptItem] {
            count += 1
            defer { held = (line, count) }
            guard let (previous, number) = held else { return [] }
            return take(previous, number: number, next: line)
        }

        /// The input ended: the last line, and an unfinished statement for the parser to explain.
        public mutating func finish() -> [ScriptItem] {
            var items: [ScriptItem] = []
            if let (last, number) = held { items = take(last, number: number, next: nil) }
            held = nil
            if !pending.isEmpty {
                // The script ended inside an open statement: hand it over so the parser can say what is missing.
                items += named(pending.takeStatements(mayEnd: true))
                if let rest = pending.takeRest() { items += named([rest]) }
            }
            return items
        }

        /// Statements with the sheet name a comment on the line above gave them.
        private func named(_ items: [ScriptItem]) -> [ScriptItem] {
            guard !sheetComments.isEmpty else { return items }
            return items.map { item in
                var item = item
                if item.kind == .statement { item.sheet = sheetComments[item.line - 1] }
                return item
            }
        }

        private mutating func take(_ line: String, number: Int, next: String?) -> [ScriptItem] {
            named(cut(line, number: number, next: next))
        }

        private mutating func cut(_ line: String, number: Int, next: String?) -> [ScriptItem] {
            if pending.isEmpty {
                if number == 1 && line.hasPrefix("#!") { return [] }
                if PendingStatement.isBlank(line) {
                    if let name = ScriptSplitter.sheetComment(line) { sheetComments[number] = name }
                    return []
                }
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.hasPrefix(".") {
                    return [ScriptItem(.dotCommand, ScriptSplitter.trimmedEnd(String(trimmed)), line: number)]
                }
                pending.start(line: line, at: number)
            } else {
                pending.append(line: line)
            }
            let startsStatement = next.map { !ScriptSplitter.continues($0) && !PendingStatement.isBlank($0) } ?? false
            return pending.takeStatements(mayEnd: !ScriptSplitter.continues(next), endOpen: startsStatement)
        }
    }

    /// The name in a comment line `-- sheet: NAME` (or `# sheet: NAME`), nil for any other line.
    static func sheetComment(_ line: String) -> String? {
        var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("--") { rest = rest.dropFirst(2) } else if rest.hasPrefix("#") { rest = rest.dropFirst() } else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.lowercased().hasPrefix("sheet:") else { return nil }
        let name = trimmedEnd(String(rest.dropFirst(6).drop { $0 == " " || $0 == "\t" }))
        return name.isEmpty ? nil : name
    }

    /// True when a next line carries on the statement: it begins with `|` or white space and is not blank.
    static func continues(_ next: String?) -> Bool {
        guard let next, let first = next.unicodeScalars.first else { return false }
        // A line of nothing but white space is a blank line, which ends the statement.
        if next.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return false }
        return first == "|" || first == " " || first == "\t"
    }

    fileprivate static func trimmedEnd(_ s: String) -> String {
        String(s.trimmingEnd { $0 == " " || $0 == "\t" || $0 == "\r" })
    }
}
