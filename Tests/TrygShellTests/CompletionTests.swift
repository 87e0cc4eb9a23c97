import Testing
import TrygEngine
@testable import TrygShell
import TrygImport

@Suite struct CompletionTests {
    let completer = Completer(catalog: TestTables.catalog())

    func candidates(_ text: String) -> [String] { completer.complete(text).candidates }

    @Test func tablesAtStatementStart() {
        #expect(candidates("") == ["incidents", "libraries", "survey", "let", "explain"])
        #expect(candidates("inc") == ["incidents"])
        #expect(candidates("incidents count; li") == ["libraries"])
    }

    @Test func tablesAfterJoinAndLet() {
        #expect(candidates("incidents join li") == ["libraries"])
        #expect(candidates("incidents left join ") == ["incidents", "libraries", "survey"])
        #expect(candidates("let x = s") == ["survey"])
        #expect(candidates("explain in") == ["incidents"])
    }

    @Test func stagesAfterASource() {
        // The stages, then `to "FILE.xlsx"`, which ends a query.
        #expect(candidates("incidents ") == Vocabulary.stageKeywords + ["to"])
        #expect(candidates("incidents count t") == ["top", "trend", "to"])
        #expect(candidates("incidents wh") == ["where"])
        #expect(candidates("incidents | gr") == ["group"])
        #expect(candidates("incidents group ") == ["by"])
        #expect(candidates("incidents order ") == ["by"])
    }

    @Test func afterACompletedStage() {
        let c = candidates("incidents where severity > 3 ")
        #expect(c.prefix(2) == ["and", "or"])
        #expect(c.contains("group"))
        #expect(candidates("incidents group by library ").prefix(2) == ["compute", "as"])
        #expect(candidates("incidents count ").contains("select"))
    }

    @Test func columnsAndFunctionsInExpressions() {
        let c = candidates("incidents where ")
        #expect(c.prefix(6) == ["id", "reported_at", "library", "category", "severity", "`Dato for hændelse`"])
        #expect(c.contains("halfyear") && c.contains("district") && c.contains("weekday"))
        #expect(c.contains("round") && c.contains("pct"))
        #expect(candidates("incidents where lib") == ["library"])
        #expect(candidates("incidents group by half") == ["halfyear"])
        #expect(candidates("incidents select id, sev") == ["severity"])
        #expect(candidates("incidents where severity >= sev") == ["severity"])
        #expect(candidates("incidents where x = 1 and sev") == ["severity"])
        #expect(candidates("incidents order by rep") == ["reported_at"])
        #expect(candidates("incidents derive late = ho") == ["hour"])
        #expect(candidates("incidents group by library compute me") == ["median"])
    }

    @Test func joinedAndAliasedColumns() {
        #expect(candidates("incidents join libraries on library = name where me") == ["mean", "median"])
        #expect(candidates("incidents derive late = hour >= 20 where la") == ["late"])
    }

    @Test func backQuotedColumns() {
        #expect(candidates("incidents select `Dato") == ["Dato for hændelse"])
    }

    @Test func valuesInsideQuotes() {
        let c = completer.complete("incidents where library = \"Bl")
        #expect(c.word == "Bl")
        #expect(c.candidates == ["Blågården"])
        #expect(candidates("incidents where library = \"bla") == ["Blågården"])
        #expect(candidates("incidents where library in (\"Vesterbro\", \"N") == ["Nørrebro"])
        #expect(candidates("incidents where category = 'Ut") == ["Utryghedsskabende adfærd"])
        #expect(candidates("incidents where season = \"") == ["vinter", "sommer"])
        #expect(candidates("survey where safety = \"meget") == ["meget utryg", "meget tryg"])
    }

    @Test func halfYearLabelsSpanTheData() {
        let c = candidates("incidents where halfyear = \"")
        #expect(c.first == "vinter 2022/23")
        #expect(c.last == "vinter 2024/25")
        #expect(candidates("incidents where halfyear = \"som") == ["sommer 2023", "sommer 2024"])
    }

    @Test func libraryNamesFromTheDirectoryWhenTheTableLacksThem() {
        #expect(candidates("survey where library = \"Vanl") == ["Vanløse"])
    }

    @Test func nothingInsideAPlainStringOrComment() {
        #expect(candidates("incidents where \"Bl").isEmpty)
        #expect(candidates("incidents # where ").isEmpty)
    }

    @Test func dotCommands() {
        #expect(candidates(".") == DotCommand.names.map { "." + $0 })
        #expect(candidates(".ta") == [".tables"])
        #expect(candidates(".mode j") == ["json"])
        #expect(candidates(".schema in") == ["incidents"])
        #expect(candidates(".timer ") == ["on", "off"])
    }

    @Test func fileNamesAfterImportAndRead() {
        var c = completer
        c.listDirectory = { folder in
            folder == "." ? [("data", true), ("notes.txt", false), ("inc.csv", false), (".hidden.csv", false)]
                : folder == "data/" ? [("incidents.csv", false), ("fig4.tryg", false)] : []
        }
        #expect(c.complete(".import ").candidates == ["data/", "inc.csv"])
        #expect(c.complete(".import data/in").candidates == ["data/incidents.csv"])
        #expect(c.complete(".read data/").candidates == ["data/fig4.tryg", "data/incidents.csv"])
        #expect(c.complete(".read n").candidates == ["notes.txt"])
        #expect(c.complete(".import inc.csv ").candidates == ["as"] + ImportOptions.optionNames)
        #expect(c.complete(".import inc.csv as t de").candidates == ["delimiter", "decimal"])
    }

    @Test func exportWhatThenWhere() {
        var c = completer
        c.listDirectory = { _ in [("old.xlsx", false), ("fig.png", false), ("data", true)] }
        #expect(c.complete(".export ").candidates == ["chart", "table"])
        #expect(c.complete(".export table ").candidates == ["data/", "old.xlsx"])
        #expect(c.complete(".export chart ").candidates == ["data/", "fig.png"])
    }
}
