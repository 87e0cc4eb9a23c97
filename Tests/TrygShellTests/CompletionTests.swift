import Testing
import TrygEngine
@testable import TrygShell
import TrygImport
import TrygDomain

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
        #expect(c.contains("round") && !c.contains("pct"))
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
        #expect(candidates("incidents join libraries on library = name where me") == ["mean"])
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

    /// The word the completer replaces is the one the terminal cuts with `Completion.wordBreaks`
    /// (after its last break character, or after an open quote), or Tab would repeat text.
    @Test(arguments: [
        ".read queries/F4", ".read /tmp/a/b", ".import ~/data/x", ".import \"mine da", ".import data-2025", ".read queries/",
        "incidents where library = \"Bl", "incidents | where sev", ".mode j", "incid",
        "incidents where x = 2025-0", "incidents select `Dato f",
        "incidents join libraries on library = library group by libraries.me", "incidents where severity > 2.5",
        "incidents where libraries.", "libraries.", "incidents join libraries as l on id = count where l.no",
    ])
    func theCompletedWordIsTheTerminalsWord(line: String) {
        let breaks = Completion.wordBreaks(forLine: line)
        // As readline does: inside an open quote the word starts after it, else after the last break.
        var open: String.Index?
        var quote: Character?
        for i in line.indices where "\"'`".contains(line[i]) {
            if quote == nil { quote = line[i]; open = i } else if quote == line[i] { quote = nil; open = nil }
        }
        var word = Substring(line)
        if let open { word = line[line.index(after: open)...]
        } else if let cut = line.lastIndex(where: { breaks.contains($0) }) { word = line[line.index(after: cut)...] }
        #expect(completer.complete(line).word == String(word), "\(line)")
    }

    @Test func quotedPathsAreOneWord() {
        var c = completer
        c.listDirectory = { folder in folder == "my data/" ? [("mine data-2025.csv", false)] : [("my data", true)] }
        #expect(c.complete(".import \"my").candidates == ["my data/"])
        #expect(c.complete(".import \"my data/mi").candidates == ["my data/mine data-2025.csv"])
        #expect(c.complete(".import \"my data/mine data-2025.csv\" ").candidates.first == "as")
    }

    @Test func exportWhatThenWhere() {
        var c = completer
        c.listDirectory = { _ in [("old.xlsx", false), ("fig.png", false), ("data", true)] }
        #expect(c.complete(".export ").candidates == ["chart", "table"])
        #expect(c.complete(".export table ").candidates == ["data/", "old.xlsx"])
        #expect(c.complete(".export chart ").candidates == ["data/", "fig.png"])
    }

    // MARK: what can stand at the cursor

    @Test func afterASourceAndADotOnlyThatSourcesColumns() {
        let joined = "incidents join libraries on library = library group by "
        let own = TestTables.libraries.columnNames + DerivedColumns.names(for: TestTables.libraries)
        #expect(candidates(joined + "libraries.") == own.map(Completer.quotedIfNeeded))
        #expect(candidates(joined + "libraries.") .prefix(4) == ["library", "count", "mean", "note"])
        #expect(candidates(joined + "incidents.sev") == ["severity"])
        // The word is what follows the dot: Tab replaces `me`, never `libraries.me`.
        let c = completer.complete(joined + "libraries.me")
        #expect(c.word == "me" && c.candidates == ["mean"])
        #expect(candidates("incidents join libraries as l on id = count where l.no") == ["note"])
        #expect(candidates("incidents where nosuch.").isEmpty)
        #expect(candidates("incidents where 2.").isEmpty)
    }

    /// Aggregates only where one may stand: a `compute` list, not inside another aggregate.
    @Test(arguments: ["incidents where ", "incidents where severity > 2 and ", "incidents group by ",
                      "incidents select ", "incidents derive x = ", "incidents order by ", "incidents top 3 by ",
                      "incidents join libraries on ", "incidents group by library compute avg(",
                      "incidents compute max(round(", "incidents pivot "])
    func noAggregateWhereNoneMayStand(line: String) {
        let offered = Set(candidates(line))
        let aggregates = Set(FunctionCatalog.aggregateNames).subtracting([TestTables.incidents, TestTables.libraries, TestTables.survey].flatMap(\.columnNames))
        #expect(offered.intersection(aggregates).isEmpty, "\(line): \(offered.intersection(aggregates).sorted())")
        #expect(offered.contains("round") || line.hasSuffix("pivot "), "\(line)")
    }

    @Test func aggregatesInAComputeList() {
        for line in ["incidents compute ", "incidents group by library compute ", "incidents group by library compute count, ",
                     "incidents compute round(", "incidents group by library, halfyear pivot halfyear compute "] {
            let offered = candidates(line)
            #expect(FunctionCatalog.aggregateNames.allSatisfy(offered.contains), "\(line)")
        }
        #expect(candidates("incidents group by library compute me") == ["median"])
        #expect(candidates("incidents where sev") == ["severity"])
        #expect(candidates("incidents where me").isEmpty)
    }

    /// After a grouping, its measures are columns of the stages that follow.
    @Test func theMeasuresOfAGroupingAreColumnsAfterIt() {
        #expect(candidates("incidents group by library order by co").first == "count")
        #expect(candidates("incidents group by library top 3 by co").first == "count")
        #expect(candidates("incidents group by library compute share where sh") == ["share"])
        #expect(candidates("incidents group by library compute avg(severity) as mean order by me") == ["mean"])
        #expect(!candidates("incidents where co").contains("count"))
    }

    /// A survey scale's answers in the scale's order, whether the column is a category or plain text.
    @Test func scaleValuesInScaleOrder() {
        let answers = ["tryg", "meget utryg", "vil ikke svare", "hverken/eller", "meget tryg", "utryg"]
        let text = TestTables.table("s", [("safety", .text, answers.map { .text($0) })])
        let c = Completer(catalog: Catalog([text]))
        #expect(c.complete("s where safety = \"").candidates
                == ["meget utryg", "utryg", "hverken/eller", "tryg", "meget tryg", "vil ikke svare"])
        #expect(candidates("survey where safety = \"") == SurveyScale.safety.values)
        #expect(c.complete("s where safety = \"meget").candidates == ["meget utryg", "meget tryg"])
    }

    /// Functions are listed with their arguments; the text put in the line is the bare name.
    /// A column named like a function (`month`) is listed as a column.
    @Test func functionsAreShownWithTheirArguments() {
        let c = completer.complete("incidents compute m")
        #expect(c.candidates.contains("median") && c.shown["median"] == "median(x)")
        #expect(c.candidates.contains("month") && c.shown["month"] == nil)
        #expect(completer.complete("incidents where rou").shown["round"]?.hasPrefix("round(x") == true)
        #expect(completer.complete("incidents where li").shown.isEmpty)
    }

    /// A column of free text stored without a dictionary is searched for what was typed (ignoring
    /// case, Danish letters included), not listed whole: the values starting with it, in Danish
    /// order, at most `Completer.plainTextValues` of them.
    @Test func plainTextValuesAreSearchedForThePrefix() {
        let cases = (0..<5_000).map { "MM-2025-\(String(format: "%06d", $0))" } + ["Øl på trappen", "øl i gården", "Råb"]
        let plain = Column(type: .text, storage: .strings(TextBytes(values: cases)))
        let table = Table(name: "r", columnNames: ["case_no"], columns: [plain])
        let c = Completer(catalog: Catalog([table]))
        #expect(c.complete("r where case_no = \"mm-2025-00471").candidates == (4710...4719).map { "MM-2025-00\($0)" })
        #expect(c.complete("r where case_no = \"ØL").candidates == ["øl i gården", "Øl på trappen"])
        #expect(c.complete("r where case_no = \"").candidates.count == Completer.plainTextValues)
        #expect(c.complete("r where case_no = \"x").candidates.isEmpty)
    }

    /// After `chart bar` and `chart line`: the result's number columns that are no group key
    /// (what the query would give, bound without running it), then the chart's options.
    @Test func chartMeasuresComeFromTheResult() {
        #expect(candidates("incidents group by library compute count, avg(severity) as mean chart bar ")
                == ["count", "mean", "title", "to"])
        #expect(candidates("incidents group by severity chart line ") == ["count", "title", "to"])
        #expect(candidates("incidents group by library chart bar co") == ["count"])
        #expect(candidates("libraries chart bar ") == ["count", "mean", "title", "to"])
        #expect(candidates("incidents derive late = severity > 3 select late, id chart bar ") == ["id", "title", "to"])
        // A query that does not bind offers only the options.
        #expect(candidates("incidents where nosuch > 1 chart bar ") == ["title", "to"])
        #expect(candidates("incidents group by library chart ") == ["bar", "line"])
    }
}
