import TrygEngine

/// Text wrapped to a width at word boundaries, for help and notes on a terminal.
///
/// A line too wide is broken at spaces; its continuation lines are indented to the line's
/// hanging column: after the first run of two spaces near its start (where a table's second
/// column begins, `  .mode [MODE]  how results are shown`), else its own indent.
/// A word wider than the whole line is left whole (broken by the terminal), never cut. A
/// command in back quotes (`` `.import FILE as NAME` ``) and a short group in brackets
/// (`(less -SRFX)`) stay on one line when they fit on one. Colour codes (`ESC [ … m`) take no room.
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
        for piece in units(pieces(line), room: width - hang) {
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

    /// The most words and columns of a bracketed group kept on one line: a command and its
    /// options, a short aside; a longer one is prose and breaks like any.
    static let groupWords = 3
    static let groupColumns = 20

    /// The pieces with each span that must not be broken joined into one: back-quoted text
    /// that fits in `room` columns, a short bracketed group.
    static func units(_ pieces: [String], room: Int) -> [String] {
        var out: [String] = []
        var i = 0
        while i < pieces.count {
            let piece = pieces[i]
            if let end = spanEnd(pieces, from: i, room: room) {
                out.append(pieces[i...end].joined())
                i = end + 1
            } else {
                out.append(piece)
                i += 1
            }
        }
        return out
    }

    /// Where the unbreakable span starting at `start` ends, if one starts there.
    private static func spanEnd(_ pieces: [String], from start: Int, room: Int) -> Int? {
        let first = withoutColor(pieces[start])
        let quoted = first.hasPrefix("`") && first.filter { $0 == "`" }.count % 2 == 1
        let bracketed = first.hasPrefix("(") && !first.contains(")")
        guard quoted || bracketed else { return nil }
        var width = visibleWidth(pieces[start])
        var words = 1
        var j = start + 1
        while j < pieces.count {
            width += visibleWidth(pieces[j])
            let piece = withoutColor(pieces[j])
            if piece.first != " " {
                words += 1
                if quoted ? piece.contains("`") : piece.contains(")") { break }
                if bracketed && piece.contains("(") { return nil }
            }
            j += 1
        }
        guard j < pieces.count else { return nil }
        if quoted { return width <= room ? j : nil }
        return words <= groupWords && width <= min(groupColumns, room) ? j : nil
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
