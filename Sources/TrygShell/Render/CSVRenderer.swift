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
        case .decimal(let d): return unambiguous(d.text(mark: dialect.decimalComma ? "," : "."), dialect)
        case .float where dialect.decimalComma: return unambiguous(v.display.replacingOccurrences(of: ".", with: ","), dialect)
        case .float: return unambiguous(v.display, dialect)
        default: return v.display
        }
    }

    /// A number whose mark a reader of this dialect takes for a thousands separator (`1.250`
    /// in a `;` file, as Danish Excel groups thousands; `1,250` in a file of another delimiter)
    /// gets a fourth decimal (`1.2500`): the same number, which tryg and other readers cannot
    /// read as 1250.
    static func unambiguous(_ s: String, _ dialect: CSVDialect) -> String {
        guard (dialect.delimiter == ";") != dialect.decimalComma else { return s }
        let u = Array(s.utf8)
        let digits = u.first == UInt8(ascii: "-") ? u.dropFirst() : u[...]
        guard let mark = digits.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }) else { return s }
        let before = mark - digits.startIndex, after = digits.endIndex - mark - 1
        guard (1...3).contains(before), after == 3,
              digits.allSatisfy({ $0 == u[mark] || $0 &- UInt8(ascii: "0") < 10 }) else { return s }
        return s + "0"
    }

    /// A field, quoted when it holds the delimiter, a quote, a line break, or edge spaces.
    static func field(_ s: String, _ dialect: CSVDialect = CSVDialect()) -> String {
        let needsQuotes = s.contains { $0 == dialect.delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
