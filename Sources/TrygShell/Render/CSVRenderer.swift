import Foundation
import TrygEngine

/// Writes a result as CSV: a header line, RFC 4180 quoting, full precision, null as an empty field.
///
/// Lines end in `\n` rather than RFC 4180's `\r\n`, as Unix tools expect.
public enum CSVRenderer {
    public static func render(_ table: Table) -> String {
        var out = table.columnNames.map(field).joined(separator: ",") + "\n"
        for r in 0..<table.rowCount {
            out += (0..<table.columnNames.count).map { c in field(table.value(row: r, column: c).display) }
                .joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// A field, quoted when it holds a comma, a quote, a line break, or edge spaces.
    static func field(_ s: String) -> String {
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
