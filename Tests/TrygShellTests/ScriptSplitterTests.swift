import Testing
@testable import TrygShell

@Suite struct ScriptSplitterTests {
    @Test func statementsWithTheirLines() {
        let script = """
            #!/usr/bin/env tryg
            # Figure F4: incidents at Vesterbro

            .mode csv
            incidents
              where library = "Vesterbro"
              | group by halfyear

            let v = incidents where library = "Vesterbro"
            v count; libraries count
            """
        let items = ScriptSplitter.split(script)
        #expect(items.map(\.line) == [4, 5, 9, 10, 10])
        #expect(items.map(\.kind) == [.dotCommand, .statement, .statement, .statement, .statement])
        #expect(items[1].text == "incidents\n  where library = \"Vesterbro\"\n  | group by halfyear")
        // A statement after `;` keeps its column by padding.
        #expect(items[4].text == "         libraries count")
    }

    @Test func barAtLineStartContinues() {
        let items = ScriptSplitter.split("incidents\n| count\nlibraries\n")
        #expect(items.map(\.text) == ["incidents\n| count", "libraries"])
        #expect(items.map(\.line) == [1, 3])
    }

    @Test func blankLineEndsAStatement() {
        let items = ScriptSplitter.split("incidents\n\n  libraries\n")
        #expect(items.map(\.line) == [1, 3])
    }

    @Test func openStatementAtTheEndIsHandedOver() {
        let items = ScriptSplitter.split("incidents count\nincidents where x = \"open")
        #expect(items.count == 2)
        #expect(items[1].line == 2)
    }

    @Test func openBracketJoinsLines() {
        let items = ScriptSplitter.split("incidents where library in (\n  \"Vesterbro\",\n  \"Blågården\")\nlibraries")
        #expect(items.map(\.line) == [1, 4])
    }

    /// A string or bracket left open cannot swallow the statements after it: a line that
    /// begins a new statement (no leading white space, no `|`) ends it.
    @Test(arguments: ["incidents where library = \"Vesterbro", "incidents where library in (\"Vesterbro\"",
                      "incidents select `Dato", "incidents where (severity > 3"])
    func openStringOrBracketStopsAtTheNextStatement(_ broken: String) {
        let items = ScriptSplitter.split("\(broken)\nlibraries count\n  | limit 1\nsurvey count")
        #expect(items.map(\.line) == [1, 2, 4])
        #expect(items[0].text == broken)
        #expect(items[1].text == "libraries count\n  | limit 1")
    }

    /// A list in brackets whose line ends in `,` or `(` goes on on an unindented line.
    @Test func aCommaInAnOpenBracketJoinsAnUnindentedLine() {
        let items = ScriptSplitter.split("libraries where name in (\"Valby\",\n\"Sundby\") count\nsurvey count")
        #expect(items.map(\.line) == [1, 3])
        #expect(items[0].text == "libraries where name in (\"Valby\",\n\"Sundby\") count")
    }

    @Test func trailingOperatorStillJoinsAnUnindentedLine() {
        let items = ScriptSplitter.split("incidents where severity >= 4 and\npolice_called count\nlibraries count")
        #expect(items.map(\.line) == [1, 3])
    }

    /// `explain`, `where` and other stage words are no continuation: the line is complete (and an error).
    @Test func aStageWordAtTheEndDoesNotSwallowTheNextLine() {
        let items = ScriptSplitter.split("incidents explain\nlibraries count")
        #expect(items.map(\.text) == ["incidents explain", "libraries count"])
    }

    @Test func commentsBetweenStatements() {
        let items = ScriptSplitter.split("-- first\nincidents count # trailing\n# between\nlibraries count\n")
        #expect(items.map(\.line) == [2, 4])
    }

    @Test func crlfLineEnds() {
        let items = ScriptSplitter.split("incidents count\r\nlibraries count\r\n")
        #expect(items.map(\.line) == [1, 2])
    }
}
