import Testing
import TrygEngine
@testable import TrygShell

/// The colours of the typed line: a pure function of the text and the catalog.
@Suite struct HighlightTests {
    let highlighter = SyntaxHighlighter(catalog: TestTables.catalog())

    /// Each styled run as (its text, its style), in order.
    func styled(_ line: String, after pending: String = "") -> [(String, HighlightStyle)] {
        let scalars = Array(line.precomposedForTrygNFC.unicodeScalars)
        return highlighter.spans(line: line, after: pending).map { span in
            (String(String.UnicodeScalarView(scalars[span.start..<span.end])), span.style)
        }
    }

    func style(of word: String, in line: String, after pending: String = "") -> HighlightStyle? {
        styled(line, after: pending).first { $0.0 == word }?.1
    }

    @Test func keywordsStringsNumbersAndColumns() {
        let runs = styled("incidents where library = \"Blågården\" and severity >= 4 group by halfyear")
        #expect(runs.map(\.0) == ["incidents", "where", "library", "\"Blågården\"", "and", "severity", "4",
                                  "group", "by", "halfyear"])
        #expect(runs.map(\.1) == [.table, .keyword, .column, .string, .keyword, .column, .constant,
                                  .keyword, .keyword, .column])
    }

    @Test func numbersOfEveryKindAndLiteralWords() {
        let runs = styled("incidents where severity in (1, 2.5, 1e3) and reported_at > 2025-01-01T08:30 or null")
        #expect(runs.filter { $0.1 == .constant }.map(\.0) == ["1", "2.5", "1e3", "2025-01-01T08:30", "null"])
    }

    /// A name is a column only where the statement's sources have it: `district` is a column of
    /// libraries, not of the test's incidents; after the join it is.
    @Test func columnsComeFromTheScope() {
        #expect(style(of: "mean", in: "incidents where mean > 2") == nil)
        #expect(style(of: "mean", in: "libraries where mean > 2") == .column)
        #expect(style(of: "mean", in: "incidents join libraries on library where mean > 2") == .column)
        #expect(style(of: "Severity", in: "incidents where Severity > 2") == .column)
        #expect(style(of: "`Dato for hændelse`", in: "incidents select `Dato for hændelse`") == .column)
        #expect(style(of: "`nope`", in: "incidents select `nope`") == nil)
        // A name made with `as` is a column of the stages after it.
        #expect(style(of: "n", in: "incidents group by library compute count as n order by n")  == .column)
    }

    @Test func qualifiedColumnsAndFunctions() {
        let runs = styled("incidents join libraries on library group by libraries.mean compute avg(severity), count")
        #expect(runs.contains { $0 == ("libraries", .table) })
        #expect(runs.contains { $0 == ("mean", .column) })
        #expect(runs.contains { $0 == ("avg", .function) })
        #expect(runs.contains { $0 == ("count", .function) })
        #expect(style(of: "count", in: "incidents count") == .keyword)
        #expect(style(of: "year", in: "incidents derive y = year(reported_at)") == .function)
    }

    @Test func errorsAreMarked() {
        #expect(styled("incidents where library = \"Blå").last! == ("\"Blå", .error))
        #expect(style(of: "§", in: "incidents where severity § 2") == .error)
        #expect(style(of: ")", in: "incidents where severity > 2)") == .error)
        #expect(style(of: ")", in: "incidents where (severity > 2)") == nil)
        #expect(style(of: "`open", in: "incidents select `open") == .error)
    }

    @Test func commentsAndDotCommands() {
        #expect(styled("incidents count # how many").last! == ("# how many", .comment))
        #expect(styled("incidents count -- how many").last! == ("-- how many", .comment))
        #expect(styled(".import \"my data.csv\" as mine").map(\.1) == [.keyword, .string])
        #expect(styled(".nosuchcommand x").isEmpty)
    }

    /// A continuation line is read after the statement's earlier lines: a string opened there is
    /// closed here, and the source named there makes the columns here.
    @Test func continuationLinesKnowTheirStatement() {
        #expect(styled("rden\" count", after: "incidents where library = \"Blågå").first! == ("rden\"", .string))
        #expect(style(of: "severity", in: "| where severity > 2", after: "incidents") == .column)
        #expect(style(of: "severity", in: "| where severity > 2", after: "libraries") == nil)
    }

    /// Offsets count scalars of the line alone, Danish letters and wide characters included,
    /// and the runs are in order and never overlap, whatever the text.
    @Test(arguments: ["incidents where library = \"Østerbro\" and category = 'æøå' count",
                      "incidents where \"漢字\" = library # 漢字 æ",
                      "libraries select note, count; incidents where (severity) > \"x",
                      "))) \"\" `` $x ; ; 1..2 --",
                      "incidents where library = \"a\\\"b\" and ''''"])
    func runsStayInsideTheLine(line: String) {
        let scalars = line.precomposedForTrygNFC.unicodeScalars.count
        var end = 0
        for span in highlighter.spans(line: line, after: "incidents |") {
            #expect(span.start >= end && span.start < span.end && span.end <= scalars, "\(span) in \(line)")
            end = span.end
        }
    }

    @Test func everyPrefixOfALineHighlightsWithoutAFault() {
        let line = "let x = incidents join libraries on library = `library` where note contains \"ø\" -- æ\n| count"
        for n in 0...line.count {
            let prefix = String(line.prefix(n))
            let spans = highlighter.spans(line: prefix)
            #expect(spans.allSatisfy { $0.end <= prefix.unicodeScalars.count })
        }
    }
}

