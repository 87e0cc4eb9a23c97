import Synchronization
import TrygDomain

/// The strings of a dictionary-encoded text column; codes index `values`.
///
/// The map from value to code is built on the first `code(of:)`, not with the dictionary: a
/// column of a million different descriptions is loaded, counted and searched without it, and
/// building it costs more than the rest of the load (hashing every value as Swift's `String`
/// does, through its normalisation).
public final class TextDictionary: Sendable {
    public let values: [String]
    private let lookup = Mutex<[String: Int32]?>(nil)

    public init(values: [String]) {
        self.values = values
    }

    /// The code of an exact value, nil when the column never holds it (the first code of a
    /// value the dictionary holds twice).
    public func code(of value: String) -> Int32? {
        lookup.withLock { lookup in
            if let built = lookup { return built[value] }
            var built: [String: Int32] = [:]
            built.reserveCapacity(values.count)
            for (i, v) in values.enumerated() where built[v] == nil { built[v] = Int32(i) }
            lookup = built
            return built[value]
        }
    }
}

/// How a column's values are laid out in memory.
public enum ColumnStorage: Sendable {
    /// int, bool (0/1), date (days), timestamp (seconds), halfyear (ordinal), category (index).
    case ints([Int64])
    /// The same integer types one byte a row: each value less `base`. The loader chooses it for
    /// booleans, categories and integer columns whose values span at most 256 (severity 1–5),
    /// and the derived calendar columns for their codes. Null rows hold 0 (the value `base`).
    /// Kernels with no byte path of their own read `Column.wide`.
    case bytes([UInt8], base: Int64)
    /// Exact decimals: each value times `10^scale`, one scale for the column.
    case decimals([Int64], scale: Int)
    /// Doubles.
    case floats([Double])
    /// Dictionary-encoded text: few distinct values (the loader's choice per column).
    case text(codes: [Int32], dictionary: TextDictionary)
    /// Text stored as offsets and bytes: mostly distinct values. Readers that need no layout
    /// of their own go through `Column+Text` (`text(at:)`, `dictionaryEncoded`).
    case strings(TextBytes)
}

/// A typed column of values with a null mask.
public struct Column: Sendable {
    public let type: DataType
    public let storage: ColumnStorage
    /// Set bits are nulls; nil when the column holds no null.
    public let nulls: Bitmap?

    /// Bounds of the stored integers when known without a pass over them (categories, booleans,
    /// derived calendar columns); a column gathered from this one keeps them.
    public let knownRange: ClosedRange<Int64>?

    /// For text loaded with at most 256 distinct values, the codes one byte a row. Grouping and
    /// filters read these instead of four bytes a row; a column made from this one does not
    /// keep them. (Small integers are stored one byte a row themselves: `.bytes`.)
    public let smallCodes: [UInt8]?

    public init(type: DataType, storage: ColumnStorage, nulls: Bitmap? = nil, knownRange: ClosedRange<Int64>? = nil,
                smallCodes: [UInt8]? = nil) {
        self.type = type
        self.storage = storage
        self.smallCodes = smallCodes
        self.nulls = (nulls?.any ?? false) ? nulls : nil
        switch type {
        case .bool: self.knownRange = 0...1
        case .category(let scale): self.knownRange = 0...Int64(max(0, scale.values.count - 1))
        default:
            if knownRange == nil, case .bytes(_, let base) = storage {
                // Whatever the rows hold, a byte adds at most 255.
                let (top, overflow) = base.addingReportingOverflow(255)
                self.knownRange = overflow ? nil : base...top
            } else {
                self.knownRange = knownRange
            }
        }
    }

    public var count: Int {
        switch storage {
        case .ints(let v): return v.count
        case .bytes(let v, _): return v.count
        case .decimals(let v, _): return v.count
        case .floats(let v): return v.count
        case .text(let c, _): return c.count
        case .strings(let s): return s.count
        }
    }

    @inlinable
    public func isNull(_ row: Int) -> Bool { nulls?[row] ?? false }

    /// The value at a row (slow path: for display, tests and small results).
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch storage {
        case .ints(let v): return integerValue(v[row])
        case .bytes(let v, let base): return integerValue(base &+ Int64(v[row]))
        case .decimals(let v, let s): return .decimal(DecimalValue(units: v[row], scale: s))
        case .floats(let v): return .float(v[row])
        case .text(let codes, let dict): return .text(dict.values[Int(codes[row])])
        case .strings(let s): return .text(s.value(at: row))
        }
    }

    /// A stored integer as a value of this column's type.
    private func integerValue(_ x: Int64) -> Value {
        switch type {
        case .bool: return .bool(x != 0)
        case .date: return .date(x)
        case .timestamp: return .timestamp(x)
        case .halfYear: return .halfYear(HalfYear(ordinal: Int(x)))
        case .category(let s): return .category(Int(x), s)
        case .null: return .null
        default: return .int(x)
        }
    }

    /// A column of the rows at the given indices, in that order.
    public func gather(_ rows: [Int32]) -> Column {
        var nulls: Bitmap?
        if let src = self.nulls {
            var m = Bitmap(count: rows.count)
            for (i, r) in rows.enumerated() where src[Int(r)] { m[i] = true }
            nulls = m
        }
        switch storage {
        case .ints(let v):
            return Column(type: type, storage: .ints(rows.map { v[Int($0)] }), nulls: nulls, knownRange: knownRange)
        case .bytes(let v, let base):
            return Column(type: type, storage: .bytes(rows.map { v[Int($0)] }, base: base), nulls: nulls, knownRange: knownRange)
        case .decimals(let v, let s):
            return Column(type: type, storage: .decimals(rows.map { v[Int($0)] }, scale: s), nulls: nulls)
        case .floats(let v):
            return Column(type: type, storage: .floats(rows.map { v[Int($0)] }), nulls: nulls)
        case .text(let c, let d):
            return Column(type: type, storage: .text(codes: rows.map { c[Int($0)] }, dictionary: d), nulls: nulls)
        case .strings(let s):
            return Column(type: type, storage: .strings(s.gather(rows)), nulls: nulls)
        }
    }

    /// A column holding `count` copies of one value.
    public static func constant(_ value: Value, type: DataType, count: Int) -> Column {
        // Build one value, then repeat its storage: a literal beside ten million rows stays cheap.
        var b = ColumnBuilder(type: type, capacity: 1)
        b.append(value)
        let one = b.finish()
        let nulls = one.nulls.map { _ in Bitmap(count: count, value: true) }
        switch one.storage {
        case .ints(let v):
            return Column(type: type, storage: .ints(Array(repeating: v.first ?? 0, count: count)), nulls: nulls)
        case .bytes(let v, let base):
            return Column(type: type, storage: .bytes(Array(repeating: v.first ?? 0, count: count), base: base), nulls: nulls)
        case .decimals(let v, let s):
            return Column(type: type, storage: .decimals(Array(repeating: v.first ?? 0, count: count), scale: s), nulls: nulls)
        case .floats(let v):
            return Column(type: type, storage: .floats(Array(repeating: v.first ?? 0, count: count)), nulls: nulls)
        case .text(let c, let d):
            return Column(type: type, storage: .text(codes: Array(repeating: c.first ?? 0, count: count), dictionary: d),
                          nulls: nulls)
        case .strings(let s):
            return Column(type: type, storage: .strings(.repeating(s.count > 0 ? s.value(at: 0) : "", count: count)), nulls: nulls)
        }
    }
}
