/// Equi-join: builds a hash table on the right side's keys, probes with the left.
struct HashJoin {
    let cancellation: CancellationFlag

    func run(_ node: JoinNode, left: Relation, right: Relation) throws(Diagnostic) -> Relation {
        var leftKeys: [Column] = [], rightKeys: [Column] = []
        for k in node.leftKeys { leftKeys.append(try left.column(k)) }
        for k in node.rightKeys { rightKeys.append(try right.column(k)) }
        var table: [[Value]: [Int32]] = [:]
        for r in 0..<right.count {
            let key = rightKeys.map { HashJoin.joinValue($0.value(at: r)) }
            if key.contains(where: \.isNull) { continue }   // null never matches
            table[key, default: []].append(Int32(r))
        }
        var leftRows: [Int32] = [], rightRows: [Int32] = []
        var unmatched: [Int] = []
        // A single text key is probed once per dictionary entry, not once per row.
        var perCode: [[Int32]]?
        if leftKeys.count == 1, case .text(_, let dict) = leftKeys[0].storage {
            perCode = dict.values.map { table[[HashJoin.joinValue(.text($0))]] ?? [] }
        }
        // Otherwise cache the probe per distinct left key: joins here are usually many-to-one.
        var probe: [[Value]: [Int32]] = [:]
        leftRows.reserveCapacity(left.count)
        rightRows.reserveCapacity(left.count)
        for l in 0..<left.count {
            if l & 0xFFFF == 0 { try cancellation.check() }
            let matches: [Int32]
            if let perCode, case .text(let codes, _) = leftKeys[0].storage {
                matches = leftKeys[0].isNull(l) ? [] : perCode[Int(codes[l])]
            } else {
                let key = leftKeys.map { HashJoin.joinValue($0.value(at: l)) }
                if let m = probe[key] {
                    matches = m
                } else {
                    matches = key.contains(where: \.isNull) ? [] : (table[key] ?? [])
                    probe[key] = matches
                }
            }
            if matches.isEmpty {
                if node.isLeft {
                    unmatched.append(leftRows.count)
                    leftRows.append(Int32(l))
                    rightRows.append(0)
                }
                continue
            }
            for r in matches {
                leftRows.append(Int32(l))
                rightRows.append(r)
            }
        }
        var names = left.names
        var cols: [Column] = []
        for c in left.columns {
            try cancellation.check()
            cols.append(c.gather(leftRows))
        }
        for (i, name) in node.rightNames.enumerated() {
            guard let name else { continue }
            names.append(name)
            try cancellation.check()
            let src = right.columns[i]
            if right.count == 0 {
                cols.append(Column.constant(.null, type: src.type, count: leftRows.count))
                continue
            }
            var c = src.gather(rightRows)
            if !unmatched.isEmpty {
                var m = c.nulls ?? Bitmap(count: leftRows.count)
                for u in unmatched { m[u] = true }
                c = Column(type: c.type, storage: c.storage, nulls: m)
            }
            cols.append(c)
        }
        return Relation(names: names, columns: cols, count: leftRows.count)
    }

    /// Dates join timestamps at midnight; ints, decimals and floats join by value.
    static func joinValue(_ v: Value) -> Value {
        switch v {
        case .date(let d): return .timestamp(d &* 86_400)
        case .int(let i): return .decimal(DecimalValue(i))
        case .float(let d): return DecimalValue.shortest(d).map { .decimal($0) } ?? v
        default: return v
        }
    }
}
