extension ChartDrawing {
    /// Lines over periods: value grid on the left, periods under the plot, each line named at
    /// its end, timeline marks above the plot with bands for periods and dashed rules for starts.
    func drawLines(on canvas: ChartCanvas, in area: ChartRect) {
        let values = model.allValues
        guard !values.isEmpty else { return }
        let single = model.series.count == 1
        let low = values.min() ?? 0, high = values.max() ?? 0
        // A single line has its values over its points: leave them room under the top.
        let headroom = single ? (high - min(low, 0)) * 0.1 : 0
        let scale = ChartScale.nice(low, high + headroom, ticks: 5, includeZero: ChartScale.startsAtZero(values))
        let whole = model.series.allSatisfy(\.isWhole) && scale.step >= 1
        let tickFont = ChartDrawing.tickFont
        let tickWidth = scale.ticks.map { measure.width(format($0, whole: whole), tickFont) }.max() ?? 0
        let endFont = ChartFont(size: 24, bold: true)
        let endLabels = model.series.map { s -> String in
            guard let last = s.values.last(where: { $0 != nil }) ?? nil else { return s.name }
            return s.name + " " + format(last, whole: s.isWhole)
        }
        let endWidth = single ? 24 : (endLabels.map { measure.width($0, endFont) }.max() ?? 0) + 24
        let n = model.categories.count
        let marksHeight = model.marks.isEmpty ? 0.0 : 70
        let nameHeight = model.valueName.isEmpty ? 0.0 : 40
        var plot = ChartRect(x: area.x + tickWidth + 16, y: area.y + nameHeight + marksHeight, width: 0, height: 0)
        plot.width = area.right - endWidth - plot.x
        let slot = plot.width / Double(max(1, n))
        let labels = axisLabels(slot: slot)
        plot.height = max(60, area.bottom - plot.y - Double(labels.lines) * 30 - 22)
        func x(_ position: Double) -> Double { plot.x + (position + 0.5) * slot }
        func y(_ value: Double) -> Double { plot.bottom - scale.fraction(value) * plot.height }

        if !model.valueName.isEmpty {
            canvas.text(model.valueName, at: ChartPoint(area.x, area.y + 26), font: tickFont, .muted, anchor: .start)
        }
        for tick in scale.ticks {
            canvas.stroke([ChartPoint(plot.x, y(tick)), ChartPoint(plot.right, y(tick))], width: 1.5, .grid, dash: [])
            canvas.text(format(tick, whole: whole), at: ChartPoint(plot.x - 14, y(tick) + tickFont.size * 0.36), font: tickFont,
                        .muted, anchor: .end)
        }
        drawMarks(on: canvas, plot: plot, x: x)
        canvas.stroke([ChartPoint(plot.x, plot.bottom), ChartPoint(plot.right, plot.bottom)], width: 2.5, .ink, dash: [])
        for (i, label) in labels.text.enumerated() where !label.isEmpty {
            for (k, line) in label.split(separator: "\n").enumerated() {
                canvas.text(String(line), at: ChartPoint(x(Double(i)), plot.bottom + 32 + Double(k) * 30), font: tickFont,
                            .ink, anchor: .middle)
            }
        }

        for (s, series) in model.series.enumerated() {
            var run: [ChartPoint] = []
            for (i, value) in series.values.enumerated() {
                if let value { run.append(ChartPoint(x(Double(i)), y(value))) } else {
                    canvas.stroke(run, width: 5, ChartColor.series(s), dash: [])
                    run = []
                }
            }
            canvas.stroke(run, width: 5, ChartColor.series(s), dash: [])
        }
        for (s, series) in model.series.enumerated() {
            for (i, value) in series.values.enumerated() {
                guard let value else { continue }
                let point = ChartPoint(x(Double(i)), y(value))
                canvas.circle(point, radius: 7.5, fill: ChartColor.series(s), ring: .white, ringWidth: 2.5)
                if single && n <= 16 {
                    let above = point.y - 18 > plot.y + 10
                    canvas.text(format(value, whole: series.isWhole), at: ChartPoint(point.x, above ? point.y - 18 : point.y + 40),
                                font: ChartDrawing.valueFont, .ink, anchor: .middle)
                }
            }
        }
        if !single { drawEndLabels(on: canvas, labels: endLabels, font: endFont, plot: plot, x: x, y: y) }
    }

