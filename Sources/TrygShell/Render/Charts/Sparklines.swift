import TrygEngine

/// Lines over periods in one row each, for tight spaces: name, sparkline, first and last value.
///
/// Each row has its own scale (its lowest value is the lowest block), so the shapes compare
/// and the numbers at the end give the size.
struct Sparklines {
    let width: Int
    let glyphs: ChartGlyphs
    let color: Bool

    func render(_ model: ChartModel) -> String {
        let n = model.categories.count
        let texts = model.series.map { s -> String in
            let known = s.values.compactMap { $0 }
            guard let first = known.first, let last = known.last else { return "" }
            return ChartNumber.format(first, whole: s.isWhole) + " " + glyphs.arrow + " " + ChartNumber.format(last, whole: s.isWhole)
        }
        let textWidth = texts.map(DisplayWidth.of).max() ?? 0
        let nameWidth = max(4, min(model.series.map { DisplayWidth.of($0.name) }.max() ?? 0, width - n - textWidth - 2))
        var lines: [String] = []
        if model.titleIsExplicit { lines.append(ChartColors.paint(model.title, "1", color)) }
        if let first = model.categories.first, let last = model.categories.last {
            let what = [model.valueName, model.categoryName].filter { !$0.isEmpty }.joined(separator: " by ")
            lines.append((what.isEmpty ? "" : what + ": ") + ChartDates.shortLabel(first) + " " + glyphs.ellipsis + " "
                         + ChartDates.shortLabel(last))
        }
        for (s, series) in model.series.enumerated() {
            let known = series.values.compactMap { $0 }
            let low = known.min() ?? 0, high = known.max() ?? 0
            let spark = series.values.map { value -> String in
                guard let value else { return " " }
                let level = high > low ? Int(((value - low) / (high - low) * 7).rounded()) : 3
                return glyphs.spark[max(0, min(7, level))]
            }.joined()
            let name = DisplayWidth.pad(DisplayWidth.truncate(series.name, to: nameWidth), to: nameWidth)
            lines.append(name + " " + ChartColors.paint(spark, ChartColors.ansi(s), color) + "  " + texts[s])
        }
        if let periods = model.periods, !model.marks.isEmpty {
            var row = Array(repeating: " ", count: n)
            for mark in model.marks {
                for span in mark.spans {
                    if let p = TimelineMarks.position(of: span.start, in: periods) {
                        row[max(0, min(n - 1, Int(p.rounded())))] = glyphs.mark
                    }
                }
            }
            lines.append(String(repeating: " ", count: nameWidth + 1) + ChartColors.paint(row.joined(), "1", color))
            lines += MarkLegend.lines(model.marks, width: width, glyphs: glyphs, color: color)
        }
        if model.omitted > 0 {
            lines.append("\(glyphs.ellipsis) \(model.omitted) more \(model.omitted == 1 ? "line" : "lines") not drawn")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
