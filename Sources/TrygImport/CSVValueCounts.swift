import TrygEngine
/// How many values of each kind a column of the sample holds, and the type they call for.
struct CSVValueCounts {
    var nulls = 0
    var ints = 0
    var decimals = 0
    var bools = 0
    var dates = 0
    var timestamps = 0
    var texts = 0

    /// Values that are not null.
    var nonNull: Int { ints + decimals + bools + dates + timestamps + texts }

    mutating func add(_ value: CSVValue) {
        switch value {
        case .int: ints += 1
        case .decimal: decimals += 1
        case .bool: bools += 1
        case .date: dates += 1
        case .timestamp: timestamps += 1
        case .text: texts += 1
        }
    }

    /// Values of a column that may miss its type, out of `total` non-null ones: one in a
    /// hundred, rounded down. More than that, and the column is text.
    static func allowedMisfits(of total: Int) -> Int { total / 100 }

    /// The narrowest type that all but `allowedMisfits` non-null values fit, trying bool,
    /// int, decimal (ints and decimals), date, timestamp (dates and timestamps), then text.
    /// A column of nulls only is left to inference over the whole file.
    var rule: CSVColumnRule {
        let total = nonNull
        guard total > 0 else { return .inferred }
        let needed = total - CSVValueCounts.allowedMisfits(of: total)
        if bools >= needed { return .sniffed(.bool) }
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
