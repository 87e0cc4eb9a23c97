/// Aggregation when every key has a small domain (dictionary codes, half-years, categories,
/// hours …): each row's group is a number computed from the key codes, and the aggregates
/// accumulate into arrays indexed by it, in two parts on two cores, without a hash table.
struct DenseAggregate {
    let cancellation: CancellationFlag

    /// The largest combined key domain this path takes.
    static let maxDomain = 1 << 20

    /// One key's codes: a text column's dictionary codes, or an integer column offset by its minimum.
    struct KeyCodes {
        let column: Column
        let lo: Int64
        /// Codes run 0..<cardinality-1; the last code is null.
        let cardinality: Int
    }

    /// The aggregate's input as numbers (nil for `count` and `share`).
    enum Input {
        case none
        case ints(SharedBuffer<Int64>, Bitmap?)
        case doubles(SharedBuffer<Double>, Bitmap?)
    }

    /// A filter `column = value` on a small dictionary, folded into the grouping: the rows are
    /// grouped by the column too, and only the value's groups are kept. One pass over all rows
    /// then replaces a selection vector and a pass over scattered rows.
    struct FilterKey {
        let column: Column
        let code: Int32

        /// The filter `column = value` when the column is text with a dictionary of at most
        /// 64 entries that holds the value; nil otherwise.
        init?(column: Column, value: String) {
            guard case .text(_, let dict) = column.storage, dict.values.count <= 64, let code = dict.code(of: value),
                  column.nulls == nil || !dict.values.isEmpty else { return nil }
            self.column = column
            self.code = code
        }
    }

    /// Whether every aggregate has a dense accumulator (`count`, `share`, `sum`, `avg`, `pct`,
    /// and `min`/`max` of anything but text).
    static func accepts(_ aggregates: [BoundAggregate]) -> Bool {
        aggregates.allSatisfy { a in
            switch a.kind {
            case .count, .share, .countNonNull, .sum, .avg, .pct: return true
            case .min, .max: return a.type != .text
            default: return false
            }
        }
    }

    /// Whether a key of this type is stored as codes (text) or integers (the rest but decimals
    /// and floats), which the dense kernel indexes by.
    static func hasCodes(_ type: DataType) -> Bool {
        switch type {
        case .decimal, .float, .null: return false
        default: return true
        }
    }

    /// The slots a key column takes (its values and null) when its statistics are known without
    /// reading it: a dictionary's size, or the known range of calendar codes and categories.
    static func knownCardinality(_ c: Column) -> Int? {
        switch c.storage {
        case .text(_, let dict): return dict.values.count + 1
        case .ints:
            guard let range = c.knownRange else { return nil }
            let (span, o) = range.upperBound.subtractingReportingOverflow(range.lowerBound)
            guard !o, span < Int64(maxDomain) else { return nil }
            return Int(span) + 2
        case .bytes: return c.topByte + 2
        case .decimals, .floats, .strings: return nil
        }
    }

    /// Returns nil when a key or an aggregate does not fit this path.
    func run(_ rel: Relation, selection: [Int32]?, keys: [(String, BoundExpr)],
             aggregates: [BoundAggregate], filter: FilterKey? = nil) throws(Diagnostic) -> Relation? {
        var keyCodes: [KeyCodes] = []
        var domain = 1
        if let filter {
            guard !keys.isEmpty, selection == nil, case .text(_, let dict) = filter.column.storage else { return nil }
            keyCodes.append(KeyCodes(column: filter.column, lo: 0, cardinality: dict.values.count + 1))
            domain = dict.values.count + 1
        }
        for (_, e) in keys {
            guard case .column(let name, _) = e, let c = try? rel.column(name), let k = codes(for: c, selection) else { return nil }
            let (d, o) = domain.multipliedReportingOverflow(by: k.cardinality)
            if o || d > DenseAggregate.maxDomain { return nil }
            domain = d
            keyCodes.append(k)
        }
        guard DenseAggregate.accepts(aggregates) else { return nil }
        let ev = Evaluator(relation: rel, cancellation: cancellation)
        var argColumns: [Column?] = []
        for a in aggregates {
            if let arg = a.argument {
                let c = try ev.evaluate(arg)
                if c.textLayout != nil { return nil }
                argColumns.append(c)
            } else {
                argColumns.append(nil)
            }
        }
        try cancellation.check()
        return try withExtendedLifetime((rel, argColumns)) { () throws(Diagnostic) -> Relation? in
            try accumulate(rel, selection, keys, keyCodes, domain, aggregates, argColumns, filterCode: filter?.code)
        }
    }

    func codes(for c: Column, _ selection: [Int32]?) -> KeyCodes? {
        switch c.storage {
        case .text(_, let dict):
            return KeyCodes(column: c, lo: 0, cardinality: dict.values.count + 1)
        case .ints(let v):
            var lo = Int64.max, hi = Int64.min
            if let known = c.knownRange {
                lo = known.lowerBound
                hi = known.upperBound
            } else if let selection {
                for r in selection { let x = v[Int(r)]; lo = min(lo, x); hi = max(hi, x) }
            } else {
                v.withUnsafeBufferPointer { p in for x in p { lo = min(lo, x); hi = max(hi, x) } }
            }
            if lo > hi { return KeyCodes(column: c, lo: 0, cardinality: 2) }
            let (span, o) = hi.subtractingReportingOverflow(lo)
            guard !o, span < Int64(DenseAggregate.maxDomain) else { return nil }
            return KeyCodes(column: c, lo: lo, cardinality: Int(span) + 2)
        case .bytes(_, let base):
            // The bytes are the codes: value less `base`.
            return KeyCodes(column: c, lo: base, cardinality: c.topByte + 2)
        case .decimals, .floats, .strings:
            // Plain text has too many distinct values for a dense table.
            return nil
        }
    }
}
