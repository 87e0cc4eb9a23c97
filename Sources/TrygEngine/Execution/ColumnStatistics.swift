/// Distinct values of a column, for value warnings, `.schema` and completion.
public enum ColumnStatistics {
    /// The distinct non-null values, in the column's own order.
    public static func distinct(_ col: Column) -> [Value] {
        switch col.storage {
        case .bytes(let v, let base):
            var present = [Bool](repeating: false, count: 256)
            for (i, x) in v.enumerated() where !col.isNull(i) { present[Int(x)] = true }
            let tmp = Column(type: col.type, storage: .ints(present.indices.filter { present[$0] }.map { base &+ Int64($0) }))
            return (0..<tmp.count).map { tmp.value(at: $0) }
        case .text, .strings:
            let (codes, dict) = col.knownTextCodes
            var used = [Bool](repeating: false, count: dict.values.count)
            for (i, c) in codes.enumerated() where !col.isNull(i) { used[Int(c)] = true }
            let rank = Collation.ranks(dict)
            return dict.values.indices.filter { used[$0] }.sorted { rank[$0] < rank[$1] }.map { .text(dict.values[$0]) }
        case .ints(let v):
            var lo = Int64.max, hi = Int64.min
            v.withUnsafeBufferPointer { p in for x in p { lo = min(lo, x); hi = max(hi, x) } }
            var found: [Int64]
            if lo <= hi, hi.subtractingReportingOverflow(lo).overflow == false, hi - lo < 1 << 20 {
                // A narrow range (half-years, hours, categories): mark a table instead of hashing.
                var present = [Bool](repeating: false, count: Int(hi - lo) + 1)
                for (i, x) in v.enumerated() where !col.isNull(i) { present[Int(x - lo)] = true }
                found = present.indices.filter { present[$0] }.map { lo + Int64($0) }
            } else {
                var seen = Set<Int64>()
                for (i, x) in v.enumerated() where !col.isNull(i) { seen.insert(x) }
                found = seen.sorted()
            }
            let tmp = Column(type: col.type, storage: .ints(found))
            return (0..<tmp.count).map { tmp.value(at: $0) }
        case .decimals(let v, let s):
            var seen = Set<Int64>()
            for (i, x) in v.enumerated() where !col.isNull(i) { seen.insert(x) }
            return seen.sorted().map { .decimal(DecimalValue(units: $0, scale: s)) }
        case .floats(let v):
            var seen = Set<Double>()
            for (i, x) in v.enumerated() where !col.isNull(i) { seen.insert(x) }
            return seen.sorted().map { .float($0) }
        }
    }

    /// The distinct values of a table's column, derived ones included (by name).
    public static func distinct(_ table: Table, column name: String, domain: DomainContext = .standard) -> [Value]? {
        if let i = table.columnIndex(name) { return distinct(table.columns[i]) }
        for (kind, source) in DerivedColumns.available(in: table) where kind.rawValue == name {
            return distinct(Executor.scanColumn(table, .derived(kind, source: source), domain: domain))
        }
        return nil
    }

    /// At most `limit` distinct texts of a plain text column (free text, stored without a
    /// dictionary) that start with `prefix`, ignoring case as `starts with` does, in Danish
    /// order; found over the bytes on both cores, with no dictionary built. Nil for a column
    /// of any other storage (its `distinct` values are cheap).
    public static func plainTexts(_ col: Column, startingWith prefix: String, limit: Int) -> [String]? {
        guard case .strings(let s) = col.storage else { return nil }
        let hits: [Bool]
        if prefix.isEmpty {
            hits = [Bool](repeating: true, count: s.count)
        } else {
            guard let answers = try? PlainTextKernels.matchAnswers(.startsWith, needle: prefix, s, span: Span(0, 0),
                                                                  cancellation: CancellationFlag()) else { return [] }
            hits = answers
        }
        var seen = Set<String>()
        for row in hits.indices where hits[row] && !col.isNull(row) {
            seen.insert(s.value(at: row))
            if seen.count >= limit { break }
        }
        let dict = TextDictionary(values: Array(seen))
        let rank = Collation.ranks(dict)
        return dict.values.indices.sorted { rank[$0] < rank[$1] }.map { dict.values[$0] }
    }

    /// The names a table answers to: stored and derived columns.
    public static func columnNames(_ table: Table) -> [String] {
        table.columnNames + DerivedColumns.available(in: table).map(\.0.rawValue)
    }
}

extension Table {
    /// The derived columns this table answers to, with their type and the stored column they come from.
    public var derivedColumns: [(name: String, type: DataType, source: String)] {
        DerivedColumns.available(in: self).map { ($0.0.rawValue, $0.0.type, columnNames[$0.1]) }
    }

    /// A derived column's values, computed once per table and cached.
    public func derivedColumn(_ name: String, domain: DomainContext = .standard) -> Column? {
        for (kind, source) in DerivedColumns.available(in: self) where kind.rawValue == name {
            return Executor.scanColumn(self, .derived(kind, source: source), domain: domain)
        }
        return nil
    }
}

