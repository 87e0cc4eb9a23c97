import Foundation
import Testing
@testable import TrygEngine
@testable import TrygShell

/// Notes, load reports and diagnostics on a narrow terminal: wrapped at word boundaries, the
/// caret under the fault; a pipe gets the lines as they were.
@Suite struct MessageWrapTests {
    func shell(width: Int?) -> (ShellRunner, CapturedOutput) {
        var settings = ShellSettings()
        settings.interactive = true
        let err = CapturedOutput(isTerminal: width != nil)
        let runner = ShellRunner(session: Session(catalog: TestTables.catalog()), settings: settings,
                                 output: CapturedOutput(isTerminal: width != nil), errors: err)
        runner.messageWidth = { width }
        return (runner, err)
    }

    static func words(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }

    /// Every line fits, or is one word; the words are those of the unwrapped text, in order.
    static func expectWrapped(_ text: String, like plain: String, width: Int, _ what: String) {
        for line in text.split(separator: "\n") {
            let oneWord = !line.trimmingCharacters(in: .whitespaces).contains(" ")
            #expect(DisplayWidth.of(String(line)) < width || oneWord, "\(what) at \(width): \(line)")
        }
        #expect(words(text) == words(plain), "\(what) at \(width)")
    }

    @Test(arguments: [30, 44, 60, 80, 140])
    func importReportAndNamingNoteWrapOnATerminal(width: Int) throws {
        let folder = try TemporaryFolder()
        let header = ["id", "reported_at", "library", "category", "severity", "police_called", "during_self_service", "description"]
        let path = try folder.write("mine data-2025.csv", header.joined(separator: ",") + "\n"
                                    + "1,2025-01-02 10:00,Blågården,Vold,4,true,false,En lang beskrivelse\n")
        let command = ".import \"\(path)\""
        let (runner, err) = shell(width: width)
        #expect(runner.runScript(command, name: "t"))
        let (piped, pipedErr) = shell(width: nil)
        #expect(piped.runScript(command, name: "t"))
        // The pipe's lines are whole: the columns line and the naming note each on one line.
        let lines = pipedErr.text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  columns    id int") && $0.hasSuffix("description text") }, "\(pipedErr.text)")
        #expect(lines.contains { $0.contains("named mine_data_2025") && $0.hasSuffix("picks another)") }, "\(pipedErr.text)")
        Self.expectWrapped(err.text, like: pipedErr.text, width: width, ".import")
        if width <= 80 { #expect(err.text != pipedErr.text) }
    }

    @Test(arguments: [30, 60, 140])
    func valueWarningsAndNotesWrapOnATerminal(width: Int) throws {
        let statement = "incidents where category = \"Hærværk og andre ting\" count"
        let (runner, err) = shell(width: width)
        runner.runScript(statement, name: nil)
        let (piped, pipedErr) = shell(width: nil)
        piped.runScript(statement, name: nil)
        #expect(pipedErr.text.contains("warning: "), "\(pipedErr.text)")
        #expect(pipedErr.text.contains("\n  = note: "), "\(pipedErr.text)")
        // The message and its notes, without the quoted line (cut to fit) and the caret under it.
        func prose(_ text: String) -> String {
            let lines = text.split(separator: "\n").map(String.init)
            let head = lines.prefix { !$0.contains("-->") }
            let notes = lines.drop { !$0.hasPrefix("  = ") }
            return (head + notes).joined(separator: "\n")
        }
        Self.expectWrapped(prose(err.text), like: prose(pipedErr.text), width: width, "warning")
        for line in err.text.split(separator: "\n") where !line.contains("^") {
            #expect(DisplayWidth.of(String(line)) < width, "at \(width): \(line)")
        }
    }

    /// Random long statements with a misspelt column at a random place, at random widths: the
    /// quoted line fits beside its gutter and the caret's first `^` is under the misspelt name.
    @Test func theCaretStaysUnderTheFaultOnANarrowTerminal() throws {
        var generator = WorkbookRandom(seed: 14)
        let fillers = ["severity >= 4", "library = \"Blågården\"", "category != \"Vold\"", "id > 1", "severity < 5"]
        for _ in 0..<200 {
            let width = Int.random(in: 24...140, using: &generator)
            var conditions = (0..<Int.random(in: 0...8, using: &generator)).map { _ in fillers.randomElement(using: &generator) ?? "" }
            conditions.insert("severty > 2", at: Int.random(in: 0...conditions.count, using: &generator))
            let statement = "incidents where " + conditions.joined(separator: " and ") + " count"
            let (runner, err) = shell(width: width)
            runner.runScript(statement, name: nil)
            let lines = err.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let quoted = try #require(lines.firstIndex { $0.hasPrefix("1 | ") }, "\(err.text)")
            let caretLine = lines[quoted + 1]
            #expect(DisplayWidth.of(lines[quoted]) < width, "at \(width): \(lines[quoted])")
            let caret = try #require(caretLine.firstIndex(of: "^"), "\(err.text)")
            let column = caretLine.distance(from: caretLine.startIndex, to: caret)
            let shown = Array(lines[quoted])
            #expect(column + 7 <= shown.count && String(shown[column..<column + 7]) == "severty",
                    "at \(width):\n\(err.text)")
            // A pipe gets the whole line (up to the renderer's own limit).
            let (piped, pipedErr) = shell(width: nil)
            piped.runScript(statement, name: nil)
            if statement.count <= DiagnosticRenderer.lineWindow {
                #expect(pipedErr.text.contains("1 | " + statement + "\n"), "\(pipedErr.text)")
            }
        }
    }

