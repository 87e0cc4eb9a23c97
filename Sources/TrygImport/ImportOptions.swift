import TrygDomain
import TrygEngine

/// How to read a data file: the options of `.import` and `--data`, and what the shell adds
/// (scales, cancellation). Every part of the format left nil is sniffed from the file (CSV)
/// or found in it (XLSX), and the load's report says what was found; a part that is set is
/// used as given. The CSV-only parts (delimiter, quoting, encoding, decimal, thousands) mean
/// nothing for a workbook, whose cells carry their own format; `sheet` only for a workbook.
public struct ImportOptions: Sendable, Equatable {
    /// The byte between fields: `,`, `;` (Danish Excel), a tab or `|`; nil sniffs among them.
    public var delimiter: UInt8?
    /// Whether `"` quotes fields (RFC 4180); nil sniffs (quoting unless quotes only make trouble).
    public var quoting: Bool?
    /// Whether the first row names the columns; nil sniffs (a header unless the first row is
    /// data). For a workbook, nil finds it (the first row, or the first full one below a
    /// title), true takes the first row with cells, false names the columns `column_1`, ….
    public var header: Bool?
    /// The file's text encoding; nil sniffs (a BOM, then UTF-8, then Windows-1252).
    public var encoding: TextEncoding?
    /// Whether numbers are written with a decimal comma (`3,5`); nil sniffs.
    public var decimalComma: Bool?
    /// The thousands separator in numbers; nil follows the decimal mark (`.` with a decimal
    /// comma, `,` with a decimal point).
    public var thousands: ThousandsSeparator?
    /// Column types that replace inference; a value that does not fit rejects its row.
    public var types: [String: DataType]
    /// Values that mean "missing" besides the standard ones (`NULL`, `N/A`, `NA`, `-`): null
    /// in a typed column, and counted in the report.
    public var nullMarkers: [String] = []
    /// The sheet of a workbook by name (ignoring case); nil takes the first visible one.
    public var sheet: String?
    /// Scales by column name: a text column whose non-null values all belong to its scale
    /// (ignoring case) becomes `.category(scale)`; otherwise it stays text.
    public var scales: [String: OrderedScale]
    /// Raised (by Ctrl-C) to stop the load; the load then throws and nothing is kept.
    public var cancellation: CancellationFlag?
    /// How many stretches of the file to read at once; nil picks by file size and cores.
    /// Set by tests and the fuzzer to exercise the stitching of chunks on small inputs.
    @_spi(Chunking) public var chunks: Int?
    /// Whether a text column's first rows are kept as bytes until its first checkpoint
    /// (`CSVTextProbe`); false encodes them from the first row. The table is the same either
    /// way; tests set it to compare the two.
    @_spi(Chunking) public var probesText = true

    /// The declared types keyed by the column each names: the name as written, else the one
    /// column name equal to it ignoring case (`--type beløb=decimal` for `Beløb`), as a query's
    /// names resolve; `unmatched` holds the declared names that find no column, or two.
    public func resolvedTypes(_ names: [String]) -> (types: [String: DataType], unmatched: [String]) {
        var types: [String: DataType] = [:]
        var unmatched: [String] = []
        for (given, type) in self.types.sorted(by: { $0.key < $1.key }) {
            let name = given.precomposedForTrygNFC
            if names.contains(name) {
                types[name] = type
                continue
            }
            let folded = names.filter { $0.lowercased() == name.lowercased() }
            if folded.count == 1, let only = folded.first { types[only] = type } else { unmatched.append(given) }
        }
        return (types, unmatched)
    }

    /// Options for a load; the defaults sniff the format and infer the types.
    public init(delimiter: UInt8? = nil, quoting: Bool? = nil, header: Bool? = nil, encoding: TextEncoding? = nil,
                decimalComma: Bool? = nil, thousands: ThousandsSeparator? = nil, types: [String: DataType] = [:],
                nullMarkers: [String] = [], sheet: String? = nil, scales: [String: OrderedScale] = [:], cancellation: CancellationFlag? = nil) {
        self.delimiter = delimiter
        self.quoting = quoting
        self.header = header
        self.encoding = encoding
        self.decimalComma = decimalComma
        self.thousands = thousands
        self.types = types
        self.nullMarkers = nullMarkers
        self.sheet = sheet
        self.scales = scales
        self.cancellation = cancellation
    }

    /// Equal options read a file the same way (the same cancellation flag, by identity).
    public static func == (a: ImportOptions, b: ImportOptions) -> Bool {
        a.delimiter == b.delimiter && a.quoting == b.quoting && a.header == b.header && a.encoding == b.encoding
            && a.decimalComma == b.decimalComma && a.thousands == b.thousands && a.types == b.types
            && a.nullMarkers == b.nullMarkers && a.sheet == b.sheet && a.scales == b.scales && a.cancellation === b.cancellation && a.chunks == b.chunks
            && a.probesText == b.probesText
    }
}

/// A text encoding a data file may be written in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    /// Windows' "ANSI" code page for Western Europe: what older Danish Excel saves as CSV.
    case windows1252 = "Windows-1252"
    /// Excel's "Unicode text" export (with a byte order mark).
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    /// Latin-9: Latin-1 with `€` (Unix tools of the 2000s).
    case latin9 = "ISO-8859-15"
    /// DOS's Western European code page, in old systems' exports.
    case cp850 = "IBM850"
    /// What Excel for Mac saves as "CSV (Macintosh)".
    case macRoman = "MacRoman"

    /// The encoding a user names: `utf-8`, `utf8`, `windows-1252`, `cp1252`, `ansi`, `latin1`, ….
    public init?(name: String) {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win1252", "ansi", "latin1", "latin-1", "iso-8859-1": self = .windows1252
        case "utf-16le", "utf16le": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "iso-8859-15", "latin9", "latin-9": self = .latin9
        case "cp850", "ibm850", "dos": self = .cp850
        case "macroman", "mac-roman", "macintosh", "mac": self = .macRoman
        default: return nil
        }
    }

    /// The names `init(name:)` takes, for messages.
    public static let names = "utf-8, windows-1252, utf-16le, utf-16be, iso-8859-15, cp850, macroman"
}

/// The byte that groups thousands in numbers (`12.345,50`), or none.
public enum ThousandsSeparator: Sendable, Equatable {
    case none
    case separator(UInt8)
}
