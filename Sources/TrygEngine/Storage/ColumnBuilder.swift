import TrygDomain

/// Builds a column value by value; text is dictionary-encoded as it arrives.
public struct ColumnBuilder {
    public let type: DataType
    private var ints: [Int64] = []
    private var decimals: [Double] = []
    private var codes: [Int32] = []
    private var dictionary: [String] = []
    private var lookup: [String: Int32] = [:]
    private var nullRows: [Int] = []
    private var count = 0

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .decimal: decimals.reserveCapacity(capacity)
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
        case (.decimal, .decimal(let d)): decimals.append(d)
        case (.decimal, .int(let i)): decimals.append(Double(i))
        case (.text, .text(let s)): appendText(s)
        case (.text, let v): appendText(v.display)
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

    public mutating func appendNull() {
        nullRows.append(count)
        switch type {
        case .decimal: decimals.append(0)
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
        case .decimal: return Column(type: type, storage: .decimals(decimals), nulls: nulls)
        case .text: return Column(type: type, storage: .text(codes: codes, dictionary: TextDictionary(values: dictionary)), nulls: nulls)
        default: return Column(type: type, storage: .ints(ints), nulls: nulls)
        }
    }
}
