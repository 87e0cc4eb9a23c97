import TrygEngine

/// The escape sequence that paints a typed line in colour over readline's plain drawing of it.
///
/// Readline draws the prompt and the line and leaves the cursor at the point; this moves back
/// to where the line starts, writes the same characters with colour (so they take the same
/// cells and wrap at the same places), and returns the cursor to the point. Positions are
/// counted in terminal cells (`DisplayWidth`): æ, ø and å take one, wide characters two, and a
/// wide character that does not fit at the end of a row goes to the next, as terminals and
/// readline place it.
public struct LineRepaint: Sendable {
    /// The terminal's width in columns.
    public let columns: Int

    public init(columns: Int) { self.columns = max(1, columns) }

    /// A place on the screen, in rows below the prompt's first row and cells from the left;
    /// `column == columns` means the row is full and the next character starts a new row.
    public struct Position: Equatable, Sendable {
        public var row: Int
        public var column: Int
    }

    /// Where the cursor is after `text` is written from `start`.
    public func advance(_ start: Position, over text: some Sequence<Character>) -> Position {
        var p = start
        for c in text {
            if c == "\n" {
                p = Position(row: p.row + 1, column: 0)
                continue
            }
            let w = DisplayWidth.of(c)
            if p.column + w > columns { p = Position(row: p.row + 1, column: 0) }
            p.column += w
        }
        return p
    }

    /// Where the next character would go: a full row's end is the start of the next row.
    func settled(_ p: Position) -> Position {
        p.column >= columns ? Position(row: p.row + 1, column: 0) : p
    }

    /// How many rows the prompt and line take.
    public func rows(prompt: String, line: String) -> Int {
        settled(advance(advance(Position(row: 0, column: 0), over: prompt), over: line)).row + 1
    }

    /// The bytes to write with the cursor at `cursor` characters into `line`: the line painted
    /// with `spans` (scalar offsets, as `SyntaxHighlighter` gives them), the cursor put back.
    ///
    /// Nothing ("") when the prompt does not leave room on its row: where a line that then
    /// starts with a line break lands is the terminal's guess, not something to paint over.
    public func paint(prompt: String, line: String, cursor: Int, spans: [HighlightSpan]) -> String {
        let characters = Array(line)
        let origin = advance(Position(row: 0, column: 0), over: prompt)
        guard origin.row == 0, origin.column < columns else { return "" }
        let lineStart = origin
        let at = settled(advance(origin, over: characters.prefix(max(0, min(cursor, characters.count)))))
        var out = ""
        out += at.row > lineStart.row ? "\u{1B}[\(at.row - lineStart.row)A" : ""
        out += "\r" + (lineStart.column > 0 ? "\u{1B}[\(lineStart.column)C" : "")
        out += LineRepaint.painted(characters, spans: spans)
        // After the last character the cursor may sit at the end of a full row (the terminal's
        // pending wrap): moving up or down and to a column from there is exact.
        let end = advance(origin, over: characters)
        if end.row > at.row { out += "\u{1B}[\(end.row - at.row)A" }
        if end.row < at.row { out += "\u{1B}[\(at.row - end.row)B" }
        out += "\r" + (at.column > 0 ? "\u{1B}[\(at.column)C" : "")
        return out
    }

    /// The characters with SGR codes around each span; a line break is written as CR LF.
    static func painted(_ characters: [Character], spans: [HighlightSpan]) -> String {
        var out = ""
        var scalar = 0
        var spanIndex = 0
        var open: HighlightStyle?
        for c in characters {
            while spanIndex < spans.count, spans[spanIndex].end <= scalar { spanIndex += 1 }
            let style = spanIndex < spans.count && spans[spanIndex].start <= scalar ? spans[spanIndex].style : nil
            if style != open {
                if open != nil { out += "\u{1B}[0m" }
                if let style { out += "\u{1B}[\(style.sgr)m" }
                open = style
            }
            out += c == "\n" ? "\r\n" : String(c)
            scalar += c.unicodeScalars.count
        }
        if open != nil { out += "\u{1B}[0m" }
        return out
    }
}
