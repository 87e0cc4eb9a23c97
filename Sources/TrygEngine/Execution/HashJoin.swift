/// Equi-join: builds a hash table on the right side's keys, probes with the left.
struct HashJoin {
    let cancellation: CancellationFlag
    var budget: MemoryBudget = .standard

    /// The right side's rows for each left row, found through a hash table on the right keys.
    struct Probe {
        let leftKeys: [Column]
        var table: [[Value]: [Int32]] = [:]
        /// A single text key is probed once per dictionary entry, not once per row.
        var perCode: [[Int32]]?
        /// Otherwise the probe is cached per distinct left key: joins here are usually many-to-one.
        var cache: [[Value]: [Int32]] = [:]

        init(_ node: JoinNode, left: Relation, right: Relation) throws(Diagnostic) {
            var leftKeys: [Column] = [], rightKeys: [Column] = []
            for k in node.leftKeys { leftKeys.append(try left.column(k)) }
            for k in node.rightKeys { rightKeys.append(try right.column(k)) }
            self.leftKeys = leftKeys
            for r in 0..<right.count {
                let key = rightKeys.map { HashJoin.joinValue($0.value(at: r)) }
                if key.contains(where: \.isNull) { continue }   // null never matches
                table[key, default: []].append(Int32(r))
            }
            if leftKeys.count == 1, case .text(_, let dict) = leftKeys[0].storage {
                let table = self.table
                perCode = dict.values.map { table[[HashJoin.joinValue(.text($0))]] ?? [] }
            }
        }

        mutating func matches(_ l: Int) -> [Int32] {
            if let perCode, case .text(let codes, _) = leftKeys[0].storage {
                return leftKeys[0].isNull(l) ? [] : perCode[Int(codes[l])]
            }
            let key = leftKeys.map { HashJoin.joinValue($0.value(at: l)) }
            if let m = cache[key] { return m }
            let m = key.contains(where: \.isNull) ? [] : (table[key] ?? [])
            cache[key] = m
            return m
        }
    }

    /// How many rows the join makes, without making them.
    func count(_ node: JoinNode, left: Relation, right: Relation) throws(Diagnostic) -> Int {
        var probe = try Probe(node, left: left, right: right)
        return try count(node, left: left, probe: &probe)
    }

    private func count(_ node: JoinNode, left: Relation, probe: inout Probe) throws(Diagnostic) -> Int {
        var rows = 0
        for l in 0..<left.count {
            if l & 0xFFFF == 0 { try cancellation.check() }
            let n = probe.matches(l).count
            rows &+= n == 0 ? (node.isLeft ? 1 : 0) : n
        }
        return rows
    }

    func run(_ node: JoinNode, left: Relation, right: Relation) throws(Diagnostic) -> Relation {
        var probe = try Probe(node, left: left, right: right)
        // Counted before it is built: a join of many rows to many can make billions.
        let total = try count(node, left: left, probe: &probe)
        let columns = left.names.count + node.rightNames.compactMap { $0 }.count
        try budget.check(rows: total, columns: columns, what: "the join",
                         advice: "join on more keys, filter the sides first, or count the join without other columns")
        guard total <= Int(Int32.max) else {
            throw Diagnostic(.error, "the join would make \(MemoryBudget.formatCount(total)) rows; at most \(Int32.max) can be kept",
                             code: .resultTooLarge, notes: ["help: join on more keys or filter the sides first"])
        }
        var leftRows: [Int32] = [], rightRows: [Int32] = []
        var unmatched: [Int] = []
        leftRows.reserveCapacity(total)
        rightRows.reserveCapacity(total)
        for l in 0..<left.count {
            if l & 0xFFFF == 0 { try cancellation.check() }
            let matches = probe.matches(l)
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
