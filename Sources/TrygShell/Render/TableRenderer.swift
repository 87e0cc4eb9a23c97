import TrygEngine

/// Draws a result as a boxed table: header, types, aligned rows, and a footer with the row count.
///
/// Widths are measured in terminal columns (`DisplayWidth`), numbers are right-aligned,
/// floats rounded to two places, the decimals of a column padded to a common number so their
/// points line up (`2.28`, `2.30`), and null reads `NULL` (dimmed in colour) so it differs
/// from empty text. A table wider than `width` loses columns from the right, with a note;
/// a result longer than `maxRows` is cut with `… N more rows`.
public struct TableRenderer: Sendable {
    /// Rows shown at most; 0 shows all.
    public var maxRows: Int
    /// The screen width to fit; nil never cuts columns.
    public var width: Int?
    public var color: Bool
    /// The widest a single column may grow before its values are cut with `…`.
    public var maxColumnWidth: Int

    /// Numbers Danish style: decimal comma, `.` between thousands (`1.234,50`; ints from 10.000,
    /// so years stay `2025`).
    public var danishNumbers = false
    /// Cells suppressed for publishing, shown as `<N` instead of NULL.
    public var suppression: Suppression?
    /// Draw with `+`, `-` and `|` (a locale that is not UTF-8, or `--ascii`).
    public var ascii = false

    public init(maxRows: Int = 40, width: Int? = nil, color: Bool = false, maxColumnWidth: Int = 40) {
        self.maxRows = maxRows
        self.width = width
        self.color = color
        self.maxColumnWidth = maxColumnWidth
    }

    static let nullText = "NULL"

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// The table as text ending in a newline; `elapsed` adds the time to the footer.
    public func render(_ table: Table, elapsed: Duration? = nil) -> String {
        let shownRows = maxRows > 0 ? min(maxRows, table.rowCount) : table.rowCount
        let columnCount = table.columnNames.count
        var cells: [[String]] = Array(repeating: [], count: columnCount)
        var widths: [Int] = []
        for c in 0..<columnCount {
            let header = CellText.visible(table.columnNames[c])
            let typeName = table.columns[c].type.description
            var w = max(DisplayWidth.of(header), DisplayWidth.of(typeName))
            cells[c].reserveCapacity(shownRows)
            for r in 0..<shownRows {
                let v = table.value(row: r, column: c)
                let text = v.isNull
                    ? (suppression?.marker(row: r, column: c) ?? TableRenderer.nullText)
                    : (danishNumbers ? CellText.danish(v) : CellText.display(v))
                cells[c].append(text)
            }
            if CellText.hasDecimals(table.columns[c].type) {
                cells[c] = CellText.commonDecimals(cells[c], mark: danishNumbers ? "," : ".")
            }
            for text in cells[c] { w = max(w, DisplayWidth.of(text)) }
            widths.append(min(w, maxColumnWidth))
        }
        let (kept, cutWidth) = fit(widths)
        var lines: [String] = []
        let keptWidths = kept.map { $0 == -1 ? 1 : cutWidth[$0] ?? widths[$0] }
        let ellipsis = ascii ? "~" : "…"
        func border(_ l: String, _ m: String, _ r: String) -> String {
            let (l, m, r) = ascii ? ("+", "+", "+") : (l, m, r)
            return paint(l + keptWidths.map { String(repeating: ascii ? "-" : "─", count: $0 + 2) }.joined(separator: m) + r, "2")
        }
        func row(_ texts: [String]) -> String {
            let bar = paint(ascii ? "|" : "│", "2")
            return bar + texts.map { " \($0) " }.joined(separator: bar) + bar
        }
        func cell(_ text: String, _ column: Int, _ w: Int, style: String? = nil) -> String {
            let numeric = column >= 0 && CellText.isNumeric(table.columns[column].type)
            var cut = DisplayWidth.truncate(text, to: w)
            if ascii && cut != text && cut.hasSuffix("…") { cut = String(cut.dropLast()) + "~" }
            let t = DisplayWidth.pad(cut, to: w, right: numeric)
            return style.map { paint(t, $0) } ?? t
        }
        if columnCount > 0 {
            lines.append(border("┌", "┬", "┐"))
            lines.append(row(zip(kept, keptWidths).map { c, w in
                c == -1 ? ellipsis : cell(CellText.visible(table.columnNames[c]), c, w, style: "1")
            }))
            lines.append(row(zip(kept, keptWidths).map { c, w in
                c == -1 ? " " : cell(table.columns[c].type.description, c, w, style: "2")
            }))
            lines.append(border("├", "┼", "┤"))
            for r in 0..<shownRows {
                lines.append(row(zip(kept, keptWidths).map { c, w in
                    if c == -1 { return ellipsis }
                    let isNull = table.columns[c].isNull(r)
                    return cell(cells[c][r], c, w, style: isNull ? "2;3" : nil)
                }))
            }
            lines.append(border("└", "┴", "┘"))
        }
        if shownRows < table.rowCount {
            let more = table.rowCount - shownRows
            lines.append("\(ascii ? "..." : "…") \(more) more \(more == 1 ? "row" : "rows") (.maxrows N to show more)")
        }
        var footer = "\(table.rowCount) \(table.rowCount == 1 ? "row" : "rows")"
        if let elapsed { footer += " (\(TableRenderer.format(elapsed)))" }
        lines.append(paint(footer, "2"))
        let cut = (0..<columnCount).filter { !kept.contains($0) }
        if !cut.isEmpty {
            let names = cut.map { table.columnNames[$0] }.joined(separator: ", ")
            let note = "\(cut.count) \(cut.count == 1 ? "column" : "columns") not shown: \(names) (try .mode line)"
            // Wrapped at word boundaries, a line at a time, so a narrow terminal never breaks a name.
            let wrapped = width.map { TextWrap.wrap(note, width: max(20, $0 - 1)) } ?? note
            lines += wrapped.split(separator: "\n", omittingEmptySubsequences: false).map { paint(String($0), "2") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Chooses the columns that fit in `width`: the leading ones, then a `…` column (index -1).
    /// When even the first column is too wide, it is narrowed (returned in the second value).
    func fit(_ widths: [Int]) -> ([Int], [Int: Int]) {
        let all = Array(widths.indices)
        guard let width, !widths.isEmpty else { return (all, [:]) }
        func total(_ ws: [Int]) -> Int { 1 + ws.reduce(0) { $0 + $1 + 3 } }
        if total(widths) <= width { return (all, [:]) }
        var kept: [Int] = []
        for i in widths.indices {
            if total(kept.map { widths[$0] } + [widths[i], 1]) > width { break }
            kept.append(i)
        }
        if kept.isEmpty {
            // Room for one narrowed column and the marker: 1 + (w + 3) + (1 + 3) = width.
            return ([0, -1], [0: max(1, width - 8)])
        }
        return (kept + [-1], [:])
    }

    /// A duration for people: `850 µs`, `12.3 ms`, `1.25 s`.
    static func format(_ d: Duration) -> String {
        let (seconds, attos) = d.components
        let micros = Double(seconds) * 1e6 + Double(attos) / 1e12
        if micros < 1000 { return "\(Int(micros.rounded())) µs" }
        if micros < 1e6 { return CellText.rounded(micros / 1000).replacingSuffix() + " ms" }
        return CellText.rounded(micros / 1e6).replacingSuffix() + " s"
    }
}

extension String {
    /// `12.0` as `12`: durations read better without a bare `.0`.
    fileprivate func replacingSuffix() -> String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
