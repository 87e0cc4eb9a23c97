import Testing
@testable import TrygShell

@Suite struct InputBufferTests {
    @Test(arguments: [
        "incidents count",
        "incidents where library = \"Blågården\" group by halfyear",
        "incidents | where severity >= 4",
        "let x = incidents count",
        "incidents count;",
        "incidents limit 10 # a comment | with a bar",
        "incidents where a = 1 -- trailing comment ending in and",
        "",
        "   ",
        "# only a comment",
        ".tables",
        "incidents where t > 2025-01-01T08:30",
        "incidents where x = (1)",
        // Stage words are no continuation: the line is complete, and the parser says what is missing.
        "incidents where",
        "incidents explain",
        "incidents join libraries on",
        "incidents select ends",
        "incidents where a = 1; incidents where b =\n 2",
    ])
    func complete(_ text: String) {
        #expect(InputBuffer.isComplete(text))
    }

    @Test(arguments: [
        "incidents |",
        "incidents where library = \"Blå",
        "incidents where library = 'Blå",
        "incidents select `Dato for",
        "incidents where x in (1, 2",
        "incidents group by library,",
        "incidents where a = 1 and",
        "incidents where a = 1 or",
        "incidents group by",
        "incidents where severity >=",
        "incidents where severity +",
        "incidents where x = 1 and # comment after the operator",
        "incidents where x || ",
        "incidents where name ends with",
        "incidents where x is not",
        "incidents where x in (1, 2) and count(",
        "incidents count; incidents where a =",
    ])
    func incomplete(_ text: String) {
        #expect(!InputBuffer.isComplete(text))
    }

    @Test func collectsLinesUntilComplete() {
        var buffer = InputBuffer()
        #expect(buffer.append("incidents |").isEmpty)
        #expect(!buffer.isEmpty)
        #expect(buffer.append("  where severity >= 4 and").isEmpty)
        let items = buffer.append("  police_called")
        #expect(items == [ScriptItem(.statement, "incidents |\n  where severity >= 4 and\n  police_called", line: 1)])
        #expect(buffer.isEmpty)
    }

    @Test(arguments: [
        ("incidents where library = \"Blå", "  \"..> ", "the string opened with \" on line 1 is not closed"),
        ("incidents select `Dato for", "  `..> ", "the name quoted with ` on line 1 is not closed"),
        ("incidents |\nwhere x in (1,\n2", "  (..> ", "the ( opened on line 2 is not closed"),
        ("incidents |", "  ...> ", "it ends in the middle (line 1)"),
    ])
    func promptAndNoteShowWhatIsOpen(lines: String, prompt: String, note: String) {
        var buffer = InputBuffer()
        #expect(buffer.prompt == "tryg> ")
        #expect(buffer.discardNote == nil)
        for line in lines.split(separator: "\n") { #expect(buffer.append(String(line)).isEmpty) }
        #expect(buffer.prompt == prompt)
        #expect(buffer.discardNote?.contains(note) == true, "\(buffer.discardNote ?? "")")
        buffer.reset()
        #expect(buffer.prompt == "tryg> ")
    }

    @Test func openStringSpansLines() {
        var buffer = InputBuffer()
        #expect(buffer.append("incidents where note = \"two").isEmpty)
        #expect(buffer.append("lines\"").count == 1)
    }

    @Test func semicolonsSplitOneLine() {
        var buffer = InputBuffer()
        let items = buffer.append("incidents count; libraries count;")
        #expect(items.map(\.text) == ["incidents count", "                 libraries count"])
    }

    @Test func semicolonEndsAnOpenLine() {
        var buffer = InputBuffer()
        #expect(buffer.append("incidents where x =").isEmpty)
        #expect(buffer.append("1;").count == 1)
        #expect(buffer.isEmpty)
    }

    @Test func dotCommandStandsAlone() {
        var buffer = InputBuffer()
        #expect(buffer.append("  .schema incidents") == [ScriptItem(.dotCommand, ".schema incidents", line: 1)])
    }

    @Test func dotInsideAStatementIsNotACommand() {
        var buffer = InputBuffer()
        _ = buffer.append("incidents join libraries on library =")
        let items = buffer.append(".x")
        #expect(items.first?.kind != .dotCommand)
    }

    @Test func blankLinesAndCommentsAreSkipped() {
        var buffer = InputBuffer()
        #expect(buffer.append("").isEmpty)
        #expect(buffer.append("# note").isEmpty)
        #expect(buffer.isEmpty)
    }

    @Test func resetDropsThePendingStatement() {
        var buffer = InputBuffer()
        _ = buffer.append("incidents |")
        buffer.reset()
        #expect(buffer.isEmpty)
        #expect(buffer.append("libraries").map(\.text) == ["libraries"])
    }
}