/// Where the painted line and the cursor land on the screen.
@Suite struct LineRepaintTests {
    @Test func positionsWrapAtTheWidth() {
        let r = LineRepaint(columns: 10)
        let start = LineRepaint.Position(row: 0, column: 0)
        #expect(r.advance(start, over: "tryg> ") == .init(row: 0, column: 6))
        #expect(r.advance(start, over: "tryg> æøåx") == .init(row: 0, column: 10))
        #expect(r.advance(start, over: "tryg> æøåxy") == .init(row: 1, column: 1))
        // A wide character that does not fit at the end of a row starts the next.
        #expect(r.advance(start, over: "tryg> abc漢") == .init(row: 1, column: 2))
        #expect(r.advance(start, over: "ab\ncd") == .init(row: 1, column: 2))
        #expect(r.rows(prompt: "tryg> ", line: "æøåx") == 2)
        #expect(r.rows(prompt: "tryg> ", line: "æøå") == 1)
    }

    /// From the cursor back to the line's start, the painted text, and back to the cursor.
    @Test func paintReturnsTheCursor() {
        let r = LineRepaint(columns: 10)
        let spans = [HighlightSpan(0, 5, .keyword)]
        // "tryg> " + "where æøå ab": the cursor after "where " sits on row 1, column 2.
        let out = r.paint(prompt: "tryg> ", line: "where æøå ab", cursor: 6, spans: spans)
        #expect(out == "\u{1B}[1A\r\u{1B}[6C\u{1B}[1;32mwhere\u{1B}[0m æøå ab" + "\r\u{1B}[2C")
        // The cursor at the end of a full row goes to the start of the next one.
        let full = r.paint(prompt: "tryg> ", line: "abcd", cursor: 4, spans: [])
        #expect(full == "\u{1B}[1A\r\u{1B}[6Cabcd\u{1B}[1B\r")
        let one = r.paint(prompt: "tryg> ", line: "ab", cursor: 0, spans: [HighlightSpan(1, 2, .error)])
        #expect(one == "\r\u{1B}[6Ca\u{1B}[4;31mb\u{1B}[0m\r\u{1B}[6C")
        // A prompt as wide as the screen leaves nothing to paint.
        #expect(LineRepaint(columns: 6).paint(prompt: "tryg> ", line: "ab", cursor: 0, spans: spans) == "")
    }

