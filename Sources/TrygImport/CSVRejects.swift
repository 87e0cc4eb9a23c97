import TrygEngine
/// Rows a load could not take, kept so that nothing is dropped without a trace.
struct CSVRejects {
    private var lines: [Int64] = []
    private var raws: [String] = []
    private var reasons: [String] = []

    var count: Int { lines.count }

    mutating func add(line: Int, raw: String, reason: String) {
        lines.append(Int64(line))
        raws.append(raw)
        reasons.append(reason)
    }

    /// Appends another chunk's rejects, whose lines were counted from 1 at `lineOffset + 1`.
    mutating func append(_ other: CSVRejects, lineOffset: Int) {
        lines.append(contentsOf: other.lines.map { $0 + Int64(lineOffset) })
        raws.append(contentsOf: other.raws)
        reasons.append(contentsOf: other.reasons)
    }

    /// The first value of `column` that did not fit its type, as `'AB12' on line 57`.
    func firstMisfit(column: String) -> String? {
        let prefix = "column \(column): '"
        for (i, reason) in reasons.enumerated() {
            guard let range = reason.range(of: prefix) else { continue }
            let rest = reason[range.upperBound...]
            guard let end = rest.range(of: "' is not") else { continue }
            return "'\(rest[..<end.lowerBound])' on line \(lines[i])"
        }
        return nil
    }

    /// The table `<name>_rejects` with columns `file`, `line`, `raw` and `reason`; nil when empty.
    func table(for tableName: String, path: String) -> Table? {
        guard !lines.isEmpty else { return nil }
        var file = ColumnBuilder(type: .text, capacity: count)
        var line = ColumnBuilder(type: .int, capacity: count)
        var raw = ColumnBuilder(type: .text, capacity: count)
        var reason = ColumnBuilder(type: .text, capacity: count)
        for i in 0..<count {
            file.append(.text(path))
            line.append(.int(lines[i]))
            raw.append(.text(raws[i]))
            reason.append(.text(reasons[i]))
        }
        return Table(name: tableName + "_rejects", columnNames: ["file", "line", "raw", "reason"],
                     columns: [file.finish(), line.finish(), raw.finish(), reason.finish()], origin: path)
    }
}
