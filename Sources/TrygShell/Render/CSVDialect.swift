/// How CSV output is spelled: the field delimiter, the decimal mark, a byte order mark and
/// line ends. `excel-da` is what Danish Excel opens as numbers and dates without a wizard.
public struct CSVDialect: Equatable, Sendable {
    public var delimiter: Character = ","
    /// Write decimals and floats with a decimal comma (`0,30`).
    public var decimalComma = false
    /// Start the output with a UTF-8 byte order mark (Excel reads the file as UTF-8 then).
    public var byteOrderMark = false
    /// End lines with `\r\n` (RFC 4180, Excel) instead of `\n`.
    public var crlf = false

    public init() {}

    /// `;`, decimal comma, UTF-8 BOM, CRLF; dates stay ISO (`2025-01-31`), which Danish Excel reads.
    public static var excelDanish: CSVDialect {
        var d = CSVDialect()
        d.delimiter = ";"
        d.decimalComma = true
        d.byteOrderMark = true
        d.crlf = true
        return d
    }

    /// The dialects `--dialect` and `.mode csv` name.
    public static let names = ["standard", "excel-da"]

    /// A dialect by name, nil for an unknown one.
    public static func named(_ name: String) -> CSVDialect? {
        switch name.lowercased() {
        case "standard", "rfc4180", "default": return CSVDialect()
        case "excel-da", "excel_da", "da": return .excelDanish
        default: return nil
        }
    }

    /// A delimiter as `--delimiter` spells it (`;`, `,`, `tab`, `pipe`), nil for anything else.
    public static func delimiter(named text: String) -> Character? {
        switch text.lowercased() {
        case ",", "comma": return ","
        case ";", "semicolon": return ";"
        case "tab", "\t", "\\t": return "\t"
        case "|", "pipe": return "|"
        default: return nil
        }
    }
}