    /// On random lines, widths and cursors, a small terminal model (wrapping as xterm does:
    /// a pending wrap at a full row, a wide character that does not fit moved to the next row)
    /// shows the same characters in the same cells after the paint, each in its span's style,
    /// and the cursor where it was.
    @Test func paintLandsOnReadlinesCellsOnRandomLines() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "æ", "ø", "å", "漢", " ", "\"", "é", "\n"]
        for _ in 0..<400 {
            let columns = Int.random(in: 9...30, using: &generator)
            let prompt = ["tryg> ", "  \"..> ", "p"].randomElement(using: &generator) ?? "tryg> "
            let line = String((0..<Int.random(in: 0...70, using: &generator))
                .map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let cursor = Int.random(in: 0...line.count, using: &generator)
            let scalars = line.unicodeScalars.count
            let cut = Int.random(in: 0...scalars, using: &generator)
            let spans = cut < scalars ? [HighlightSpan(0, cut, .keyword), HighlightSpan(cut, scalars, .error)] : []
            // As readline leaves it: prompt and line drawn plainly, the cursor where the next character goes.
            var screen = MiniTerminal(columns: columns)
            screen.write(prompt + line.prefix(cursor))
            let (row, column) = screen.settledCursor
            screen.write(String(line.dropFirst(cursor)))
            let plain = screen.cells
            screen.moveTo(row: row, column: column)
            screen.phase = 1
            screen.write(LineRepaint(columns: columns).paint(prompt: prompt, line: line, cursor: cursor, spans: spans))
            let context = "\(line.debugDescription) at \(cursor), \(columns) columns"
            #expect(screen.cells.map { $0.map(\.text) } == plain.map { $0.map(\.text) }, "\(context)")
            #expect(screen.row == row && screen.column == column && !screen.pendingWrap, "\(context)")
            // Every character of the line painted once, in its span's style.
            let painted = screen.cells.joined().compactMap { cell in cell.phase == 1 ? cell.index.map { (cell, $0) } : nil }
            #expect(painted.map(\.1) == line.unicodeScalars.indices.compactMap { i in
                line.unicodeScalars[i] == "\n" ? nil : line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: i)
            }, "\(context)")
            for (cell, offset) in painted {
                let want = spans.first { $0.start <= offset && offset < $0.end }?.style.sgr ?? ""
                #expect(cell.style == want, "\(context): \(cell)")
            }
        }
    }
}

/// Just enough of a terminal to check where text and the cursor land: cells, a pending wrap at
/// the end of a full row, wide characters, CR, LF, cursor moves and SGR.
struct MiniTerminal {
    struct Cell: Equatable, CustomStringConvertible {
        var text = " "
        var style = ""
        /// The scalar offset of the character in everything written, for characters.
        var index: Int?
        var phase = 0
        var description: String { "\(text)[\(style)]@\(index ?? -1)" }
    }
    let columns: Int
    var cells: [[Cell]] = []
    var row = 0, column = 0, pendingWrap = false
    var style = ""
    /// Marks the cells written from now on (0: readline's plain drawing, 1: the paint).
    var phase = 0
    /// Scalars of text written since the last cursor move, for `Cell.index` (a CR LF counts as
    /// the one line break it stands for).
    private var written = 0

    init(columns: Int) { self.columns = columns }

    /// Where the next (narrow) character goes.
    var settledCursor: (Int, Int) { pendingWrap ? (row + 1, 0) : (row, column) }

    mutating func moveTo(row: Int, column: Int) {
        self.row = row
        self.column = column
        pendingWrap = false
        written = 0
    }

    private mutating func ensureRow() {
        while cells.count <= row { cells.append(Array(repeating: Cell(), count: columns)) }
    }

    mutating func write(_ text: String) {
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            switch c {
            case "\r": column = 0; pendingWrap = false
            case "\n", "\r\n":
                // Readline shows a line break in the line as the start of a new row.
                column = 0
                row += 1
                pendingWrap = false
                written += 1
            case "\u{1B}":
                guard characters.popFirst() == "[" else { continue }
                var parameters = ""
                while let d = characters.popFirst() {
                    if d.isLetter {
                        let n = Int(parameters) ?? 1
                        switch d {
                        case "A": row -= n; pendingWrap = false
                        case "B": row += n; pendingWrap = false
                        case "C": column = min(columns - 1, column + n); pendingWrap = false
                        case "m": style = parameters == "0" ? "" : parameters
                        default: break
                        }
                        break
                    }
                    parameters.append(d)
                }
            default:
                let w = DisplayWidth.of(c)
                if pendingWrap { row += 1; column = 0; pendingWrap = false }
                if column + w > columns { row += 1; column = 0 }
                ensureRow()
                cells[row][column] = Cell(text: String(c), style: style, index: written, phase: phase)
                if w == 2 { cells[row][column + 1] = Cell(text: "", style: style, index: nil, phase: phase) }
                written += c.unicodeScalars.count
                column += w
                if column >= columns { column = columns - 1; pendingWrap = true }
            }
        }
    }
}
