/// Turning the dense accumulators into result columns.
extension DenseAggregate {
    func output(_ keys: [(String, BoundExpr)], _ keyCodes: [KeyCodes], _ domain: Int, _ aggregates: [BoundAggregate],
                _ acc: Accumulators, totalRows: Int, filterCode: Int32? = nil) -> Relation {
        // Decode each group number back into its key codes, last key first.
        var strides = [Int](repeating: 1, count: keyCodes.count)
        for k in stride(from: keyCodes.count - 2, through: 0, by: -1) {
            strides[k] = strides[k + 1] * keyCodes[k + 1].cardinality
        }
        // Groups that received rows (with no keys, the one group always exists); with a folded
        // filter, only the groups of its value, and the rows that reached the grouping are theirs.
        var groups: [Int] = keys.isEmpty ? [0] : (0..<domain).filter { acc.count[$0] > 0 }
        var totalRows = totalRows
        if let filterCode {
            groups = groups.filter { $0 / strides[0] == Int(filterCode) }
            totalRows = groups.reduce(0) { $0 + Int(acc.count[$1]) }
        }
        var columns: [Column] = []
        for (k, key) in keyCodes.enumerated() where filterCode == nil || k > 0 {
            var nulls = Bitmap(count: groups.count)
            let codes = groups.map { ($0 / strides[k]) % key.cardinality }
            for (i, c) in codes.enumerated() where c == key.cardinality - 1 { nulls[i] = true }
            switch key.column.storage {
            case .text(_, let dict):
                columns.append(Column(type: key.column.type,
                                      storage: .text(codes: codes.map { Int32($0 == key.cardinality - 1 ? 0 : $0) }, dictionary: dict),
                                      nulls: nulls))
            default:
                columns.append(Column(type: key.column.type, storage: .ints(codes.map { key.lo &+ Int64($0) }), nulls: nulls))
            }
        }
        for (j, agg) in aggregates.enumerated() {
            columns.append(column(agg, j, groups, acc, totalRows))
        }
        return Relation(names: keys.map(\.0) + aggregates.map(\.name), columns: columns, count: groups.count)
    }

    func column(_ agg: BoundAggregate, _ j: Int, _ groups: [Int], _ acc: Accumulators, _ totalRows: Int) -> Column {
        let k = groups.count
        var nulls = Bitmap(count: k)
        let seen = acc.seen[j]
        switch agg.kind {
        case .count:
            return Column(type: .int, storage: .ints(groups.map { acc.count[$0] }))
        case .share:
            let total = Double(totalRows)
            return Column(type: .float, storage: .floats(groups.map { total == 0 ? 0 : Double(acc.count[$0]) * 100 / total }))
        case .countNonNull:
            return Column(type: .int, storage: .ints(groups.map { seen.isEmpty ? 0 : seen[$0] }))
        case .pct:
            var out = [Double](repeating: 0, count: k)
            for (i, g) in groups.enumerated() {
                let all = acc.count[g]
                if all == 0 { nulls[i] = true } else { out[i] = Double(acc.ints[j].isEmpty ? 0 : acc.ints[j][g]) * 100 / Double(all) }
            }
            return Column(type: .float, storage: .floats(out), nulls: nulls)
        case .avg:
            var out = [Double](repeating: 0, count: k)
            for (i, g) in groups.enumerated() {
                let n = seen.isEmpty ? 0 : seen[g]
                if n == 0 { nulls[i] = true; continue }
                let sum = acc.ints[j].isEmpty ? acc.doubles[j][g] : Double(acc.ints[j][g]) / Double(DecimalValue.powers[acc.scales[j]])
                out[i] = sum / Double(n)
            }
            return Column(type: .float, storage: .floats(out), nulls: nulls)
        default:   // sum, min, max
            for (i, g) in groups.enumerated() where seen.isEmpty || seen[g] == 0 { nulls[i] = true }
            if agg.type == .decimal {
                let units = acc.ints[j].isEmpty ? [Int64](repeating: 0, count: k) : groups.map { acc.ints[j][$0] }
                return Column(type: .decimal, storage: .decimals(units, scale: acc.scales[j]), nulls: nulls)
            }
            if !acc.ints[j].isEmpty {
                return Column(type: agg.type, storage: .ints(groups.map { acc.ints[j][$0] }), nulls: nulls)
            }
            if agg.type == .int {   // sum over no values of an int column
                return Column(type: .int, storage: .ints([Int64](repeating: 0, count: k)), nulls: nulls)
            }
            let values = acc.doubles[j].isEmpty ? [Double](repeating: 0, count: k) : groups.map { acc.doubles[j][$0] }
            return Column(type: agg.type, storage: .floats(values), nulls: nulls)
        }
    }
}
