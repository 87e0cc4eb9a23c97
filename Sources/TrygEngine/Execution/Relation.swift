/// Named columns of equal length flowing between operators.
struct Relation {
    var names: [String]
    var columns: [Column]
    var count: Int

    func index(_ name: String) -> Int? { names.firstIndex(of: name) }

    func column(_ name: String) throws(Diagnostic) -> Column {
        guard let i = index(name) else { throw Diagnostic.internalError("no column '\(name)' in the plan") }
        return columns[i]
    }

    /// The rows at the given indices.
    func gather(_ rows: [Int32]) -> Relation {
        Relation(names: names, columns: columns.map { $0.gather(rows) }, count: rows.count)
    }

    /// The rows at the given indices, checking for cancellation between columns.
    func gather(_ rows: [Int32], _ cancellation: CancellationFlag) throws(Diagnostic) -> Relation {
        var out: [Column] = []
        out.reserveCapacity(columns.count)
        for c in columns {
            try cancellation.check()
            out.append(c.gather(rows))
        }
        return Relation(names: names, columns: out, count: rows.count)
    }

    func table(named name: String) -> Table {
        Table(name: name, columnNames: names, columns: columns, rowCount: count)
    }
}
