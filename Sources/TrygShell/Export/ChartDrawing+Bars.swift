extension ChartDrawing {
    /// Horizontal bars: labels on the left, values at the bars' ends, a value axis underneath.
    ///
    /// Measures of one quantity are grouped bars on one scale with a legend; other measures get
    /// a panel each, side by side, with their name above and a scale of their own.
    func drawBars(on canvas: ChartCanvas, in area: ChartRect) {
        let grouped = model.sharedScale && model.series.count > 1
        var area = area
        if grouped {
            drawSeriesLegend(on: canvas, at: area.y + 26, x: area.x)
            area.y += 54
            area.height -= 54
        }
        let panels = grouped ? 1 : model.series.count
        let hasHeaders = panels > 1
        let headerHeight = hasHeaders ? 44.0 : 0
        let axisHeight = 40.0 + (model.valueName.isEmpty || hasHeaders ? 0 : 38)
        let n = Double(max(1, model.categories.count))
        let barsPerBand = Double(grouped ? model.series.count : 1)
        // Few bars stay bars: the plot shrinks to them and sits in the middle of the room.
        let room = max(40, area.height - headerHeight - axisHeight)
        let plotHeight = min(room, n * (barsPerBand * 84 / 0.72 + 24))
        let plotTop = area.y + headerHeight + (room - plotHeight) / 2
        let band = plotHeight / n
        let labelFont = ChartFont(size: min(ChartDrawing.labelFont.size, max(14, band * 0.5)))
        let valueFont = ChartFont(size: min(ChartDrawing.valueFont.size, max(13, min(84, band * 0.72 / barsPerBand) * 0.8)), bold: true)

        // Marks of the timeline sit left of the label of the period they fall in.
        var markTexts = Array(repeating: "", count: model.categories.count)
        for mark in model.marks {
            for c in TimelineMarks.categories(of: mark, in: model) where c < markTexts.count {
                markTexts[c] += (markTexts[c].isEmpty ? "" : " ") + mark.symbol(.unicode)
            }
        }
        let markFont = ChartFont(size: labelFont.size, bold: true)
        let markWidth = markTexts.map { measure.width($0, markFont) }.max().map { $0 > 0 ? $0 + 14 : 0 } ?? 0
        let labelWidth = min(area.width * 0.34, model.categories.map { measure.width($0, labelFont) }.max() ?? 0)
        let plotX = area.x + markWidth + labelWidth + 18
        for (c, label) in model.categories.enumerated() {
            let baseline = plotTop + (Double(c) + 0.5) * band + labelFont.size * 0.36
            canvas.text(measure.fit(label, labelFont, to: labelWidth), at: ChartPoint(plotX - 18, baseline), font: labelFont,
                        .ink, anchor: .end)
            if !markTexts[c].isEmpty {
                canvas.text(markTexts[c], at: ChartPoint(area.x, baseline), font: markFont, .ink, anchor: .start)
            }
        }

        let gap = 48.0
        let panelWidth = (area.right - plotX - gap * Double(panels - 1)) / Double(panels)
        for p in 0..<panels {
            let series = grouped ? Array(model.series.indices) : [p]
            let panel = ChartRect(x: plotX + Double(p) * (panelWidth + gap), y: plotTop, width: panelWidth, height: plotHeight)
            if hasHeaders {
                canvas.text(measure.fit(model.series[p].name, ChartDrawing.legendFont, to: panelWidth), at: ChartPoint(panel.x, plotTop - 16),
                            font: ChartFont(size: ChartDrawing.legendFont.size, bold: true), ChartColor.series(p), anchor: .start)
            }
            drawBarPanel(on: canvas, panel: panel, series: series, band: band, valueFont: valueFont, grouped: grouped)
        }
        if !model.valueName.isEmpty && !hasHeaders {
            canvas.text(model.valueName, at: ChartPoint(plotX + (area.right - plotX) / 2, plotTop + plotHeight + 74),
                        font: ChartDrawing.tickFont, .muted, anchor: .middle)
        }
        if model.omitted > 0 {
            canvas.text("+\(model.omitted) rækker ikke vist", at: ChartPoint(area.right, plotTop + plotHeight + 74),
                        font: ChartDrawing.tickFont, .muted, anchor: .end)
        }
    }

    /// One scale's bars: grid and ticks, the bars from zero, and each value at its bar's end.
    private func drawBarPanel(on canvas: ChartCanvas, panel: ChartRect, series: [Int], band: Double,
                              valueFont: ChartFont, grouped: Bool) {
        let values = series.flatMap { model.series[$0].values.compactMap { $0 } }
        let whole = series.allSatisfy { model.series[$0].isWhole }
        let scale = ChartScale.nice(values.min() ?? 0, values.max() ?? 0, ticks: 5, includeZero: true)
        let textWidth = values.map { measure.width(format($0, whole: whole), valueFont) }.max() ?? 0
        let hasNegative = (values.min() ?? 0) < 0
        let left = panel.x + (hasNegative ? textWidth + 12 : 0)
        let right = panel.right - textWidth - 12
        func x(_ v: Double) -> Double { left + scale.fraction(v) * (right - left) }

        let tickWhole = whole && scale.step >= 1
        for tick in scale.ticks {
            canvas.stroke([ChartPoint(x(tick), panel.y), ChartPoint(x(tick), panel.bottom)], width: 1.5, .grid, dash: [])
            canvas.text(format(tick, whole: tickWhole), at: ChartPoint(x(tick), panel.bottom + 34), font: ChartDrawing.tickFont,
                        .muted, anchor: .middle)
        }
        let count = Double(series.count)
        // Few categories make wide bands; bars thicker than this look like blocks, not bars.
        let thickness = min(band * 0.72 / count, 84)
        let inset = (band - thickness * count) / 2
        for (k, s) in series.enumerated() {
            let color = ChartColor.series(grouped ? k : s)
            for (c, value) in model.series[s].values.enumerated() {
                guard let value else { continue }
                let top = panel.y + Double(c) * band + inset + Double(k) * thickness
                let x0 = x(0), x1 = x(value)
                canvas.fill(ChartRect(x: min(x0, x1), y: top, width: abs(x1 - x0), height: thickness * 0.92), color)
                let baseline = top + thickness * 0.46 + valueFont.size * 0.36
                let text = format(value, whole: model.series[s].isWhole)
                canvas.text(text, at: ChartPoint(value < 0 ? x1 - 10 : x1 + 10, baseline), font: valueFont, .ink,
                            anchor: value < 0 ? .end : .start)
            }
        }
        canvas.stroke([ChartPoint(x(0), panel.y - 6), ChartPoint(x(0), panel.bottom + 6)], width: 2.5, .ink, dash: [])
    }

    /// Coloured squares with the series' names, in a row.
    func drawSeriesLegend(on canvas: ChartCanvas, at baseline: Double, x: Double) {
        var x = x
        let font = ChartDrawing.legendFont
        for (s, series) in model.series.enumerated() {
            canvas.fill(ChartRect(x: x, y: baseline - font.size * 0.78, width: font.size * 0.8, height: font.size * 0.8),
                        ChartColor.series(s))
            x += font.size * 0.8 + 10
            canvas.text(series.name, at: ChartPoint(x, baseline), font: font, .ink, anchor: .start)
            x += measure.width(series.name, font) + 36
        }
    }
}
