import TrygDomain

/// The type of a column or expression.
public enum DataType: Hashable, Sendable, CustomStringConvertible {
    /// `decimal` is exact fixed point (its scale lives with the values); `float` a double.
    case int, decimal, float, text, bool, date, timestamp
    /// The domain's half-year period.
    case halfYear
    /// An ordered category: a fixed list of values in a given order.
    case category(OrderedScale)
    /// The type of the `null` literal before it meets another type.
    case null

    public var description: String {
        switch self {
        case .int: return "int"
        case .decimal: return "decimal"
        case .float: return "float"
        case .text: return "text"
        case .bool: return "bool"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .halfYear: return "halfyear"
        case .category(let s): return "category(\(s.name))"
        case .null: return "null"
        }
    }

    public var isNumeric: Bool { self == .int || self == .decimal || self == .float }

    /// Types whose values are stored as integers (`.ints`, or one byte a row: `.bytes`).
    public var isIntegerBacked: Bool {
        switch self {
        case .int, .bool, .date, .timestamp, .halfYear, .category, .null: return true
        case .decimal, .float, .text: return false
        }
    }
}
