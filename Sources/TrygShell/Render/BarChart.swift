import TrygEngine

/// A text bar chart for a result with a `chart` stage, drawn under the table.
///
/// Labels come from the non-numeric columns, bar lengths from the charted column (the
/// hint's, or the last numeric one). A line chart is drawn as bars too, in row order.
struct BarChart {
    let width: Int
    let color: Bool
    static let maxBars = 60

    func render(_ table: Table, hint: ChartHint) -> String {
        let numeric = table.columnNames.indices.filter { CellText.isNumeric(table.columns[$0].type) }
        guard let measure = hint.column.flatMap(table.columnIndex) ?? numeric.last else { return "" }
        let labelColumns = table.columnNames.indices.filter { $0 != measure && !numeric.contains($0) }
        let rows = min(table.rowCount, BarChart.maxBars)
        var labels: [String] = [], values: [Double] = []
        for r in 0..<rows {
            labels.append(labelColumns.map { CellText.display(table.value(row: r, column: $0)) }.joined(separator: " · "))
            switch table.value(row: r, column: measure) {
            case .int(let i): values.append(Double(i))
            case .decimal(let d): values.append(d.isFinite ? d : 0)
            default: values.append(0)
            }
        }
        let labelWidth = min(30, labels.map(DisplayWidth.of).max() ?? 0)
        let peak = values.map(abs).max() ?? 0
        let room = max(10, width - labelWidth - 14)
        var out = "\n"
        for (label, value) in zip(labels, values) {
            let length = peak > 0 ? Int((abs(value) / peak * Double(room)).rounded()) : 0
            var bar = String(repeating: "█", count: length)
            if color { bar = "\u{1B}[36m\(bar)\u{1B}[0m" }
            out += DisplayWidth.pad(DisplayWidth.truncate(label, to: labelWidth), to: labelWidth)
                + " │ " + bar + " " + CellText.display(.decimal(value)).replacingZeroDecimal() + "\n"
        }
        if table.rowCount > rows { out += "… \(table.rowCount - rows) more bars not drawn\n" }
        return out
    }
}

extension String {
    /// `12.0` as `12`, for counts shown next to bars.
    fileprivate func replacingZeroDecimal() -> String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
