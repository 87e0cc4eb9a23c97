import Testing
import TrygEngine
@testable import TrygShell

@Suite struct DotCommandTests {
    func parse(_ line: String) throws(Diagnostic) -> DotCommand { try DotCommand.parse(SourceText(line)) }

    @Test func commands() throws {
        #expect(try parse(".help") == .help(topic: nil))
        #expect(try parse(".help where") == .help(topic: "where"))
        #expect(try parse(".tables") == .tables)
        #expect(try parse(".schema incidents") == .schema(table: "incidents"))
        #expect(try parse(".import data/x.csv") == .importFile(path: "data/x.csv", tableName: nil))
        #expect(try parse(".import \"my data.csv\" as mine") == .importFile(path: "my data.csv", tableName: "mine"))
        #expect(try parse(".mode json") == .mode(.json))
        #expect(try parse(".MODE Markdown") == .mode(.markdown))
        #expect(try parse(".timer on") == .timer(true))
        #expect(try parse(".timer off") == .timer(false))
        #expect(try parse(".read q.tryg") == .read(path: "q.tryg"))
        #expect(try parse(".output out.csv") == .output(path: "out.csv"))
        #expect(try parse(".output") == .output(path: nil))
        #expect(try parse(".maxrows 100") == .maxRows(100))
        #expect(try parse(".quit") == .quit)
        #expect(try parse(".exit") == .quit)
    }

    @Test func unknownCommandSuggestsTheNearest() {
        #expect(throws: Diagnostic.self) { try parse(".tabels") }
        do {
            _ = try parse(".tabels")
        } catch {
            #expect(error.message == "unknown command '.tabels'")
            #expect(error.label == "did you mean '.tables'?")
            #expect(error.span == Span(0, 7))
        }
    }

    @Test func badArguments() {
        for line in [".mode xml", ".timer maybe", ".maxrows lots", ".maxrows -1", ".tables x", ".import", ".import a b c"] {
            #expect(throws: Diagnostic.self, "\(line)") { try parse(line) }
        }
    }

    @Test func errorPointsAtTheArgument() {
        do {
            _ = try parse(".mode xml")
        } catch {
            #expect(error.span == Span(6, 9))
            #expect(error.label == "expected table|csv|json|markdown|line")
        }
    }

    @Test func helpCoversEveryCommand() {
        let help = HelpText.overview()
        for r in DotCommand.reference { #expect(help.contains(r.usage)) }
        #expect(HelpText.topic("where")?.contains("keep rows") == true)
        #expect(HelpText.topic(".import")?.contains(".import FILE") == true)
        #expect(HelpText.topic("pct")?.contains("percent") == true)
        #expect(HelpText.topic("nothing") == nil)
    }
}
