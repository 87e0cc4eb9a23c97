/// Text wrapped to a width at word boundaries, for help and notes on a terminal.
///
/// A line too wide is broken at spaces; its continuation lines are indented to the line's
/// hanging column: after the first run of two spaces near its start (where a table's second
/// column begins, `  .mode [MODE]  how results are shown`), else its own indent.
/// A word wider than the whole line is left whole (broken by the terminal), never cut.
/// Colour codes (`ESC [ … m`) take no room.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += wrapLine(String(line), width: width)
        }
        return out.joined(separator: "\n")
    }

    static func wrapLine(_ line: String, width: Int) -> [String] {
        guard visibleWidth(line) > width else { return [line] }
        let hang = hangingColumn(line, width: width)
        let pad = String(repeating: " ", count: hang)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        // Pieces: runs of spaces and words, so a line's own spacing is kept where it is not broken.
        for piece in pieces(line) {
            let w = visibleWidth(piece)
            if piece.first == " " {
                current += piece
                currentWidth += w
                continue
            }
            let trimmed = current.trimmingTrailingSpaces
            let base = lines.isEmpty ? 0 : hang
            if currentWidth + w > width && visibleWidth(trimmed) > base {
                lines.append(trimmed)
                current = pad + piece
                currentWidth = hang + w
            } else {
                current += piece
                currentWidth += w
            }
        }
        lines.append(current.trimmingTrailingSpaces)
        return lines
    }

    /// Where continuation lines start: after the first run of two spaces past the line's
    /// first word (within the left half), else under the line's own indent (plus two when it
    /// is indented less than four).
    static func hangingColumn(_ line: String, width: Int) -> Int {
        let chars = Array(withoutColor(line))
        let indent = chars.prefix { $0 == " " }.count
        var i = indent
        while i + 1 < chars.count, i < width / 2 {
            if chars[i] == " " && chars[i + 1] == " " {
                var j = i
                while j < chars.count, chars[j] == " " { j += 1 }
                if j <= width / 2 { return j }
                break
            }
            i += 1
        }
        return min(indent >= 4 ? indent : indent + 2, width / 2)
    }

    /// The columns text takes on a terminal, its colour codes left out.
    static func visibleWidth(_ text: String) -> Int {
        DisplayWidth.of(withoutColor(text))
    }

    /// The text without its `ESC [ … m` sequences.
    static func withoutColor(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = ""
        var inEscape = false
        for c in text {
            if inEscape {
                if c.isLetter { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    private static func pieces(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        for c in line {
            if let last = current.last, (last == " ") != (c == " ") {
                out.append(current)
                current = ""
            }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
