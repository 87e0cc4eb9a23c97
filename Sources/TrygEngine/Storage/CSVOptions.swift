import TrygDomain

/// How to read a CSV file: the delimiter, per-column types that override inference, and
/// ordered scales that turn matching text columns into categories.
public struct CSVOptions: Sendable {
    /// The byte between fields: `,` by default, `;` for many Danish exports, or a tab.
    public var delimiter: UInt8
    /// Column types that replace inference; a value that does not fit rejects its row.
    public var types: [String: DataType]
    /// Scales by column name: a text column whose non-null values all belong to its scale
    /// (ignoring case) becomes `.category(scale)`; otherwise it stays text.
    public var scales: [String: OrderedScale]
    /// How many stretches of the file to read at once; nil picks by file size and cores.
    /// Set by tests to exercise the stitching of chunks on small inputs.
    var chunks: Int?

    /// Options for a CSV load; the defaults read comma-separated files with inferred types.
    public init(delimiter: UInt8 = UInt8(ascii: ","), types: [String: DataType] = [:],
                scales: [String: OrderedScale] = [:]) {
        self.delimiter = delimiter
        self.types = types
        self.scales = scales
    }
}

/// The result of loading a CSV file: the table, the rows that could not be loaded, and counts.
public struct CSVLoad: Sendable {
    /// The loaded rows, one column per header field.
    public let table: Table
    /// Rejected rows with columns `file`, `line` (int), `raw` and `reason`; nil when none.
    public let rejects: Table?
    /// Rows in `table`.
    public let rowsLoaded: Int
    /// Rows in `rejects`.
    public let rowsRejected: Int

    /// A load result; the counts are those of `table` and `rejects`.
    public init(table: Table, rejects: Table?, rowsLoaded: Int, rowsRejected: Int) {
        self.table = table
        self.rejects = rejects
        self.rowsLoaded = rowsLoaded
        self.rowsRejected = rowsRejected
    }
}
