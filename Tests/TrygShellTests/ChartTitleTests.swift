import Testing
import TrygDomain
import TrygEngine
@testable import TrygShell

/// An image's default title is a sentence made from the query: what is measured, per what,
/// for which named values; never the query's text.
@Suite struct ChartTitleTests {
    let session: Session

    init() throws { session = Session(catalog: try Samples.catalog()) }

    func title(_ query: String) throws -> String {
        guard case .rows(let r) = try session.execute(query), let hint = r.chart else { return "" }
        return ChartContext.of(SourceText(query), hint: hint, session: session, dataSource: nil).title
    }

    @Test func aSentenceFromTheQuery() throws {
        #expect(try title("incidents where library = \"Vesterbro\" group by halfyear chart bar")
                == "Hændelser pr. halvår, Vesterbro")
        #expect(try title("incidents\n  | where library = \"Vesterbro\"  # here\n  | group by halfyear\n  | chart line to \"x.png\"")
                == "Hændelser pr. halvår, Vesterbro")
        #expect(try title("incidents where library in (\"Vesterbro\", \"Nørrebro\") group by library, halfyear chart line")
                == "Hændelser pr. bibliotek og halvår, Vesterbro og Nørrebro")
        #expect(try title("incidents group by library compute avg(severity) chart bar") == "Gennemsnitlig alvorlighed pr. bibliotek")
        #expect(try title("incidents group by hour compute count as antal, avg(severity) as mean chart bar mean")
                == "Mean pr. time")
        #expect(try title("survey where year = 2025 group by library compute round(pct(safety >= \"tryg\")) as tryg_pct chart bar")
                == "Tryg_pct pr. bibliotek")
        #expect(try title("incidents group by library, halfyear pivot halfyear chart line") == "Hændelser pr. bibliotek og halvår")
        #expect(try title("incidents where category = \"Vold\" group by weekday chart bar") == "Hændelser pr. ugedag, Vold")
    }

    @Test func anExplicitTitleWins() throws {
        #expect(try title("incidents group by halfyear chart bar title \"Indmeldte hændelser\"") == "Indmeldte hændelser")
    }

    /// Whatever the query, the default title is not its text and holds no query syntax.
    @Test(arguments: Vocabulary.stages.map(\.example).filter { $0.contains(" chart ") } + [
        "incidents where library = \"Vesterbro\" group by category, halfyear compare halfyear \"2022/23\" to \"2024/25\" chart bar change_pct",
        "incidents where hour >= 20 group by library top 5 by count chart bar",
        "incidents group by library chart bar count",
    ])
    func neverTheQueryText(query: String) throws {
        let t = try title(query)
        #expect(!t.isEmpty && !t.contains("group by") && !t.contains("where") && !t.contains("\""), "\(query) → \(t)")
        #expect(t.first?.isUppercase == true, "\(t)")
    }
}
