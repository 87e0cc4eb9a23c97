/// Prints logical plans as indented trees with estimated row counts.
enum PlanPrinter {
    static func explain(before: LogicalPlan, trace: [(rule: String, plan: LogicalPlan)]) -> String {
        var out = "logical plan:\n" + render(before)
        var last = render(before)
        for (rule, plan) in trace {
            let text = render(plan)
            if text == last {
                out += "\nrewrite \(rule): no change"
            } else {
                out += "\nrewrite \(rule):\n" + text
            }
            last = text
        }
        out += "\noptimized plan:\n" + last
        return out
    }

    static func render(_ plan: LogicalPlan, indent: Int = 1) -> String {
        let pad = String(repeating: "  ", count: indent)
        var line = pad + describe(plan) + "  (~\(format(estimate(plan))) rows)"
        for c in plan.children { line += "\n" + render(c, indent: indent + 1) }
        return line
    }

    /// The physical plan: each node as in the logical plan, with its kernel in brackets.
    static func render(_ plan: PhysicalPlan, indent: Int = 1) -> String {
        let pad = String(repeating: "  ", count: indent)
        var line = pad + describe(plan.logical) + "  (~\(format(estimate(plan.logical))) rows)"
        if let kernel = plan.kernelText { line += "  [\(kernel)]" }
        for c in plan.inputs { line += "\n" + render(c, indent: indent + 1) }
        return line
    }

    static func describe(_ plan: LogicalPlan) -> String {
        switch plan {
        case .scan(let t, let cols):
            return "Scan \(t.name) [\(cols.map { c -> String in if case .derived = c.1 { return c.0 + "*" } else { return c.0 } }.joined(separator: ", "))]"
        case .values(let t): return "Values \(t.name)"
        case .filter(_, let p): return "Filter \(p.text)"
        case .project(_, let items):
            return "Project " + items.map { n, e in
                if case .column(let c, _) = e, c == n { return n }
                return "\(n) = \(e.text)"
            }.joined(separator: ", ")
        case .aggregate(_, let keys, let aggs):
            let k = keys.map { n, e in e.text == n ? n : "\(n) = \(e.text)" }.joined(separator: ", ")
            let a = aggs.map { $0.name == $0.text ? $0.name : "\($0.name) = \($0.text)" }.joined(separator: ", ")
            return keys.isEmpty ? "Aggregate [\(a)]" : "Aggregate by [\(k)] [\(a)]"
        case .sort(_, let keys): return "Sort " + keys.map { $0.expr.text + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        case .limit(_, let n): return "Limit \(n)"
        case .topN(_, let n, let keys):
            return "TopN \(n) by " + keys.map { $0.expr.text + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        case .join(let j):
            let on = zip(j.leftKeys, j.rightKeys).map { "\($0) = \($1)" }.joined(separator: ", ")
            return "\(j.isLeft ? "LeftJoin" : "Join") on \(on)"
        case .pivot(let p):
            return "Pivot \(p.column) [\(p.measures.joined(separator: ", "))]\(p.inputRows == nil ? "" : " (input read at plan time)")"
        case .compare(let c): return "Compare \(c.column) \"\(c.from.display)\" to \"\(c.to.display)\" [\(c.measure)]"
        case .trend(let t):
            switch t.step {
            case .month(let year), .week(let year): return "Trend over \(year), \(t.period) [\(t.measure)]"
            default: break
            }
            return "Trend over \(t.period) [\(t.measure)]"
        }
    }

    static func format(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// A rough guess of the rows a node yields (for explain only).
    static func estimate(_ plan: LogicalPlan) -> Int {
        switch plan {
        case .scan(let t, _): return t.rowCount
        case .values(let t): return t.rowCount
        case .filter(let i, let p):
            let n = estimate(i)
            let conj = FilterPushDown.conjuncts(p).count
            var r = n
            for _ in 0..<conj { r = max(1, r / 4) }
            return n == 0 ? 0 : r
        case .project(let i, _), .sort(let i, _):
            return estimate(i)
        case .trend(let t):
            return estimate(t.input)
        case .aggregate(let i, let keys, _): return keys.isEmpty ? 1 : min(estimate(i), 10 * keys.count * keys.count)
        case .limit(let i, let n), .topN(let i, let n, _): return min(n, estimate(i))
        case .join(let j): return estimate(j.left)
        case .pivot(let p): return max(1, estimate(p.input) / 4)
        case .compare(let c): return max(1, estimate(c.input) / 4)
        }
    }
}