    /// The period labels: whole, on two lines (`vinter` over `2022/23`), short (`V22/23`), or every k-th.
    private func axisLabels(slot: Double) -> (text: [String], lines: Int) {
        let font = ChartDrawing.tickFont
        let room = slot - 10
        let full = model.categories
        if full.allSatisfy({ measure.width($0, font) <= room }) { return (full, 1) }
        let split = full.map { $0.replacingFirstSpace(with: "\n") }
        if split.allSatisfy({ $0.split(separator: "\n").allSatisfy { measure.width(String($0), font) <= room } }) {
            return (split, 2)
        }
        let short = full.map(ChartDates.shortLabel)
        let widest = short.map { measure.width($0, font) }.max() ?? 0
        let every = widest <= room ? 1 : Int((widest + 10) / slot) + 1
        return (short.enumerated().map { $0.offset % every == 0 ? $0.element : "" }, 1)
    }

    /// Bands for periods of the timeline, dashed rules for starts, and the numbered symbols above.
    private func drawMarks(on canvas: ChartCanvas, plot: ChartRect, x: (Double) -> Double) {
        guard let periods = model.periods else { return }
        var placed: [[ClosedRange<Double>]] = [[], []]
        for mark in model.marks {
            for (k, span) in mark.spans.enumerated() {
                guard let start = TimelineMarks.position(of: span.start, in: periods) else { continue }
                let x0 = x(start)
                if let endDay = span.end {
                    let end = TimelineMarks.position(of: endDay + 1, in: periods) ?? Double(periods.count) - 0.5
                    canvas.fill(ChartRect(x: x0, y: plot.y, width: max(3, x(end) - x0), height: plot.height), .band)
                } else {
                    canvas.stroke([ChartPoint(x0, plot.y - 8), ChartPoint(x0, plot.bottom)], width: 2.5, .muted, dash: [10, 7])
                }
                // The bands show every period; one symbol names them all.
                guard k == 0 else { continue }
                let symbol = mark.symbol(.unicode)
                let w = measure.width(symbol, ChartDrawing.markFont)
                let range = (x0 - w / 2 - 6)...(x0 + w / 2 + 6)
                let row = placed[0].contains(where: { $0.overlaps(range) }) && !placed[1].contains(where: { $0.overlaps(range) }) ? 1 : 0
                placed[row].append(range)
                canvas.text(symbol, at: ChartPoint(x0, plot.y - 16 - Double(row) * 32), font: ChartDrawing.markFont, .ink,
                            anchor: .middle)
            }
        }
    }

    /// Each line's name and last value right of its last point, moved apart where they would touch.
    private func drawEndLabels(on canvas: ChartCanvas, labels: [String], font: ChartFont, plot: ChartRect,
                               x: (Double) -> Double, y: (Double) -> Double) {
        var ends: [(series: Int, x: Double, y: Double)] = []
        for (s, series) in model.series.enumerated() {
            guard let i = series.values.lastIndex(where: { $0 != nil }), let value = series.values[i] else { continue }
            ends.append((s, x(Double(i)) + 16, y(value) + font.size * 0.36))
        }
        ends.sort { $0.y < $1.y }
        let gap = font.size * 1.15
        for k in ends.indices.dropFirst() where ends[k].y - ends[k - 1].y < gap {
            ends[k].y = ends[k - 1].y + gap
        }
        // Pushed below the plot: move the whole stack up again.
        if let last = ends.last, last.y > plot.bottom + 6 {
            let shift = last.y - plot.bottom - 6
            for k in ends.indices { ends[k].y -= shift }
        }
        for end in ends {
            canvas.text(labels[end.series], at: ChartPoint(end.x, end.y), font: font, ChartColor.series(end.series),
                        anchor: .start)
        }
    }
}

extension String {
    /// The text with its first space replaced, for two-line axis labels.
    fileprivate func replacingFirstSpace(with separator: String) -> String {
        guard let i = firstIndex(of: " ") else { return self }
        return String(self[..<i]) + separator + String(self[index(after: i)...])
    }
}
