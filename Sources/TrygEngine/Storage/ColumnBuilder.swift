import TrygDomain

/// Builds a column value by value; text is dictionary-encoded as it arrives.
public struct ColumnBuilder {
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    /// Decimal units at `scale`, which grows to the largest scale appended (as far as the
    /// values already held allow; beyond that a value is rounded to the column's scale, as an
    /// SQL DECIMAL column rounds what is stored in it).
    private var units: [Int64] = []
    private var scale = 0
    private var codes: [Int32] = []
    private var dictionary: [String] = []
    private var lookup: [String: Int32] = [:]
    private var nullRows: [Int] = []
    private var count = 0

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .decimal: units.reserveCapacity(capacity)
        case .float: floats.reserveCapacity(capacity)
        case .text: codes.reserveCapacity(capacity)
        default: ints.reserveCapacity(capacity)
        }
    }

    /// Appends a value; a value of another type than the column's is stored as null.
    public mutating func append(_ value: Value) {
        defer { count += 1 }
        switch (type, value) {
        case (_, .null):
            appendNull()
            count -= 1
        case (.decimal, .decimal(let d)): appendDecimal(d)
        case (.decimal, .int(let i)): appendDecimal(DecimalValue(i))
        case (.float, .float(let d)): floats.append(d)
        case (.float, .decimal(let d)): floats.append(d.double)
        case (.float, .int(let i)): floats.append(Double(i))
        case (.text, .text(let s)): appendText(s)
        case (.text, let v): appendText(v.display)
        case (.decimal, _), (.float, _):
            appendNull()
            count -= 1
        case (_, .int(let i)): ints.append(i)
        case (_, .bool(let b)): ints.append(b ? 1 : 0)
        case (_, .date(let d)): ints.append(type == .timestamp ? d &* LocalTime.secondsPerDay : d)
        case (_, .timestamp(let t)): ints.append(t)
        case (_, .halfYear(let h)): ints.append(Int64(h.ordinal))
        case (_, .category(let i, _)): ints.append(Int64(i))
        default:
            appendNull()
            count -= 1
        }
    }

    private mutating func appendDecimal(_ d: DecimalValue) {
        if d.scale > scale {
            // Widen what is held when it fits; otherwise keep the column's scale.
            var widened: [Int64] = []
            widened.reserveCapacity(units.count + 1)
            var fits = true
            for u in units {
                guard let w = DecimalValue.rescale(u, from: scale, to: d.scale) else { fits = false; break }
                widened.append(w)
            }
            if fits {
                units = widened
                scale = d.scale
            }
        }
        if d.scale == scale {
            units.append(d.units)
        } else if d.scale < scale, let u = DecimalValue.rescale(d.units, from: d.scale, to: scale) {
            units.append(u)
        } else if d.scale > scale, let r = d.rounded(scale) {
            units.append(r.units)
        } else {
            // Too large for the column's scale: no value rather than a wrong one.
            nullRows.append(count)
            units.append(0)
        }
    }

    public mutating func appendNull() {
        nullRows.append(count)
        switch type {
        case .decimal: units.append(0)
        case .float: floats.append(0)
        case .text: appendText("", null: true)
        default: ints.append(0)
        }
        count += 1
    }

    private mutating func appendText(_ s: String, null: Bool = false) {
        if null {
            codes.append(0)
            if dictionary.isEmpty { dictionary.append(""); lookup[""] = 0 }
            return
        }
        if let c = lookup[s] {
            codes.append(c)
        } else {
            let c = Int32(dictionary.count)
            dictionary.append(s)
            lookup[s] = c
            codes.append(c)
        }
    }

    public func finish() -> Column {
        var nulls: Bitmap?
        if !nullRows.isEmpty {
            var m = Bitmap(count: count)
            for r in nullRows { m[r] = true }
            nulls = m
        }
        switch type {
        case .decimal: return Column(type: type, storage: .decimals(units, scale: scale), nulls: nulls)
        case .float: return Column(type: type, storage: .floats(floats), nulls: nulls)
        case .text: return Column(type: type, storage: .text(codes: codes, dictionary: TextDictionary(values: dictionary)), nulls: nulls)
        default: return Column(type: type, storage: .ints(ints), nulls: nulls)
        }
    }
}
