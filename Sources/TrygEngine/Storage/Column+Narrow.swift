/// Integer columns one byte a row (`ColumnStorage.bytes`) and back.
extension Column {
    /// This column with its integers eight bytes a row: a `.bytes` column widened into a new
    /// array, any other column unchanged. For kernels without a byte path; the hot ones
    /// (filters, grouping, sums) read the bytes themselves.
    public var wide: Column {
        guard case .bytes(let codes, let base) = storage else { return self }
        let values = [Int64](unsafeUninitializedCapacity: codes.count) { out, initialized in
            for i in codes.indices { out[i] = base &+ Int64(codes[i]) }
            initialized = codes.count
        }
        return Column(type: type, storage: .ints(values), nulls: nulls, knownRange: knownRange)
    }

    /// The largest byte a `.bytes` column can hold, from its known range (255 without one).
    var topByte: Int {
        guard case .bytes(_, let base) = storage, let known = knownRange else { return 255 }
        let (span, overflow) = known.upperBound.subtractingReportingOverflow(base)
        return overflow || span > 255 ? 255 : Swift.max(0, Int(span))
    }

    /// The stored integers eight bytes a row, whichever the width (nil for other storage).
    public var wideIntegers: [Int64]? {
        if case .ints(let v) = wide.storage { return v }
        return nil
    }

    /// This column one byte a row when it holds integers (not dates or timestamps, whose
    /// kernels read them as days and seconds) and its non-null values span at most 256;
    /// otherwise unchanged. Null rows become 0, the lower bound. The range found is kept as
    /// `knownRange`, so grouping indexes by it without a pass of its own.
    public func narrowed() -> Column {
        guard case .ints(let values) = storage else { return self }
        switch type {
        case .int, .bool, .category, .halfYear: break
        default: return self
        }
        let nullWords = nulls?.words
        var lo = Int64.max, hi = Int64.min
        values.withUnsafeBufferPointer { v in
            if let nullWords {
                for i in v.indices where nullWords[i >> 6] & (1 << UInt64(i & 63)) == 0 {
                    lo = Swift.min(lo, v[i]); hi = Swift.max(hi, v[i])
                }
            } else {
                for x in v { lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
            }
        }
        if lo > hi { lo = 0; hi = 0 }   // no value but nulls
        if type == .bool { lo = 0; hi = 1 }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < 256 else { return self }
        let codes = [UInt8](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in v.indices { out[i] = UInt8(truncatingIfNeeded: v[i] &- lo) }
                if let nullWords {
                    for i in v.indices where nullWords[i >> 6] & (1 << UInt64(i & 63)) != 0 { out[i] = 0 }
                }
            }
            initialized = values.count
        }
        var range: ClosedRange<Int64>? = lo...hi
        if case .category = type { range = nil }   // a category's range is its scale's
        return Column(type: type, storage: .bytes(codes, base: lo), nulls: nulls, knownRange: range)
    }
}

/// How integer columns are stored: eight bytes a row, or one where the values allow it.
/// The loader narrows; tests run every kernel on both.
public enum IntegerWidth: Sendable, CaseIterable {
    case wide, narrow
}

extension Column {
    /// The same values with integers stored at `width` (`wide` or `narrowed()`).
    public func withIntegerWidth(_ width: IntegerWidth) -> Column {
        width == .wide ? wide : narrowed()
    }
}

extension Table {
    /// The same table with every integer column stored at `width`.
    public func withIntegerWidth(_ width: IntegerWidth) -> Table {
        Table(name: name, columnNames: columnNames, columns: columns.map { $0.withIntegerWidth(width) },
              rowCount: rowCount, origin: origin)
    }
}
