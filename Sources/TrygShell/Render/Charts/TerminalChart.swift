import TrygEngine

/// Draws a chart model in a terminal: bars, a line plot, or sparklines when space is tight.
///
/// Drawing takes time linear in the width, and the width is capped at `maxWidth`: a chart
/// wider than that is no easier to read, and a terminal 8,000 columns wide is more likely a
/// mistake than a screen.
struct TerminalChart {
    /// Columns the chart takes: the screen's, at most `maxWidth`.
    let width: Int
    /// Rows the whole chart may take; nil for the usual plot height.
    let height: Int?
    let glyphs: ChartGlyphs
    let color: Bool

    /// The usual height of a line plot, in rows.
    static let plotRows = 12
    /// The widest chart drawn, in columns.
    static let maxWidth = 400

    init(width: Int, height: Int?, glyphs: ChartGlyphs, color: Bool) {
        self.width = min(width, TerminalChart.maxWidth)
        self.height = height
        self.glyphs = glyphs
        self.color = color
    }

    func render(_ model: ChartModel) -> String {
        switch model.kind {
        case .bar:
            return TerminalBarChart(width: width, glyphs: glyphs, color: color).render(model)
        case .line:
            let drawn = usesSparklines(model) ? Sparklines(width: width, glyphs: glyphs, color: color).render(model)
                : TerminalLinePlot(width: width, height: plotHeight(model), glyphs: glyphs, color: color).render(model)
            guard model.unplaced > 0 else { return drawn }
            let n = model.unplaced
            return drawn + "\(glyphs.ellipsis) \(n) \(n == 1 ? "row" : "rows") with no \(model.categoryName) not drawn\n"
        }
    }

    /// Sparklines when the plot would be unreadable: many lines, a narrow screen, or few rows.
    func usesSparklines(_ model: ChartModel) -> Bool {
        model.series.count > 6 || width < 40 || plotHeight(model) < 5
    }

    /// The plot's rows: the usual height, or what the rows left over by axis and legends allow.
    private func plotHeight(_ model: ChartModel) -> Int {
        guard let height else { return TerminalChart.plotRows }
        let around = 4 + model.marks.count + (model.series.count > 1 ? 1 : 0) + (model.titleIsExplicit ? 1 : 0)
        return min(TerminalChart.plotRows, height - around)
    }
}

/// The legend of a chart's timeline marks, one line each, cut to the width.
enum MarkLegend {
    static func lines(_ marks: [TimelineMark], width: Int, glyphs: ChartGlyphs, color: Bool) -> [String] {
        marks.map { mark in
            let symbol = mark.symbol(glyphs)
            return ChartColors.paint(symbol, "1", color) + " "
                + DisplayWidth.truncate(mark.legend, to: max(10, width - DisplayWidth.of(symbol) - 1))
        }
    }
}
