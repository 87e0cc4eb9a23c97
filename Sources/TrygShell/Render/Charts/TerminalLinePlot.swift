import TrygEngine

/// Lines over periods in a terminal: a plot with a value axis, the periods under it, the
/// timeline's marks under those, and a legend of the lines and the marks.
///
/// Lines are drawn in Braille dots (ASCII slopes in the fallback); each point carries its
/// line's symbol, so the lines stay apart without colour. The effort's start is a faint rule.
struct TerminalLinePlot {
    let width: Int
    /// Rows of the plot itself, without axis, labels and legend.
    let height: Int
    let glyphs: ChartGlyphs
    let color: Bool

    func render(_ model: ChartModel) -> String {
        let values = model.allValues
        guard let low = values.min(), let high = values.max() else { return "no values to chart\n" }
        let scale = ChartScale.nice(low, high, ticks: max(2, height / 2), includeZero: ChartScale.startsAtZero(values))
        let whole = model.series.allSatisfy(\.isWhole) && scale.step >= 1 && scale.step.rounded() == scale.step
        let tickLabels = scale.ticks.map { ChartNumber.format($0, whole: whole) }
        let axisWidth = tickLabels.map(\.count).max() ?? 1
        let columns = max(10, width - axisWidth - 3)
        var grid = PlotGrid(columns: columns, rows: height, braille: glyphs.braille)
        let n = model.categories.count
        let subColumns = glyphs.braille ? 2 : 1
        func dotX(_ position: Double) -> Int {
            min(grid.width - 1, max(0, Int(((position + 0.5) / Double(n) * Double(grid.width)).rounded(.down))))
        }
        func dotY(_ value: Double) -> Int { Int(((1 - scale.fraction(value)) * Double(grid.height - 1)).rounded()) }

        for (s, series) in model.series.enumerated() {
            var previous: (x: Int, y: Int)?
            for (i, value) in series.values.enumerated() {
                guard let value else { previous = nil; continue }
                let point = (x: dotX(Double(i)), y: dotY(value))
                if let previous { grid.line(from: previous, to: point, series: s) }
                previous = point
            }
        }
        for (s, series) in model.series.enumerated() {
            for (i, value) in series.values.enumerated() {
                if let value { grid.put(glyphs.marker(s), atDot: dotX(Double(i)), dotY(value), series: s) }
            }
        }
        let markColumns = placedMarks(model, column: { dotX($0) / subColumns })
        // A start on the axis's first day needs no rule: the axis is there.
        for (column, mark) in markColumns where mark.isEffortStart && column > 0 {
            for row in 0..<height where grid.isEmpty(column: column, row: row) {
                grid.put(glyphs.rule, column: column, row: row, series: nil)
            }
        }

        var lines: [String] = []
        if model.titleIsExplicit { lines.append(ChartColors.paint(model.title, "1", color)) }
        if !model.valueName.isEmpty { lines.append(model.valueName) }
        var tickRows: [Int: String] = [:]
        for (t, label) in zip(scale.ticks, tickLabels) {
            tickRows[Int(((1 - scale.fraction(t)) * Double(height - 1)).rounded())] = label
        }
        let paint = { (text: String, series: Int?) in
            series.map { ChartColors.paint(text, ChartColors.ansi($0), color) } ?? ChartColors.paint(text, "2", color)
        }
        for row in 0..<height {
            let axis = tickRows[row].map { DisplayWidth.pad($0, to: axisWidth, right: true) + " " + glyphs.tickLeft }
                ?? String(repeating: " ", count: axisWidth + 1) + glyphs.vertical
            lines.append(trimmed(axis + grid.text(row: row, paint: paint)))
        }
        let margin = String(repeating: " ", count: axisWidth + 1)
        var axisLine = Array(repeating: glyphs.horizontal, count: columns)
        for i in 0..<n { axisLine[dotX(Double(i)) / subColumns] = glyphs.tickDown }
        lines.append(margin + glyphs.corner + axisLine.joined())
        lines.append(trimmed(margin + " " + periodLabels(model, columns: columns, column: { dotX(Double($0)) / subColumns })))
        if !markColumns.isEmpty {
            var row = CellRow(columns)
            for (column, mark) in markColumns { row.place(mark.symbol(glyphs), at: column, shift: true) }
            lines.append(trimmed(margin + " " + row.text { ChartColors.paint($0, "1", color) }))
        }
        lines += legend(model)
        lines += MarkLegend.lines(model.marks, width: width, glyphs: glyphs, color: color)
        if model.omitted > 0 {
            lines.append("\(glyphs.ellipsis) \(model.omitted) more \(model.omitted == 1 ? "line" : "lines") not drawn")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each mark's spans as plot columns, in order.
    private func placedMarks(_ model: ChartModel, column: (Double) -> Int) -> [(Int, TimelineMark)] {
        guard let periods = model.periods else { return [] }
        var placed: [(Int, TimelineMark)] = []
        for mark in model.marks {
            for span in mark.spans {
                if let p = TimelineMarks.position(of: span.start, in: periods) { placed.append((column(p), mark)) }
            }
        }
        return placed.sorted { $0.0 < $1.0 }
    }

    /// The periods under the axis: in full when they fit, else short (`V22/23`), else every k-th.
    private func periodLabels(_ model: ChartModel, columns: Int, column: (Int) -> Int) -> String {
        let n = model.categories.count
        let slot = Double(columns) / Double(max(1, n))
        var labels = model.categories
        if Double(labels.map(DisplayWidth.of).max() ?? 0) >= slot { labels = labels.map(ChartDates.shortLabel) }
        let widest = Double(labels.map(DisplayWidth.of).max() ?? 0)
        let every = widest >= slot ? Int(((widest + 1) / slot).rounded(.up)) : 1
        var row = CellRow(columns)
        for i in stride(from: 0, to: n, by: every) {
            row.place(labels[i], at: column(i) - DisplayWidth.of(labels[i]) / 2, shift: false)
        }
        return row.text { $0 }
    }

    /// The lines' symbols and names, wrapped to the width; nothing for a single unnamed line.
    private func legend(_ model: ChartModel) -> [String] {
        guard model.series.count > 1 || model.series.first?.name != model.valueName else { return [] }
        var lines: [String] = []
        var line = "", used = 0
        for (s, series) in model.series.enumerated() {
            let entry = glyphs.marker(s) + " " + series.name
            let w = DisplayWidth.of(entry)
            if used > 0 && used + 2 + w > width {
                lines.append(line)
                line = ""
                used = 0
            }
            line += (used > 0 ? "  " : "") + ChartColors.paint(glyphs.marker(s), ChartColors.ansi(s), color) + " " + series.name
            used += (used > 0 ? 2 : 0) + w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private func trimmed(_ line: String) -> String {
        String(line.trimmingEnd { $0 == " " })
    }
}

/// A row of terminal cells where texts are placed without overlapping.
struct CellRow {
    private var cells: [Character?]
    private var texts: [(start: Int, text: String)] = []

    init(_ columns: Int) { cells = Array(repeating: nil, count: columns) }

    /// Places text from a column; moves it right past what is there when `shift`, else leaves it out.
    /// A placed text keeps a free cell before the next one.
    mutating func place(_ text: String, at column: Int, shift: Bool) {
        let w = DisplayWidth.of(text)
        var start = max(0, min(column, cells.count - w))
        func free(_ s: Int) -> Bool {
            s >= 0 && s + w <= cells.count && (max(0, s - 1)..<min(cells.count, s + w + 1)).allSatisfy { cells[$0] == nil }
        }
        if !free(start) {
            guard shift, let next = (start..<max(start, cells.count - w + 1)).first(where: free) else { return }
            start = next
        }
        for i in start..<start + w { cells[i] = " " }
        texts.append((start, text))
    }

    func text(_ paint: (String) -> String) -> String {
        var out = "", at = 0
        for (start, text) in texts.sorted(by: { $0.start < $1.start }) {
            out += String(repeating: " ", count: start - at) + paint(text)
            at = start + DisplayWidth.of(text)
        }
        return out
    }
}