    /// `.help` at any width keeps `(less -SRFX)` on one line (the pager's command and its options).
    @Test(arguments: [30, 44, 60, 80, 140])
    func helpKeepsTheLessCommandTogether(width: Int) throws {
        for topic in [".help", ".help pager"] {
            let out = CapturedOutput(isTerminal: true)
            let runner = ShellRunner(session: Session(catalog: TestTables.catalog()), output: out, errors: CapturedOutput())
            runner.screenWidth = { width }
            runner.runScript(topic, name: "t")
            let lines = out.text.split(separator: "\n")
            #expect(lines.contains { $0.contains("less -SRFX") }, "\(topic) at \(width):\n\(out.text)")
            #expect(!lines.contains { $0.hasSuffix("less") || $0.hasPrefix("-SRFX") || $0.contains(" -SRFX") && !$0.contains("less -SRFX") },
                    "\(topic) at \(width):\n\(out.text)")
        }
    }

    /// Random lines with back-quoted commands and short bracketed groups: each such span that
    /// fits on a line is on one line; the words are those of the line, in order.
    @Test func spansThatFitAreNeverBroken() {
        var generator = WorkbookRandom(seed: 21)
        let words = ["the", "table", "Blågården", "is", "named", "mine_data_2025", "a", "note:"]
        let spans = ["`.import FILE as NAME`", "(less -SRFX)", "(no decimals seen)", "`x y`", "(a b)"]
        for _ in 0..<300 {
            var parts: [String] = []
            for _ in 0..<Int.random(in: 1...25, using: &generator) {
                parts.append(Int.random(in: 0..<4, using: &generator) == 0 ? spans.randomElement(using: &generator) ?? ""
                             : words.randomElement(using: &generator) ?? "")
            }
            let line = "  " + parts.joined(separator: " ")
            let width = Int.random(in: 20...70, using: &generator)
            let wrapped = TextWrap.wrap(line, width: width)
            #expect(Self.words(wrapped) == Self.words(line), "\(width): \(line)")
            let rows = wrapped.split(separator: "\n")
            for span in spans where line.contains(span) && DisplayWidth.of(span) <= width - 4 {
                let pieces = span.split(separator: " ")
                // Every row holding the span's first word holds the whole span.
                for row in rows where row.hasSuffix(" " + pieces[0]) {
                    #expect(Bool(false), "\(span) broken at \(width):\n\(wrapped)")
                }
            }
        }
    }

    /// Colour codes take no room: wrapping coloured text breaks where the plain text breaks.
    @Test func colourCodesTakeNoRoom() {
        var generator = WorkbookRandom(seed: 7)
        let words = ["error", "Blågården", "a", "incidents", "note:", "severity", "x"]
        for _ in 0..<200 {
            let chosen = (0..<Int.random(in: 1...30, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }
            let coloured = chosen.map { Bool.random(using: &generator) ? "\u{1B}[1;31m\($0)\u{1B}[0m" : $0 }
            let width = Int.random(in: 20...70, using: &generator)
            let wrapped = TextWrap.wrap(coloured.joined(separator: " "), width: width)
            #expect(TextWrap.withoutColor(wrapped) == TextWrap.wrap(chosen.joined(separator: " "), width: width))
        }
    }
}
