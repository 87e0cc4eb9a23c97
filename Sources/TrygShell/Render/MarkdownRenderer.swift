import Foundation
import TrygEngine

/// Writes a result as a Markdown table, numbers right-aligned, decimals rounded and lined up as
/// in the table view; a suppressed cell reads `..` (`Suppression.withheld`), as there.
public enum MarkdownRenderer {
    public static func render(_ table: Table, suppression: Suppression? = nil) -> String {
        let n = table.columnNames.count
        guard n > 0 else { return "" }
        let header = table.columnNames.map(escape)
        let columns: [[String]] = (0..<n).map { c in
            let texts = (0..<table.rowCount).map { r in
                if let mark = suppression?.marker(row: r, column: c) { return mark }
                let v = table.value(row: r, column: c)
                if case .text(let t) = v { return escape(t) }
                return escape(CellText.display(v))
            }
            return CellText.hasDecimals(table.columns[c].type) ? CellText.commonDecimals(texts, mark: ".") : texts
        }
        let rows: [[String]] = (0..<table.rowCount).map { r in (0..<n).map { columns[$0][r] } }
        var widths = header.map { max(3, DisplayWidth.of($0)) }
        for row in rows { for c in 0..<n { widths[c] = max(widths[c], DisplayWidth.of(row[c])) } }
        let numeric = table.columns.map { CellText.isNumeric($0.type) }
        func line(_ cells: [String]) -> String {
            "| " + (0..<n).map { DisplayWidth.pad(cells[$0], to: widths[$0], right: numeric[$0]) }
                .joined(separator: " | ") + " |"
        }
        var out = [line(header)]
        out.append("|" + (0..<n).map { c in
            " " + String(repeating: "-", count: widths[c] - (numeric[c] ? 1 : 0)) + (numeric[c] ? ":" : "") + " "
        }.joined(separator: "|") + "|")
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    /// A cell with `|` escaped and line breaks as `<br>`, so it stays one cell.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>").replacingOccurrences(of: "|", with: "\\|")
    }
}
