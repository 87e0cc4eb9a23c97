import TrygEngine
/// How many values of each kind a column of the sample holds, and the type they call for.
struct CSVValueCounts {
    var nulls = 0
    var ints = 0
    var decimals = 0
    var bools = 0
    /// Ints that are 1 or 0: booleans in a column whose other values are booleans.
    var bits = 0
    var dates = 0
    var timestamps = 0
    var texts = 0
    /// The first text value, for the report of a column that is text because of it.
    var firstText: String?

    /// Values that are not null.
    var nonNull: Int { ints + decimals + bools + dates + timestamps + texts }

    mutating func add(_ value: CSVValue) {
        switch value {
        case .int(let v):
            ints += 1
            if v == 0 || v == 1 { bits += 1 }
        case .decimal: decimals += 1
        case .bool: bools += 1
        case .date: dates += 1
        case .timestamp: timestamps += 1
        case .text: texts += 1
        }
    }

    /// Adds a value; `example` is kept when it is the column's first text.
    mutating func add(_ value: CSVValue, example: @autoclosure () -> String) {
        add(value)
        if value == .text, firstText == nil { firstText = String(example().prefix(60)) }
    }

    /// Why a column that is mostly of one kind is text: `text: 1 of 150 values is not
    /// numbers, the first 'ukendt'`; nil when text is more than half of it, or one value of
    /// two (or none of it).
    var textReason: String? { textReason(sampled: false) }

    /// The same; `sampled` when the counts are of a sample of the file, not all of it.
    func textReason(sampled: Bool) -> String? {
        let kinds: [(Int, String)] = [(ints + decimals, "numbers"), (dates + timestamps, "dates"), (bools, "booleans")]
        if texts == 0, case .text = rule {
            // No text at all, but kinds that share no type (a workbook's numbers beside booleans).
            let present = kinds.filter { $0.0 > 0 }.sorted { $0.0 > $1.0 }
            guard present.count >= 2 else { return nil }
            let parts = present.map { "\(LoadReport.grouped($0.0)) \($0.0 == 1 ? String($0.1.dropLast()) : $0.1)" }
            return "text: its \(sampled ? "sampled " : "")values mix " + parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
        }
        guard texts > 0, let example = firstText else { return nil }
        guard let (most, kind) = kinds.max(by: { $0.0 < $1.0 }), most > texts || (most == texts && most >= 2) else { return nil }
        let total = nonNull
        return "text: \(LoadReport.grouped(total - most)) of \(LoadReport.grouped(total)) \(sampled ? "sampled " : "")values "
            + "\(total - most == 1 ? "is" : "are") not \(kind), the first '\(example)'"
    }

    /// Values of a column that may miss its type, out of `total` non-null ones: none. A
    /// column with a value of another kind is of a wider type or text, so that no row is
    /// lost to a type that was only inferred.
    static func allowedMisfits(of total: Int) -> Int { 0 }

    /// The narrowest type that all but `allowedMisfits` non-null values fit, trying bool
    /// (booleans, with `1` and `0` among them: a column of only 1 and 0 is an int, a count),
    /// int, decimal (ints and decimals), date, timestamp (dates and timestamps), then text.
    /// A column of nulls only is left to inference over the whole file.
    var rule: CSVColumnRule {
        let total = nonNull
        guard total > 0 else { return .inferred }
        let needed = total - CSVValueCounts.allowedMisfits(of: total)
        if bools >= needed || (bools > 0 && bools + bits >= needed) { return .sniffed(.bool) }
        if ints >= needed { return .sniffed(.int) }
        if ints + decimals >= needed { return .sniffed(.decimal) }
        if dates >= needed { return .sniffed(.date) }
        if dates + timestamps >= needed { return .sniffed(.timestamp) }
        return .text
    }

    /// The kind of value most of the column holds, for a report's "N values are not …".
    static func kind(_ type: DataType) -> String {
        switch type {
        case .int, .decimal: return "numbers"
        case .bool: return "booleans"
        case .date, .timestamp: return "dates"
        default: return "\(type) values"
        }
    }
}
