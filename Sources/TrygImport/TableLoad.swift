import TrygEngine
/// The result of loading a file: the table, the rows that could not be loaded, and a report
/// of how the file was read.
public struct TableLoad: Sendable {
    /// The loaded rows, one column per header field.
    public let table: Table
    /// Rejected rows with columns `file`, `line` (int), `raw` and `reason`; nil when none.
    public let rejects: Table?
    /// Rows in `table`.
    public let rowsLoaded: Int
    /// Rows in `rejects`.
    public let rowsRejected: Int
    /// What was found out about the file, and the warnings of the load.
    public var report: LoadReport

    /// A load result; the counts are those of `table` and `rejects`.
    public init(table: Table, rejects: Table?, rowsLoaded: Int, rowsRejected: Int, report: LoadReport = LoadReport()) {
        self.table = table
        self.rejects = rejects
        self.rowsLoaded = rowsLoaded
        self.rowsRejected = rowsRejected
        self.report = report
    }

    /// The name of the table that holds a table's rejected rows.
    public static func rejectsName(_ table: String) -> String { table + "_rejects" }

    /// `incidents: 12,345 rows loaded, 3 rejected — see incidents_rejects`.
    public func summary(name: String) -> String {
        var s = "\(name): \(LoadReport.grouped(rowsLoaded)) \(rowsLoaded == 1 ? "row" : "rows") loaded"
        if rowsRejected > 0 {
            s += ", \(LoadReport.grouped(rowsRejected)) rejected — see \(TableLoad.rejectsName(name))"
        }
        return s
    }

    /// The summary, then a line for each thing a person must know (`note: …`): what a
    /// script or `--data` load prints.
    public func noticeText(name: String) -> String {
        ([summary(name: name)] + report.notes.map { "  note: \($0)" }).joined(separator: "\n")
    }

    /// The summary, then one line per finding and the columns with their types.
    public func reportText(name: String) -> String {
        ([summary(name: name)] + report.lines(for: table)).joined(separator: "\n")
    }
}

/// The result of a CSV load (the same as any other load).
public typealias CSVLoad = TableLoad
