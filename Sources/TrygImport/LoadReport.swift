import TrygEngine
/// What a load found out about a file and what it did with it: the parts of the format (each
/// given or sniffed, with the evidence), the columns' types and how many values each turned
/// away, and the warnings (renamed columns and the like).
public struct LoadReport: Sendable, Equatable {
    /// One decided part of the format.
    public struct Finding: Sendable, Equatable {
        /// `encoding`, `delimiter`, `quoting`, `header`, `numbers`, `sheet`, ….
        public let part: String
        /// What was decided, as the person would write it (`';'`, `Windows-1252`).
        public let value: String
        /// True when the options gave it; false when it was sniffed from the file.
        public let given: Bool
        /// Why a sniffed part came out this way, briefly.
        public let evidence: String?

        public init(part: String, value: String, given: Bool, evidence: String? = nil) {
            self.part = part
            self.value = value
            self.given = given
            self.evidence = evidence
        }
    }

    /// The format, e.g. `CSV` or `XLSX`.
    public var format: String
    public var findings: [Finding]
    /// Per column (in table order): values that did not fit its type, and so rejected their row.
    public var misfits: [Int]
    /// Columns whose type fell back to text because too many values did not fit, with why.
    public var textFallbacks: [String: String]
    public var warnings: [Diagnostic]
    /// What a person must know about how the file was read, one line each: lines passed
    /// over, columns kept as text and why, values read as null, separators decided, ….
    public var notes: [String]

    public init(format: String = "CSV", findings: [Finding] = [], misfits: [Int] = [],
                textFallbacks: [String: String] = [:], warnings: [Diagnostic] = [], notes: [String] = []) {
        self.format = format
        self.findings = findings
        self.misfits = misfits
        self.textFallbacks = textFallbacks
        self.warnings = warnings
        self.notes = notes
    }

    /// The finding for a part, if any.
    public func finding(_ part: String) -> Finding? { findings.first { $0.part == part } }

    /// Columns listed before the rest are summed up.
    static let columnsShown = 16

    /// One line per finding, then the columns: the body of a load's report.
    func lines(for table: Table) -> [String] {
        let width = findings.map(\.part.count).max() ?? 0
        var lines = findings.map { f -> String in
            let pad = String(repeating: " ", count: max(0, max(width, 7) - f.part.count))
            let how = f.given ? " (given)" : f.evidence.map { " (\($0))" } ?? ""
            return "  \(f.part)\(pad)  \(f.value)\(how)"
        }
        var columns: [String] = []
        for (i, name) in table.columnNames.enumerated() where i < LoadReport.columnsShown {
            var item = "\(name) \(table.columns[i].type)"
            if i < misfits.count, misfits[i] > 0 { item += " (\(LoadReport.grouped(misfits[i])) rejected)" }
            if let why = textFallbacks[name] { item += " (\(why))" }
            columns.append(item)
        }
        if table.columnNames.count > LoadReport.columnsShown {
            columns.append("… \(table.columnNames.count - LoadReport.columnsShown) more")
        }
        let pad = String(repeating: " ", count: max(0, max(width, 7) - 7))
        lines.append("  columns\(pad)  " + columns.joined(separator: ", "))
        lines += notes.map { "  note: \($0)" }
        return lines
    }

    /// A count with thousands grouped by commas: `12,345`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
