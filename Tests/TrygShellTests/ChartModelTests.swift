import Testing
import TrygDomain
import TrygEngine
@testable import TrygShell

/// Which columns a chart draws, and which timeline events it marks where.
@Suite struct ChartModelTests {
    let session: Session

    init() throws { session = Session(catalog: try Samples.catalog()) }

    func model(_ query: String) throws -> ChartModel {
        guard case .rows(let r) = try session.execute(query), let hint = r.chart else {
            throw ChartProblem(message: "no chart")
        }
        let context = ChartContext.of(SourceText(query), hint: hint, session: session, dataSource: "syntetiske eksempeldata")
        return try ChartModel.build(r.table, hint: hint, context: context)
    }

    @Test func compareChartsItsTwoPeriodsOnOneScale() throws {
        let m = try model("incidents where library = \"Vesterbro\" group by library, halfyear "
                          + "compare halfyear \"vinter 2022/23\" to \"vinter 2024/25\" chart bar")
        #expect(m.series.map(\.name) == ["vinter 2022/23", "vinter 2024/25"])
        #expect(m.sharedScale)
        #expect(m.categories == ["Vesterbro"])
        #expect(m.series.map(\.values) == [[240], [120]])
    }

    @Test func measuresOfDifferentKindsGetAScaleEach() throws {
        let m = try model("survey where year = 2025 group by library compute count as svar, "
                          + "round(pct(safety >= \"tryg\")) as tryg_pct chart bar")
        #expect(m.series.map(\.name) == ["svar", "tryg_pct"])
        #expect(!m.sharedScale)
    }

    @Test func lineChartHasALinePerLibraryOverHalfYearsInOrder() throws {
        let m = try model("incidents where library in (\"Vesterbro\", \"Nørrebro\") group by library, halfyear "
                          + "order by count chart line")
        #expect(m.kind == .line)
        #expect(m.categoryName == "halfyear")
        #expect(m.categories.first == "vinter 2022/23" && m.categories.last == "vinter 2025/26")
        #expect(m.series.map(\.name) == ["Nørrebro", "Vesterbro"] || m.series.map(\.name) == ["Vesterbro", "Nørrebro"])
        let vesterbro = try #require(m.series.first { $0.name == "Vesterbro" })
        #expect(vesterbro.values.first == 240)
    }

    @Test func aRowWithNoPeriodHasNoPlaceOnTheAxis() throws {
        let m = try model("libraries group by halfyear(effort_start) as h compute count chart line")
        #expect(m.categories == ["vinter 2022/23", "vinter 2024/25"])
        #expect(m.series.first?.values == [1, 2])
        #expect(m.unplaced == 1)
        let drawn = TerminalChart(width: 60, height: nil, glyphs: .unicode, color: false).render(m)
        #expect(drawn.contains("1 row with no h not drawn"), "\(drawn)")
    }

    @Test func pivotedResultIsReadAsLinesOverItsColumns() throws {
        let m = try model("incidents where library in (\"Blågården\", \"Nørrebro\") group by library, halfyear "
                          + "pivot halfyear chart line")
        #expect(m.categories.count == 7)
        #expect(m.series.map(\.name) == ["Blågården", "Nørrebro"])
        #expect(m.periods?.count == 7)
    }

    @Test func chartColumnMustBeANumber() {
        #expect(throws: ChartProblem(message: "'library' is text, not a number to chart")) {
            try model("incidents group by library chart bar library")
        }
    }

    @Test func marksCoverTheLibrariesShownMerged() throws {
        let m = try model("incidents where library in (\"Blågården\", \"Nørrebro\") group by library, halfyear chart line")
        let labels = m.marks.map(\.label)
        #expect(labels.contains("vagt og sikring Blågården, Nørrebro"))
        #expect(labels.contains("indsats, relationsmedarbejder Blågården, Nørrebro"))
        #expect(!labels.contains { $0.contains("Vesterbro") })
        let restricted = try #require(m.marks.first { $0.label == "indskrænket åbningstid Blågården" })
        #expect(restricted.spans.count == 3)
        #expect(restricted.legend == "indskrænket åbningstid Blågården (2024-11-04 – 2025-03-16, 3 perioder)")
        #expect(m.marks.map(\.number) == Array(1...m.marks.count).map { Optional($0) })
    }

    @Test func libraryNamedInTheQueryGivesItsMarks() throws {
        let m = try model("incidents where library = \"Vesterbro Bibliotek og Kulturhus\" group by halfyear chart bar")
        #expect(m.marks.map(\.legend) == ["indsats, relationsmedarbejder Vesterbro (2022-10-01)"])
        #expect(m.marks.first?.number == nil)
        #expect(TimelineMarks.categories(of: m.marks[0], in: m) == [0])
    }

    @Test func resultsWithoutPeriodsHaveNoMarks() throws {
        let m = try model("incidents where library = \"Vesterbro\" group by category chart bar")
        #expect(m.marks.isEmpty)
    }

    @Test func aDayFallsWithinItsHalfYear() {
        let h = HalfYear(season: .vinter, startYear: 2024)
        let periods = [h.previous, h, h.next].map { PeriodSpan(first: $0.firstDay.dayNumber, last: $0.lastDay.dayNumber) }
        #expect(TimelineMarks.position(of: h.firstDay.dayNumber, in: periods) == 0.5)
        let newYear = CivilDate.dayNumber(year: 2025, month: 1, day: 1)
        let p = TimelineMarks.position(of: newYear, in: periods)
        #expect(p.map { $0 > 1.0 && $0 < 1.1 } == true)
        #expect(TimelineMarks.position(of: h.previous.firstDay.dayNumber - 1, in: periods) == nil)
    }



    @Test func niceScales() {
        #expect(ChartScale.nice(0, 240, ticks: 5, includeZero: true) == ChartScale(low: 0, high: 250, step: 50))
        #expect(ChartScale.nice(-33.3, 6.7, ticks: 4, includeZero: true) == ChartScale(low: -40, high: 10, step: 10))
        #expect(ChartScale.nice(67, 91, ticks: 5, includeZero: false) == ChartScale(low: 65, high: 95, step: 5))
        #expect(!ChartScale.startsAtZero([67, 91]))
        #expect(ChartScale.startsAtZero([110, 240]))
    }

    @Test func numbersOnCharts() {
        #expect(ChartNumber.format(240, whole: true) == "240")
        #expect(ChartNumber.format(-33.333, whole: false) == "-33.33")
        #expect(ChartNumber.format(10, whole: false) == "10")
    }
}
