/// `join`, `pivot` and `compare` in SQL.
extension SQLCompiler {
    /// An equi-join; the left side's row order carries over.
    mutating func join(_ node: JoinNode) throws(Diagnostic) -> Rel {
        let left = try relation(node.left)
        let right = try relation(node.right)
        var items: [String] = []
        var fields: [(name: String, type: DataType)] = []
        for f in left.fields {
            items.append("l.\(try id(f.name)) AS \(try id(f.name))")
            fields.append(f)
        }
        for (f, name) in zip(right.fields, node.rightNames) {
            guard let name else { continue }
            items.append("r.\(try id(f.name)) AS \(try id(name))")
            fields.append((name, f.type))
        }
        if left.ordered { items.append("l.\(try id(SQLCompiler.orderColumn)) AS \(try id(SQLCompiler.orderColumn))") }
        var on: [String] = []
        for (l, r) in zip(node.leftKeys, node.rightKeys) { on.append("l.\(try id(l)) = r.\(try id(r))") }
        let body = "SELECT \(items.joined(separator: ", "))\nFROM \(left.name) AS l\n"
            + "\(node.isLeft ? "LEFT JOIN" : "JOIN") \(right.name) AS r ON \(on.isEmpty ? "TRUE" : on.joined(separator: " AND "))"
        return add(body, fields, ordered: left.ordered)
    }

    /// The grouped input's rows per key combination, in the order they first appear, with one
    /// cell per value (and measure): conditional aggregation.
    mutating func cells(_ rel: Rel, keys: [String], column: String, cells: [(value: Value, measure: String, name: String, zero: Bool)])
        throws(Diagnostic) -> Rel {
        var items: [String] = []
        var fields: [(name: String, type: DataType)] = []
        for k in keys {
            guard let f = rel.fields.first(where: { $0.name == k }) else { throw Diagnostic.internalError("no key \(k)") }
            items.append(try id(k))
            fields.append(f)
        }
        guard let col = rel.fields.first(where: { $0.name == column }) else { throw Diagnostic.internalError("no column \(column)") }
        for cell in cells {
            guard let m = rel.fields.first(where: { $0.name == cell.measure }) else { throw Diagnostic.internalError("no measure") }
            // The cell of the null value gathers the rows whose value is null (`= NULL` is never true).
            let test = cell.value.isNull ? "\(try id(column)) IS NULL" : "\(try id(column)) = \(try literal(cell.value, col.type))"
            var sql = dialect.extreme("CASE WHEN \(test) THEN \(try id(cell.measure)) END", m.type, least: false)
            // A combination with no rows counts zero; one whose measure is null (a sum of nulls) stays null.
            if cell.zero {
                let zero = m.type == .float ? "CAST(0 AS \(dialect.doubleType))" : "0"
                sql = "CASE WHEN COUNT(CASE WHEN \(test) THEN 1 END) = 0 THEN \(zero) ELSE \(sql) END"
            }
            items.append("\(sql) AS \(try id(cell.name))")
            fields.append((cell.name, m.type))
        }
        let order = try id(SQLCompiler.orderColumn)
        if !keys.isEmpty {
            var terms: [String] = []
            if rel.ordered { terms.append("MIN(\(order))") }
            for k in keys { terms.append("\(try id(k)) ASC NULLS LAST") }
            items.append("ROW_NUMBER() OVER (ORDER BY \(terms.joined(separator: ", "))) AS \(order)")
        }
        var body = "SELECT \(items.joined(separator: ", "))\nFROM \(rel.name)"
        // With no keys, one row when there were any rows, none for an empty input.
        body += keys.isEmpty ? "\nHAVING COUNT(*) > 0" : "\nGROUP BY \(try keys.map { (k) throws(Diagnostic) in try id(k) }.joined(separator: ", "))"
        return add(body, fields, ordered: !keys.isEmpty)
    }

    mutating func pivot(_ node: PivotNode) throws(Diagnostic) -> Rel {
        let rel = try relation(node.input)
        var list: [(value: Value, measure: String, name: String, zero: Bool)] = []
        var names = node.cellNames.makeIterator()
        for v in node.values {
            for m in node.measures {
                guard let name = names.next() else { throw Diagnostic.internalError("pivot cell names") }
                list.append((v, m, name, node.zeroFill.contains(m)))
            }
        }
        return try cells(rel, keys: node.keys, column: node.column, cells: list)
    }

    /// The measure at A and at B per key, then `change` and `change_pct`.
    mutating func compare(_ node: CompareNode) throws(Diagnostic) -> Rel {
        let rel = try relation(node.input)
        let a = "tryg_compare_from", b = "tryg_compare_to"
        let both = try cells(rel, keys: node.keys, column: node.column,
                             cells: [(node.from, node.measure, a, node.zeroFill), (node.to, node.measure, b, node.zeroFill)])
        guard let m = rel.fields.first(where: { $0.name == node.measure }) else { throw Diagnostic.internalError("no measure") }
        guard node.names.count == 4 else { throw Diagnostic.internalError("compare names") }
        let (la, lb, change, changePct) = (node.names[0], node.names[1], node.names[2], node.names[3])
        let double = dialect.doubleType
        let (x, y) = (try id(a), try id(b))
        var items: [String] = []
        for k in node.keys { items.append(try id(k)) }
        items.append("\(x) AS \(try id(la))")
        items.append("\(y) AS \(try id(lb))")
        items.append("(\(y) - \(x)) AS \(try id(change))")
        items.append("(CAST(\(y) AS \(double)) - CAST(\(x) AS \(double))) * 100 / NULLIF(CAST(\(x) AS \(double)), 0) AS \(try id(changePct))")
        if both.ordered { items.append(try id(SQLCompiler.orderColumn)) }
        let fields = both.fields.prefix(node.keys.count) + [(la, m.type), (lb, m.type), (change, m.type), (changePct, .float)]
        return add("SELECT \(items.joined(separator: ", "))\nFROM \(both.name)", Array(fields), ordered: both.ordered)
    }
}
