import TrygDomain

/// One value of any type; used for literals, group keys and results read row by row.
public enum Value: Hashable, Sendable {
    case null
    case int(Int64)
    /// An exact fixed-point number (a value written with a decimal mark).
    case decimal(DecimalValue)
    /// A double: scientific notation, ratios (`/`, `avg`, `pct`).
    case float(Double)
    case text(String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int64)
    /// Seconds since 1970-01-01T00:00, local time.
    case timestamp(Int64)
    case halfYear(HalfYear)
    /// The index of a value in an ordered scale.
    case category(Int, OrderedScale)

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as shown to people and written to CSV (null is empty).
    public var display: String {
        switch self {
        case .null: return ""
        case .int(let v): return String(v)
        case .decimal(let d): return d.description
        case .float(let d): return Value.format(d)
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return CivilDate(dayNumber: Int(d)).iso
        case .timestamp(let t): return LocalTime.format(t)
        case .halfYear(let h): return h.label
        case .category(let i, let s): return i >= 0 && i < s.values.count ? s.values[i] : "?"
        }
    }

    /// A double in the shortest form that reads back as the same double (`0.1`, `2.0`, `1e-07`).
    public static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "inf" : "-inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }

    /// The number as a double (ints, decimals and floats), nil for other values.
    public var numeric: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .decimal(let d): return d.double
        case .float(let d): return d
        default: return nil
        }
    }
}
