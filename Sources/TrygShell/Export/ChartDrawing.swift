import Foundation

/// Lays out a chart image: title, the plot, the legend of timeline marks, and the source line.
///
/// Sizes are for a projector: a 1600 × 900 layout with labels of 24–28 units and a 44-unit
/// title, so the smallest text is still about 2.5 % of the picture's height.
struct ChartDrawing {
    let model: ChartModel
    let measure = ChartTextMeasure.shared

    static let margin = 64.0
    static let titleFont = ChartFont(size: 44, bold: true)
    static let smallTitleFont = ChartFont(size: 36, bold: true)
    static let labelFont = ChartFont(size: 28)
    static let tickFont = ChartFont(size: 24)
    static let valueFont = ChartFont(size: 26, bold: true)
    static let legendFont = ChartFont(size: 26)
    static let markFont = ChartFont(size: 26, bold: true)
    static let sourceFont = ChartFont(size: 22)

    func draw(on canvas: ChartCanvas, width: Double, height: Double) {
        let m = ChartDrawing.margin
        canvas.fill(ChartRect(x: 0, y: 0, width: width, height: height), .white)
        let top = drawTitle(on: canvas, width: width)
        var bottom = height - 30
        if let source = model.source {
            canvas.text(source, at: ChartPoint(m, bottom), font: ChartDrawing.sourceFont, .muted, anchor: .start)
            bottom -= 44
        } else {
            bottom -= 14
        }
        bottom = drawMarkLegend(on: canvas, bottom: bottom, width: width)
        let area = ChartRect(x: m, y: top, width: width - 2 * m, height: max(100, bottom - top))
        switch model.kind {
        case .bar: drawBars(on: canvas, in: area)
        case .line: drawLines(on: canvas, in: area)
        }
    }

    /// The title in up to two lines, smaller when it is long; returns where the plot may start.
    private func drawTitle(on canvas: ChartCanvas, width: Double) -> Double {
        let room = width - 2 * ChartDrawing.margin
        var font = ChartDrawing.titleFont
        var lines = wrap(model.title, font, room)
        if lines.count > 2 {
            font = ChartDrawing.smallTitleFont
            lines = wrap(model.title, font, room)
        }
        if lines.count > 2 { lines = [lines[0], measure.fit(lines[1...].joined(separator: " "), font, to: room)] }
        var y = 24.0
        for line in lines {
            y += font.size * 1.2
            canvas.text(line, at: ChartPoint(ChartDrawing.margin, y), font: font, .ink, anchor: .start)
        }
        return y + 30
    }

    /// Words into lines no wider than `room`.
    func wrap(_ text: String, _ font: ChartFont, _ room: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && measure.width(candidate, font) > room {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The marks' legend above the source line; returns its top.
    ///
    /// One column when few, else two as wide as their entries; the font steps down, and two
    /// columns become one, before an entry is cut.
    private func drawMarkLegend(on canvas: ChartCanvas, bottom: Double, width: Double) -> Double {
        guard !model.marks.isEmpty else { return bottom }
        let room = width - 2 * ChartDrawing.margin
        let gap = 48.0
        let entries = model.marks.map { ($0.symbol(.unicode), $0.legend) }
        func entryWidth(_ i: Int, _ size: Double) -> Double {
            measure.width(entries[i].0, ChartFont(size: size, bold: true)) + 12 + measure.width(entries[i].1, ChartFont(size: size))
        }
        // Column widths for a layout, or nil when an entry would be cut.
        func widths(columns: Int, size: Double) -> [Double]? {
            let rows = (entries.count + columns - 1) / columns
            let w = (0..<columns).map { c in (c * rows..<min(entries.count, (c + 1) * rows)).map { entryWidth($0, size) }.max() ?? 0 }
            return w.reduce(0, +) + gap * Double(columns - 1) <= room ? w : nil
        }
        let layouts: [(columns: Int, size: Double)] = entries.count <= 3
            ? [(1, 26), (1, 24), (1, 22)] : [(2, 26), (2, 24), (2, 22), (1, 24), (1, 22), (2, 20)]
        var chosen = layouts[layouts.count - 1]
        var columnWidths = Array(repeating: (room - gap) / Double(chosen.columns), count: chosen.columns)
        for layout in layouts {
            if let w = widths(columns: layout.columns, size: layout.size) {
                chosen = layout
                columnWidths = w
                break
            }
        }
        let font = ChartFont(size: chosen.size), symbolFont = ChartFont(size: chosen.size, bold: true)
        let rows = (entries.count + chosen.columns - 1) / chosen.columns
        let lineHeight = chosen.size * 1.45
        let top = bottom - Double(rows) * lineHeight
        for (i, (symbol, text)) in entries.enumerated() {
            let column = i / rows
            let x = ChartDrawing.margin + columnWidths[..<column].reduce(0, +) + gap * Double(column)
            let y = top + Double(i % rows + 1) * lineHeight - chosen.size * 0.4
            canvas.text(symbol, at: ChartPoint(x, y), font: symbolFont, .ink, anchor: .start)
            let indent = measure.width(symbol, symbolFont) + 12
            canvas.text(measure.fit(text, font, to: columnWidths[column] - indent), at: ChartPoint(x + indent, y), font: font,
                        .ink, anchor: .start)
        }
        return top - 16
    }

    /// A value as the image prints it.
    func format(_ value: Double, whole: Bool) -> String {
        ChartNumber.format(value, whole: whole).replacingOccurrences(of: "-", with: "−")
    }
}
