import Testing
import TrygEngine
@testable import TrygShell

/// The chart stage's options: `title "…"` and `to "FILE"`, in either order, with errors that point.
@Suite struct ChartStageTests {
    let session = Session(catalog: TestTables.catalog())

    func hint(_ query: String) throws -> ChartHint? {
        guard case .rows(let result) = try session.execute(query) else { return nil }
        return result.chart
    }

    func error(_ query: String) -> Diagnostic? {
        do {
            _ = try session.execute(query)
            return nil
        } catch {
            return error
        }
    }

    @Test func titleAndFileInEitherOrder() throws {
        #expect(try hint("incidents group by library chart bar title \"Hændelser\" to \"x.png\"")
                == ChartHint(kind: .bar, column: nil, title: "Hændelser", file: "x.png", keys: ["library"]))
        #expect(try hint("incidents group by library compute count as n chart line n to 'out/x.SVG' title 'Æ'")
                == ChartHint(kind: .line, column: "n", title: "Æ", file: "out/x.SVG", keys: ["library"]))
        #expect(try hint("incidents group by library chart bar") == ChartHint(kind: .bar, column: nil, keys: ["library"]))
    }

    @Test func parametersGiveTheTitle() throws {
        session.parameters = ["t": "Blågården", "f": "b.pdf"]
        #expect(try hint("incidents group by library chart bar title $t to $f")
                == ChartHint(kind: .bar, column: nil, title: "Blågården", file: "b.pdf", keys: ["library"]))
    }

    @Test func aColumnNamedTitleIsBackQuoted() throws {
        #expect(try hint("incidents group by library compute count as title chart bar `title` title \"T\"")
                == ChartHint(kind: .bar, column: "title", title: "T", keys: ["library"]))
    }

    @Test func unknownImageFormatPointsAtTheFile() throws {
        let e = try #require(error("incidents group by library chart bar to \"x.gif\""))
        #expect(e.message == "cannot tell the image format of 'x.gif'")
        #expect(e.label == "end the file name in .png, .svg, .pdf")
        #expect(e.span == Span(40, 47))
    }

    @Test func optionsNeedQuotedText() throws {
        let e = try #require(error("incidents group by library chart bar title Hændelser"))
        #expect(e.label?.hasPrefix("expected the title in quotes") == true)
        let f = try #require(error("incidents group by library chart bar to x.png"))
        #expect(f.label?.hasPrefix("expected a file name in quotes") == true)
    }

    @Test func anOptionTwiceIsAnError() throws {
        let e = try #require(error("incidents group by library chart bar title \"a\" title \"b\""))
        #expect(e.message == "'title' given twice")
    }

    @Test func completionOffersTheOptionsAfterTheKind() {
        let completer = Completer(catalog: TestTables.catalog())
        #expect(completer.complete("incidents group by library chart ").candidates == ["bar", "line"])
        #expect(completer.complete("incidents group by library chart bar ").candidates == ["count", "title", "to"])
        #expect(completer.complete("incidents group by library chart bar t").candidates == ["title", "to"])
    }
}
