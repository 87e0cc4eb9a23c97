import TrygDomain

/// `pivot` and `compare`: reshape a grouped result, in time linear in its rows and cells.
/// (`trend` is in Reshape+Trend.swift.)
enum Reshape {
    /// Rows per distinct combination of `keys`, in first-appearance order, with their row indices.
    static func partitions(_ rel: Relation, keys: [String]) throws(Diagnostic) -> [([Value], [Int])] {
        var cols: [Column] = []
        for k in keys { cols.append(try rel.column(k)) }
        var index: [[Value]: Int] = [:]
        var parts: [([Value], [Int])] = []
        for r in 0..<rel.count {
            let key = cols.map { $0.value(at: r) }
            if let i = index[key] { parts[i].1.append(r) } else { index[key] = parts.count; parts.append((key, [r])) }
        }
        return parts
    }

    static func pivot(_ node: PivotNode, _ rel: Relation) throws(Diagnostic) -> Relation {
        let pivotCol = try rel.column(node.column)
        var measures: [Column] = []
        for m in node.measures { measures.append(try rel.column(m)) }
        var valueIndex: [Value: Int] = [:]
        for (i, v) in node.values.enumerated() { valueIndex[v] = i }
        let parts = try partitions(rel, keys: node.keys)
        // cell[partition * values + value] = the input row, or -1 where the group had no rows.
        let width = node.values.count
        var cell = [Int](repeating: -1, count: parts.count * width)
        for (p, (_, rows)) in parts.enumerated() {
            for r in rows {
                guard let v = valueIndex[pivotCol.value(at: r)] else { continue }
                cell[p * width + v] = r
            }
        }
        var builders: [ColumnBuilder] = []
        for k in node.keys { builders.append(ColumnBuilder(type: try rel.column(k).type)) }
        for (key, _) in parts {
            for (j, v) in key.enumerated() { builders[j].append(v) }
        }
        var cols = builders.map { $0.finish() }
        for v in 0..<width {
            for (m, measure) in zip(node.measures, measures) {
                var b = ColumnBuilder(type: measure.type, capacity: parts.count)
                let missing: Value = node.zeroFill.contains(m) ? zero(measure.type) : .null
                for p in 0..<parts.count {
                    let r = cell[p * width + v]
                    b.append(r < 0 ? missing : measure.value(at: r))
                }
                cols.append(b.finish())
            }
        }
        return Relation(names: node.keys + node.cellNames, columns: cols, count: parts.count)
    }

    /// The 0 of a counting measure's type.
    static func zero(_ type: DataType) -> Value {
        type == .decimal ? .decimal(DecimalValue(0)) : type == .float ? .float(0) : .int(0)
    }

    static func compare(_ node: CompareNode, _ rel: Relation) throws(Diagnostic) -> Relation {
        let col = try rel.column(node.column)
        let measure = try rel.column(node.measure)
        let parts = try partitions(rel, keys: node.keys)
        var keyBuilders: [ColumnBuilder] = []
        for k in node.keys { keyBuilders.append(ColumnBuilder(type: try rel.column(k).type)) }
        var a = ColumnBuilder(type: measure.type), b = ColumnBuilder(type: measure.type)
        var change = ColumnBuilder(type: measure.type), pct = ColumnBuilder(type: .float)
        let missing: Value = node.zeroFill ? zero(measure.type) : .null
        for (key, rows) in parts {
            for (j, v) in key.enumerated() { keyBuilders[j].append(v) }
            let va = rows.first { col.value(at: $0) == node.from }.map { measure.value(at: $0) } ?? missing
            let vb = rows.first { col.value(at: $0) == node.to }.map { measure.value(at: $0) } ?? missing
            a.append(va)
            b.append(vb)
            let (c, p) = difference(va, vb)
            change.append(c)
            pct.append(p)
        }
        let names = node.keys + node.names
        let cols = keyBuilders.map { $0.finish() } + [a.finish(), b.finish(), change.finish(), pct.finish()]
        return Relation(names: names, columns: cols, count: parts.count)
    }

    /// `to - from`, and that as a percent of `from` (null when `from` is zero or missing).
    static func difference(_ from: Value, _ to: Value) -> (Value, Value) {
        switch (from, to) {
        case (.int(let x), .int(let y)):
            let (d, o) = y.subtractingReportingOverflow(x)
            return (o ? .null : .int(d), x == 0 ? .null : .float((Double(y) - Double(x)) * 100 / Double(x)))
        case (.decimal(let x), .decimal(let y)):
            // Exact change at the larger scale; the percent is a float.
            let s = max(x.scale, y.scale)
            var change: Value = .null
            if let a = x.rescaled(to: s), let b = y.rescaled(to: s) {
                let (d, o) = b.units.subtractingReportingOverflow(a.units)
                if !o { change = .decimal(DecimalValue(units: d, scale: s)) }
            }
            return (change, x.units == 0 ? .null : .float((y.double - x.double) * 100 / x.double))
        default:
            guard let x = from.numeric, let y = to.numeric else { return (.null, .null) }
            return (.float(y - x), x == 0 ? .null : .float((y - x) * 100 / x))
        }
    }

}
