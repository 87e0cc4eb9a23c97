import Testing
import TrygEngine
@testable import TrygShell
import TrygImport

@Suite struct DotCommandTests {
    func parse(_ line: String) throws(Diagnostic) -> DotCommand { try DotCommand.parse(SourceText(line)) }

    @Test func commands() throws {
        #expect(try parse(".help") == .help(topic: nil))
        #expect(try parse(".help where") == .help(topic: "where"))
        #expect(try parse(".tables") == .tables)
        #expect(try parse(".schema incidents") == .schema(table: "incidents"))
        #expect(try parse(".drop incidents") == .drop(table: "incidents"))
        #expect(try parse(".import data/x.csv") == .importFile(ImportRequest(path: "data/x.csv")))
        #expect(try parse(".import \"my data.csv\" as mine") == .importFile(ImportRequest(path: "my data.csv", tableName: "mine")))
        #expect(try parse(".sheets book.xlsx") == .sheets(path: "book.xlsx"))
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
        for line in [".drop", ".drop a b", ".mode xml", ".timer maybe", ".maxrows lots", ".maxrows -1", ".tables x", ".import", ".import a b c"] {
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

@Suite struct ImportCommandTests {
    func parse(_ line: String) throws(Diagnostic) -> DotCommand { try DotCommand.parse(SourceText(line)) }

    @Test func optionsInAnyOrder() throws {
        var settings = ImportOptions()
        settings.delimiter = UInt8(ascii: ";")
        settings.header = false
        settings.encoding = .windows1252
        settings.decimalComma = true
        settings.thousands = ThousandsSeparator.none
        settings.quoting = false
        settings.types = ["alvor": .int, "dato": .date]
        let line = ".import \"Hændelser 2025.csv\" delimiter ; header no as h encoding ansi decimal comma thousands none "
            + "quoting no type alvor int type dato date"
        #expect(try parse(line) == .importFile(ImportRequest(path: "Hændelser 2025.csv", tableName: "h", options: settings)))
        var sheet = ImportOptions()
        sheet.sheet = "Ark 2"
        #expect(try parse(".import bog.xlsx sheet \"Ark 2\" as t") == .importFile(ImportRequest(path: "bog.xlsx", tableName: "t", options: sheet)))
        var tab = ImportOptions()
        tab.delimiter = UInt8(ascii: "\t")
        #expect(try parse(".import x.tsv delimiter tab") == .importFile(ImportRequest(path: "x.tsv", options: tab)))
    }

    @Test func badOptionsPointAtTheWord() {
        let cases: [(String, String, Span)] = [
            (".import x.csv delimter ;", "unknown import option 'delimter'; did you mean delimiter?", Span(14, 22)),
            (".import x.csv header maybe", "header must be yes or no, not 'maybe'", Span(21, 26)),
            (".import x.csv encoding ebcdic", "unknown encoding 'ebcdic'; expected utf-8, windows-1252, utf-16le, utf-16be, iso-8859-15, cp850, macroman", Span(23, 29)),
            (".import x.csv as", "expected a table name after 'as'", Span(14, 16)),
            (".import x.csv type a", "expected a value after 'type'", Span(14, 18)),
            (".import x.csv type a money", "unknown type 'money'; expected int, decimal, text, bool, date, timestamp, halfyear", Span(21, 26)),
            (".import x.csv delimiter ;;", "delimiter must be one ASCII character (or tab), not ';;'", Span(24, 26)),
        ]
        for (line, message, span) in cases {
            do {
                _ = try parse(line)
                Issue.record("parsed: \(line)")
            } catch {
                #expect(error.message == message, "\(line)")
                #expect(error.span == span, "\(line)")
            }
        }
    }
}
