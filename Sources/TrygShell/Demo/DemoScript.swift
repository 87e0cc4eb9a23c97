import TrygEngine

/// A script cut into the steps of a presentation, each statement with its caption.
///
/// A step's caption is the block of comment lines directly above its statement (no blank line
/// between). The script's opening comment block, when a blank line parts it from the first
/// statement, is not a caption: its first line is the presentation's title.
public struct DemoScript: Equatable, Sendable {
    /// One statement (or dot command) of the presentation, with its caption.
    public struct Step: Equatable, Sendable {
        /// The comment lines above the statement, without `#` or `--`.
        public let caption: [String]
        public let item: ScriptItem
    }

    /// The first line of the script's opening comment block, shown above every step.
    public let title: String?
    /// The statements in order.
    public let steps: [Step]

    /// Cuts a script into steps (as `ScriptSplitter` does) and finds the captions and the title.
    public static func parse(_ text: String) -> DemoScript {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        func comment(_ number: Int) -> String? {
            guard number >= 1, number <= lines.count else { return nil }
            let line = lines[number - 1]
            if number == 1 && line.hasPrefix("#!") { return nil }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            for marker in ["#", "--"] where trimmed.hasPrefix(marker) {
                let rest = trimmed.dropFirst(marker.count)
                return String(rest.first == " " ? rest.dropFirst() : rest)
            }
            return nil
        }
        let steps = ScriptSplitter.split(text).map { item -> Step in
            var caption: [String] = []
            var number = item.line - 1
            while let c = comment(number) {
                caption.insert(c, at: 0)
                number -= 1
            }
            return Step(caption: caption, item: item)
        }
        // The opening block: comment lines from the top (after a #! line) followed by a blank line.
        var first = lines.first?.hasPrefix("#!") == true ? 2 : 1
        while first <= lines.count, lines[first - 1].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { first += 1 }
        var end = first
        while comment(end) != nil { end += 1 }
        let opensWithBlock = end > first && (steps.first.map { $0.item.line > end } ?? true)
        let title = opensWithBlock ? comment(first).map { $0.trimmingCharacters(in: " ") } : nil
        return DemoScript(title: title, steps: steps)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        s = s.trimmingEnd { $0 == set }
        return String(s)
    }
}
