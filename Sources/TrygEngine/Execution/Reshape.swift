import TrygDomain

/// `pivot`, `compare` and `trend`: reshape a grouped result (small; works value by value).
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
        let measure = try rel.column(node.measure)
        let values = ColumnStatistics.distinct(pivotCol) + (pivotCol.nulls != nil ? [.null] : [])
        let parts = try partitions(rel, keys: node.keys)
        var builders = node.keys.map { k in ColumnBuilder(type: (try? rel.column(k).type) ?? .text) }
        var cells = values.map { _ in ColumnBuilder(type: measure.type) }
        for (key, rows) in parts {
            for (j, v) in key.enumerated() { builders[j].append(v) }
            for (j, v) in values.enumerated() {
                if let r = rows.first(where: { pivotCol.value(at: $0) == v }) {
                    cells[j].append(measure.value(at: r))
                } else if node.zeroFill {
                    cells[j].append(.int(0))
                } else {
                    cells[j].appendNull()
                }
            }
        }
        var names = node.keys
        var used = Set(names)
        for v in values {
            var name = v.isNull ? "null" : v.display
            while used.contains(name) { name += "_" }
            used.insert(name)
            names.append(name)
        }
        let cols = builders.map { $0.finish() } + cells.map { $0.finish() }
        return Relation(names: names, columns: cols, count: parts.count)
    }

    static func compare(_ node: CompareNode, _ rel: Relation) throws(Diagnostic) -> Relation {
        let col = try rel.column(node.column)
        let measure = try rel.column(node.measure)
        let parts = try partitions(rel, keys: node.keys)
        var keyBuilders: [ColumnBuilder] = []
        for k in node.keys { keyBuilders.append(ColumnBuilder(type: try rel.column(k).type)) }
        var a = ColumnBuilder(type: measure.type), b = ColumnBuilder(type: measure.type)
        var change = ColumnBuilder(type: measure.type), pct = ColumnBuilder(type: .float)
        for (key, rows) in parts {
            for (j, v) in key.enumerated() { keyBuilders[j].append(v) }
            let zero: Value = measure.type == .int ? .int(0) : .null
            let va = rows.first { col.value(at: $0) == node.from }.map { measure.value(at: $0) } ?? zero
            let vb = rows.first { col.value(at: $0) == node.to }.map { measure.value(at: $0) } ?? zero
            a.append(va)
            b.append(vb)
            let (c, p) = difference(va, vb)
            change.append(c)
            pct.append(p)
        }
        var names = node.keys
        let la = node.from.display, lb = node.to.display
        names += [la, lb == la ? lb + "_2" : lb, "change", "change_pct"]
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


    static func trend(_ node: TrendNode, _ rel: Relation, cancellation: CancellationFlag) throws(Diagnostic) -> Relation {
        var sortKeys: [BoundSortKey] = []
        for name in node.keys + [node.period] {
            sortKeys.append(BoundSortKey(expr: .column(name, try rel.column(name).type), descending: false))
        }
        let order = try Sorter(relation: rel, cancellation: cancellation).order(sortKeys, limit: nil)
        let sorted = rel.gather(order)
        let measure = try sorted.column(node.measure)
        var keyCols: [Column] = []
        for k in node.keys { keyCols.append(try sorted.column(k)) }
        var change = ColumnBuilder(type: measure.type), pct = ColumnBuilder(type: .float)
        for r in 0..<sorted.count {
            let samePartition = r > 0 && keyCols.allSatisfy { $0.value(at: r) == $0.value(at: r - 1) }
            if samePartition {
                let (c, p) = difference(measure.value(at: r - 1), measure.value(at: r))
                change.append(c)
                pct.append(p)
            } else {
                change.appendNull()
                pct.appendNull()
            }
        }
        return Relation(names: sorted.names + ["change", "change_pct"],
                        columns: sorted.columns + [change.finish(), pct.finish()], count: sorted.count)
    }
}
