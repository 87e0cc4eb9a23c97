import Foundation
import TrygEngine

/// Writes a result as CSV: a header line, RFC 4180 quoting, full precision, null as an empty field.
///
/// By default lines end in `\n`, as Unix tools expect; a dialect (`excel-da`) changes the
/// delimiter, the decimal mark and the line ends, and may begin the output with a byte order mark.
public enum CSVRenderer {
    public static func render(_ table: Table, dialect: CSVDialect = CSVDialect(), first: Bool = true) -> String {
        let end = dialect.crlf ? "\r\n" : "\n"
        let sep = String(dialect.delimiter)
        var out = first && dialect.byteOrderMark ? "\u{FEFF}" : ""
        out += table.columnNames.map { field($0, dialect) }.joined(separator: sep) + end
        for r in 0..<table.rowCount {
            out += (0..<table.columnNames.count).map { c in field(text(table.value(row: r, column: c), dialect), dialect) }
                .joined(separator: sep)
            out += end
        }
        return out
    }

    /// A value as the dialect writes it: decimals exactly with their scale, floats in the
    /// shortest form that reads back, either with the dialect's decimal mark.
    static func text(_ v: Value, _ dialect: CSVDialect) -> String {
        switch v {
        case .decimal(let d): return d.text(mark: dialect.decimalComma ? "," : ".")
        case .float where dialect.decimalComma: return v.display.replacingOccurrences(of: ".", with: ",")
        default: return v.display
        }
    }

    /// A field, quoted when it holds the delimiter, a quote, a line break, or edge spaces.
    static func field(_ s: String, _ dialect: CSVDialect = CSVDialect()) -> String {
        let needsQuotes = s.contains { $0 == dialect.delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
