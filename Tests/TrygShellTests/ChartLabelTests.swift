import Testing
import TrygEngine
@testable import TrygShell

/// The values at the bars' ends: right-aligned in a column of their own, one number of decimals
/// per measure, so digits and points line up.
@Suite struct ChartLabelTests {
    @Test func oneNumberOfDecimalsPerSeries() {
        #expect(ChartNumber.labels([2.28, 2.3, 2.26], whole: false) == ["2.28", "2.30", "2.26"])
        #expect(ChartNumber.labels([1, 2.5, nil], whole: false) == ["1.0", "2.5", nil])
        #expect(ChartNumber.labels([-1.25, 10], whole: false) == ["-1.25", "10.00"])
        #expect(ChartNumber.labels([1524, 1230], whole: true) == ["1524", "1230"])
        #expect(ChartNumber.labels([], whole: false) == [])
    }

    /// The bar rows of a chart drawn in place of its table.
    func barRows(_ query: String, width: Int) throws -> [String] {
        var settings = ShellSettings()
        settings.chartsReplaceTables = true
        let out = CapturedOutput(isTerminal: true)
        let runner = ShellRunner(session: Session(catalog: try Samples.catalog()), settings: settings, output: out,
                                 errors: CapturedOutput())
        runner.screenWidth = { width }
        runner.run(ScriptItem(.statement, query, line: 1), sourceName: nil)
        return out.text.split(separator: "\n").map(String.init).filter { $0.contains("│") }
    }

    /// Every value ends in the same column, and each point in the same column as the others of
    /// its measure, at any width; for measures of every sign and size.
    @Test(arguments: [60, 100, 140])
    func valuesLineUp(width: Int) throws {
        for query in ["incidents group by halfyear compute count, avg(severity) as mean chart bar",
                      "incidents group by library chart bar",
                      "incidents group by halfyear trend chart bar change",
                      "incidents group by season compute avg(severity) - 2.3 as d chart bar"] {
            let rows = try barRows(query, width: width)
            #expect(rows.count >= 2, "\(query)")
            let shown = "\(query) at \(width):\n\(rows.joined(separator: "\n"))"
            // A positive value is the row's last word, a negative one the last number before the axis.
            let positive = rows.filter { $0.last?.isNumber == true }
            #expect(Set(positive.map(DisplayWidth.of)).count == 1, "\(shown)")
            let negative = rows.compactMap { row -> Int? in
                guard let axis = row.firstIndex(of: "│") else { return nil }
                let before = row[..<axis]
                guard let number = before.split(separator: " ").last, number.hasPrefix("-"),
                      let range = before.range(of: number, options: .backwards) else { return nil }
                return DisplayWidth.of(String(before[..<range.upperBound]))
            }
            #expect(Set(negative).count <= 1, "\(shown)")
            #expect(!positive.isEmpty, "\(shown)")
            // Each value's point in one column.
            let points = Set(positive.compactMap { row -> Int? in
                guard let last = row.split(separator: " ").last, let dot = last.firstIndex(of: ".") else { return nil }
                return DisplayWidth.of(row) - last.distance(from: dot, to: last.endIndex)
            })
            #expect(points.count <= 1, "\(shown)")
        }
    }
}
