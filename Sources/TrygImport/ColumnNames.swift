/// Names for the columns of a loaded table, from a header's cells: one line each (`oneLine`),
/// `column_N` for an empty one, `name_2`, `name_3`, … for a repeat, and which of those to warn
/// about (the first few of each kind; the rest are counted in one warning, `foldedWarnings`).
struct ColumnNames {
    /// Warnings of each kind shown one by one; past these they are counted.
    static let shownWarnings = 5

    /// The names given so far, lower-cased.
    private var taken: Set<String> = []
    /// For a lower-cased name, the suffix to try first: a header of 16,000 `x` costs linear
    /// time, not a search from `x_2` for each.
    private var next: [String: Int] = [:]
    private var unnamed = 0, repeated = 0
    /// The names, as given to their columns, of cells whose text had a line break.
    private var brokenLines: [String] = []
    /// Every name the header gives, lower-cased: a number added to a repeat skips them, so
    /// `a;a;a_2` is a, a_3, a_2 and the file's own a_2 keeps its name.
    private let reserved: Set<String>

    /// Names for a header whose cells hold `given` (trimmed).
    init(reserving given: [String] = []) {
        reserved = Set(given.lazy.map(ColumnNames.oneLine).filter { !$0.isEmpty }.map { $0.lowercased() })
    }

    /// A header cell's text on one line: each run of white space that holds a line break (Excel's
    /// Alt+Enter in a cell: `Beløb\r\n(kr.)`) is one space, as a query cannot name a column
    /// across lines, and spaces and tabs at either end are trimmed. White space without a line
    /// break stays as written.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return String(text.trimmingCSVSpaces()) }
        var out = "", run = ""
        var runBreaks = false
        for ch in text {
            if ch.isWhitespace {
                run.append(ch)
                runBreaks = runBreaks || ch.isNewline
                continue
            }
            out += runBreaks ? " " : run
            run = ""
            runBreaks = false
            out.append(ch)
        }
        out += runBreaks ? " " : run
        return String(out.trimmingCSVSpaces())
    }

    /// A header cell's name: `name` when free, `column_N` (N the 1-based `column`) when empty.
    struct Named {
        let name: String
        /// Warn that the cell was empty.
        let warnEmpty: Bool
        /// Warn that `given` was taken and the column is called `name`.
        let warnRepeat: Bool
        let given: String
    }

    /// The name of the header cell of 1-based `column` holding `given` (trimmed).
    mutating func name(_ given: String, column: Int) -> Named {
        var base = ColumnNames.oneLine(given), warnEmpty = false
        let empty = base.isEmpty
        if empty {
            base = "column_\(column)"
            unnamed += 1
            warnEmpty = unnamed <= ColumnNames.shownWarnings
        }
        let unique = self.unique(base)
        var warnRepeat = false
        if unique != base {
            repeated += 1
            warnRepeat = repeated <= ColumnNames.shownWarnings
        }
        if !empty, given.contains(where: \.isNewline) { brokenLines.append(unique) }
        return Named(name: unique, warnEmpty: warnEmpty, warnRepeat: warnRepeat, given: base)
    }

    /// One message for each kind of warning past the ones shown.
    var foldedWarnings: [String] {
        var out: [String] = []
        if unnamed > ColumnNames.shownWarnings {
            out.append("\(LoadReport.grouped(unnamed - ColumnNames.shownWarnings)) more columns have no name; "
                       + "each is called column_N by its place")
        }
        if repeated > ColumnNames.shownWarnings {
            out.append("\(LoadReport.grouped(repeated - ColumnNames.shownWarnings)) more columns repeat a name; "
                       + "each gets a number (name_2, …)")
        }
        return out
    }

    /// The report's note on names read with a space for a line break (the first few listed),
    /// nil when no name had one.
    var lineBreakNote: String? {
        guard !brokenLines.isEmpty else { return nil }
        let n = brokenLines.count
        let shown = brokenLines.prefix(ColumnNames.shownWarnings).map { "'\($0)'" }.joined(separator: ", ")
        return "line breaks in \(LoadReport.grouped(n)) column \(n == 1 ? "name" : "names") read as spaces: "
            + shown + (n > ColumnNames.shownWarnings ? ", …" : "")
    }

    /// `name` itself when no name given so far has it ignoring case, else `name_2`, `name_3`,
    /// … the first that is free; the name returned counts as given.
    mutating func unique(_ name: String) -> String {
        let base = name.lowercased()
        var unique = name
        var k = next[base] ?? 2
        while taken.contains(unique.lowercased()) || (unique != name && reserved.contains(unique.lowercased())) {
            unique = "\(name)_\(k)"
            k += 1
        }
        if unique != name { next[base] = k }
        taken.insert(unique.lowercased())
        return unique
    }
}
