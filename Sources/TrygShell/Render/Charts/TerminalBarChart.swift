import TrygEngine

/// Horizontal bars in a terminal: a label, a bar in eighths of a cell, and the value at its end.
///
/// Several measures are drawn side by side: on one scale as a group of bars per label when
/// they are the same quantity (periods of a pivot or `compare`), else as panels with a scale
/// each. Negative values grow left from a zero axis, to half a cell (Unicode has no left eighths).
struct TerminalBarChart {
    let width: Int
    let glyphs: ChartGlyphs
    let color: Bool

    func render(_ model: ChartModel) -> String {
        let grouped = model.sharedScale && model.series.count > 1
        let suffixes = markSuffixes(model)
        let marksWidth = suffixes.map(DisplayWidth.of).max() ?? 0
        let nameWidth = grouped ? min(16, model.series.map { DisplayWidth.of($0.name) }.max() ?? 0) : 0
        let panels = grouped ? 1 : model.series.count
        let labels = model.series.map { ChartNumber.labels($0.values, whole: $0.isWhole) }
        let valueWidth = labels.joined().compactMap { $0.map(DisplayWidth.of) }.max() ?? 1
        let fixed = 1 + (grouped ? nameWidth + 1 : 0) + marksWidth + (panels - 1)
        // Labels give way first, to a third of the width; the bars keep room for two value texts.
        let wanted = max(DisplayWidth.of(model.categoryName), model.categories.map(DisplayWidth.of).max() ?? 0)
        let minPanel = 2 * valueWidth + 8
        let labelWidth = max(4, min(wanted, max(width / 3, width - fixed - panels * minPanel)))
        let panelWidth = max(minPanel, (width - labelWidth - fixed) / panels)

        var lines: [String] = []
        if model.titleIsExplicit { lines.append(ChartColors.paint(model.title, "1", color)) }
        let layouts: [BarPanel]
        if grouped {
            let shared = BarPanel(values: model.allValues, width: panelWidth, valueWidth: valueWidth)
            layouts = Array(repeating: shared, count: model.series.count)
        } else {
            layouts = model.series.map { BarPanel(values: $0.values.compactMap { $0 }, width: panelWidth, valueWidth: valueWidth) }
        }
        var header = DisplayWidth.pad(DisplayWidth.truncate(model.categoryName, to: labelWidth), to: labelWidth) + " "
        if grouped {
            header += String(repeating: " ", count: nameWidth + 1) + layouts[0].header("", glyphs: glyphs)
        } else {
            header += zip(model.series, layouts).map { $1.header($0.name, glyphs: glyphs) }.joined(separator: " ")
        }
        lines.append(trimmed(header))
        for c in model.categories.indices {
            let label = DisplayWidth.pad(DisplayWidth.truncate(model.categories[c], to: labelWidth), to: labelWidth)
            if grouped {
                for (s, series) in model.series.enumerated() {
                    let name = DisplayWidth.pad(DisplayWidth.truncate(series.name, to: nameWidth), to: nameWidth)
                    let bar = layouts[s].row(series.values[c], text: labels[s][c], glyphs: glyphs,
                                             paint: { ChartColors.paint($0, ChartColors.ansi(s), color) })
                    let mark = s == 0 ? suffixes[c] : ""
                    lines.append(trimmed((s == 0 ? label : String(repeating: " ", count: labelWidth)) + " " + name + " " + bar + mark))
                }
            } else {
                let bars = model.series.enumerated().map { s, series in
                    layouts[s].row(series.values[c], text: labels[s][c], glyphs: glyphs,
                                   paint: { ChartColors.paint($0, ChartColors.ansi(s), color) })
                }
                lines.append(trimmed(label + " " + bars.joined(separator: " ") + suffixes[c]))
            }
        }
        if model.omitted > 0 {
            lines.append("\(glyphs.ellipsis) \(model.omitted) more \(model.omitted == 1 ? "bar" : "bars") not drawn")
        }
        lines += MarkLegend.lines(model.marks, width: width, glyphs: glyphs, color: color)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The marks after each bar's value: ` ▲1 ▲2` for the timeline events in its period.
    private func markSuffixes(_ model: ChartModel) -> [String] {
        var suffixes = Array(repeating: "", count: model.categories.count)
        for mark in model.marks {
            for c in TimelineMarks.categories(of: mark, in: model) where c < suffixes.count {
                suffixes[c] += " " + ChartColors.paint(mark.symbol(glyphs), "1", color)
            }
        }
        return suffixes
    }

    private func trimmed(_ line: String) -> String {
        String(line.trimmingEnd { $0 == " " })
    }
}
