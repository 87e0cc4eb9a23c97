import TrygEngine

/// Writes each row as `column = value` lines, names right-aligned, a blank line between rows.
///
/// Values keep full precision; null reads `NULL`, a suppressed cell `..` (`Suppression.withheld`).
public enum LineRenderer {
    public static func render(_ table: Table, suppression: Suppression? = nil) -> String {
        let width = table.columnNames.map(DisplayWidth.of).max() ?? 0
        var blocks: [String] = []
        for r in 0..<table.rowCount {
            blocks.append(table.columnNames.indices.map { c in
                let v = table.value(row: r, column: c)
                let text = suppression?.marker(row: r, column: c)
                    ?? (v.isNull ? TableRenderer.nullText : CellText.visible(v.display))
                return DisplayWidth.pad(table.columnNames[c], to: width, right: true) + " = " + text
            }.joined(separator: "\n"))
        }
        return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }
}
