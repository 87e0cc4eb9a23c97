import TrygEngine

/// Checks of a loaded table for what real exports hold and a query would miscount: a total
/// row among the rows (`I alt` below the libraries, summed twice by `sum`), and values of a
/// text column that differ only in blanks around them (`Blågården ` beside `Blågården`, two
/// groups that look alike, and a filter that finds one). Each finding is a note for the load's
/// report; no row or value is changed.
///
/// Only dictionary-encoded text columns (few distinct values: names, categories) are looked
/// at, so the check costs a pass over their dictionaries, and over their codes only when a
/// dictionary holds such a value.
public enum LoadChecks {
    /// Words a spreadsheet or report writes in the row of totals (Danish and English), compared
    /// without case, blanks or a closing colon.
    static let totalWords: Set<String> = ["i alt", "ialt", "total", "totalt", "totaler", "sum", "samlet", "hovedtotal",
                                          "grand total", "subtotal", "i alt for perioden"]

    /// The notes for `table`, in column order.
    public static func notes(_ table: Table) -> [String] {
        var notes: [String] = []
        for (c, name) in table.columnNames.enumerated() {
            let column = table.columns[c]
            guard let (codes, dictionary) = dictionaryText(column) else { continue }
            let values = dictionary.values
            // A null row holds some code (the first value's): only rows with a value count.
            let isValue = { (r: Int) in !column.isNull(r) }
            if let note = totalRows(name, codes: codes, values: values, isValue: isValue) { notes.append(note) }
            if let note = paddedValues(name, codes: codes, values: values, isValue: isValue) { notes.append(note) }
        }
        return notes
    }

    /// A column's codes and dictionary when it is dictionary-encoded text.
    private static func dictionaryText(_ column: Column) -> ([Int32], TextDictionary)? {
        guard column.type == .text, case .text(let codes, let dictionary) = column.storage else { return nil }
        return (codes, dictionary)
    }

    /// `Bibliotek: row 12 of 12 (the last) reads 'I alt', like a total of the rows above; …`.
    static func totalRows(_ name: String, codes: [Int32], values: [String], isValue: (Int) -> Bool) -> String? {
        let rowCount = codes.count
        guard rowCount >= 3 else { return nil }
        let totals = Set(values.indices.filter { totalWords.contains(normalized(values[$0])) }.map { Int32($0) })
        guard !totals.isEmpty else { return nil }
        var rows: [Int] = []
        for (r, code) in codes.enumerated() where totals.contains(code) && isValue(r) { rows.append(r) }
        // A total now and then is a table of totals or a word in use (`Sum` as a name): no note.
        guard let first = rows.first, rows.count <= max(1, rowCount / 10) else { return nil }
        let word = values[Int(codes[first])]
        let where_ = rows.count == 1
            ? "row \(LoadReport.grouped(first + 1)) of \(LoadReport.grouped(rowCount))\(first == rowCount - 1 ? " (the last)" : "")"
            : "\(LoadReport.grouped(rows.count)) rows (the first is row \(LoadReport.grouped(first + 1)))"
        return "\(name): \(where_) \(rows.count == 1 ? "reads" : "read") '\(word)', like a total of other rows; "
            + "sums and counts over the table include it: leave it out with where \(identifier(name)) != \"\(word)\""
    }

    /// `Bibliotek: 'Blågården ' and 'Blågården' differ only in blanks around them (…)`.
    static func paddedValues(_ name: String, codes: [Int32], values: [String], isValue: (Int) -> Bool) -> String? {
        // Most columns hold no value with blanks around it: one look at each value's ends.
        let blank: (Character?) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard values.contains(where: { blank($0.first) || blank($0.last) }) else { return nil }
        var byTrimmed: [Substring: [Int]] = [:]
        for (i, v) in values.enumerated() {
            let t = trimmedBlanks(v)
            guard !t.isEmpty else { continue }
            byTrimmed[t, default: []].append(i)
        }
        // Distinct spellings of one trimmed value (a dictionary may hold a value twice).
        let split = byTrimmed.values.filter { Set($0.map { values[$0] }).count > 1 }
            .sorted { ($0.first ?? 0) < ($1.first ?? 0) }
        guard let example = split.first else { return nil }
        let padded = Set(split.joined().filter { values[$0] != String(trimmedBlanks(values[$0])) }.map { Int32($0) })
        var rows = 0
        for (r, code) in codes.enumerated() where padded.contains(code) && isValue(r) { rows += 1 }
        guard rows > 0 else { return nil }
        let spellings = Array(Set(example.map { values[$0] })).sorted { $0.count < $1.count }.prefix(2).map { "'\($0)'" }
        return "\(name): \(spellings.joined(separator: " and ")) differ only in blanks around them"
            + "\(split.count > 1 ? " (and \(split.count - 1) more \(split.count == 2 ? "value" : "values") like it)" : ""); "
            + "\(LoadReport.grouped(rows)) \(rows == 1 ? "row has" : "rows have") such blanks, and group and compare apart: "
            + "trim(\(identifier(name))) makes them one"
    }

    /// Lower case, without blanks around it or a closing colon.
    private static func normalized(_ s: String) -> String {
        var t = trimmedBlanks(s)
        if t.hasSuffix(":") { t = t.dropLast() }
        return trimmedBlanks(String(t)).lowercased()
    }

    /// Without spaces, tabs and no-break spaces around it.
    private static func trimmedBlanks(_ s: String) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        var t = Substring(s)
        while let c = t.first, blank(c) { t = t.dropFirst() }
        while let c = t.last, blank(c) { t = t.dropLast() }
        return t
    }

    /// A column name as a query writes it: back-quoted unless a plain word.
    private static func identifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(name.first?.isNumber ?? true)
        return plain ? name : "`\(name)`"
    }
}
