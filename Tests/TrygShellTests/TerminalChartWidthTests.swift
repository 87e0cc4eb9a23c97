import Testing
import TrygEngine
@testable import TrygShell

/// A terminal chart is drawn in time linear in the width, and no wider than `maxWidth`,
/// however wide the screen says it is.
@Suite struct TerminalChartWidthTests {
    static let queries = [
        "incidents where library in (\"Vesterbro\", \"Nørrebro\") group by library, halfyear chart line",
        "incidents group by library chart bar",
        "incidents group by library, halfyear chart line",   // many lines: sparklines
        "incidents where library = \"Vesterbro\" group by halfyear compute count, avg(severity) chart bar",
    ]

    func model(_ query: String) throws -> ChartModel {
        let session = Session(catalog: try Samples.catalog())
        guard case .rows(let r) = try session.execute(query), let hint = r.chart else {
            throw ChartProblem(message: "no chart")
        }
        let context = ChartContext.of(SourceText(query), hint: hint, session: session, dataSource: nil)
        return try ChartModel.build(r.table, hint: hint, context: context)
    }

    func draw(_ model: ChartModel, width: Int, glyphs: ChartGlyphs = .unicode) -> String {
        TerminalChart(width: width, height: nil, glyphs: glyphs, color: false).render(model)
    }

    @Test(arguments: queries)
    func aHugeWidthDrawsTheCappedChart(_ query: String) throws {
        let m = try model(query)
        for glyphs in [ChartGlyphs.unicode, .ascii] {
            let huge = draw(m, width: 8_000, glyphs: glyphs)
            #expect(huge == draw(m, width: TerminalChart.maxWidth, glyphs: glyphs))
            for line in huge.split(separator: "\n") {
                #expect(DisplayWidth.of(String(line)) <= TerminalChart.maxWidth, "\(line.prefix(40))…")
            }
        }
    }

    /// Doubling the width at most doubles the drawing (and the lines still fit).
    @Test(arguments: queries)
    func theDrawingGrowsInProportionToTheWidth(_ query: String) throws {
        let m = try model(query)
        let narrow = draw(m, width: 150), wide = draw(m, width: 300)
        #expect(wide.utf8.count <= 2 * narrow.utf8.count + 400, "\(narrow.utf8.count) → \(wide.utf8.count) bytes")
        for line in wide.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 300) }
    }

    /// Trimming a line's end looks at each character once, and only at the end.
    @Test func trimmingTheEndWalksBackOnce() {
        var looked = 0
        let line = "  a b" + String(repeating: " ", count: 50_000)
        let trimmed = line.trimmingEnd { looked += 1; return $0 == " " }
        #expect(trimmed == "  a b")
        #expect(looked == 50_001)
        #expect("".trimmingEnd { $0 == " " } == "")
        #expect("   ".trimmingEnd { $0 == " " } == "")
        // A combining mark belongs to its letter: the grapheme is kept whole.
        #expect("bro\u{301}  ".trimmingEnd { $0 == " " } == "bro\u{301}")
    }

    /// A script line that ends in many spaces is split with one walk back over them.
    @Test func aScriptLineEndingInManySpacesSplits() {
        let items = ScriptSplitter.split("incidents count" + String(repeating: " ", count: 200_000) + "\nlibraries\n")
        #expect(items.map(\.line) == [1, 2])
        #expect(items.first?.text == "incidents count")
    }
}
