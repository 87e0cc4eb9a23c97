import Testing
import TrygDomain
import TrygEngine
@testable import TrygShell

/// A group key is a key whatever its type: an int key (`hour`, `month`, `severity`) labels the
/// bars and makes a line's x axis; it is never drawn as a measure.
@Suite struct ChartKeyTests {
    let session: Session

    init() throws { session = Session(catalog: try Samples.catalog()) }

    func model(_ query: String) throws -> (ChartModel, Table) {
        guard case .rows(let r) = try session.execute(query), let hint = r.chart else {
            throw ChartProblem(message: "no chart")
        }
        let context = ChartContext.of(SourceText(query), hint: hint, session: session, dataSource: nil)
        return (try ChartModel.build(r.table, hint: hint, context: context), r.table)
    }

    /// Every int key of the samples, alone or beside a text key: the bars are labelled with the
    /// key's values row by row, and the only series are the measures.
    @Test(arguments: ["hour", "month", "week", "year", "severity", "weekday", "district"])
    func aKeyOfAnyTypeLabelsTheBars(key: String) throws {
        for grouping in [key, "\(key), season"] {
            let (m, table) = try model("incidents group by \(grouping) compute count, avg(severity) as mean chart bar")
            #expect(m.series.map(\.name) == ["count", "mean"], "\(grouping)")
            let keyColumns = grouping.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let expected = (0..<min(table.rowCount, ChartModel.maxCategories)).map { r in
                keyColumns.map { CellText.display(table.value(row: r, column: table.columnIndex($0) ?? -1)) }
                    .joined(separator: " · ")
            }
            #expect(m.categories == expected, "\(grouping)")
            #expect(m.categoryName == keyColumns.joined(separator: " · "))
        }
    }

    @Test func anIntKeyIsTheLineChartsAxisInItsOrder() throws {
        let (m, table) = try model("incidents group by hour order by count desc chart line")
        #expect(m.categoryName == "hour")
        let hours = (0..<table.rowCount).compactMap { r -> Int64? in
            if case .int(let h) = table.value(row: r, column: 0) { return h } else { return nil }
        }
        #expect(m.categories == hours.sorted().map(String.init))
        #expect(m.series.map(\.name) == ["count"])
        #expect(m.periods == nil)
        // A line per library over the hours.
        let (byLibrary, _) = try model("incidents where library in (\"Vesterbro\", \"Nørrebro\") group by library, hour chart line")
        #expect(byLibrary.categoryName == "hour")
        #expect(Set(byLibrary.series.map(\.name)) == ["Vesterbro", "Nørrebro"])
    }

    @Test func yearStaysATimeAxisWithMarks() throws {
        let (m, _) = try model("incidents where library = \"Vesterbro\" group by year chart bar")
        #expect(m.periods?.count == m.categories.count)
        #expect(!m.marks.isEmpty)
    }

    /// Without a grouping nothing is a key: numbers are measures, as before.
    @Test func withoutAGroupingNumbersAreMeasures() throws {
        let (m, _) = try model("incidents select library, severity limit 3 chart bar")
        #expect(m.series.map(\.name) == ["severity"])
    }

    @Test func aMeasureNamedLikeAStage() throws {
        for query in ["incidents group by hour chart bar count", "incidents group by hour chart line count title \"T\"",
                      "incidents group by hour compute count, avg(severity) as mean chart bar count;"] {
            guard case .rows(let r) = try session.execute(query) else { Issue.record("\(query)"); continue }
            #expect(r.chart?.column == "count", "\(query)")
        }
        // A stage with its arguments after the chart is still out of place.
        do {
            _ = try session.execute("incidents group by hour chart bar limit 5")
            Issue.record("chart before limit ran")
        } catch {
            #expect(error.message == "chart must be the last stage", "\(error.message)")
        }
    }
}
