import TrygDomain

/// Compiles an optimised logical plan to one SQL statement: each stage a common table
/// expression (`WITH s1 AS (…), s2 AS (…) SELECT … FROM s9`), read top to bottom in the
/// order the stages run.
///
/// Inside the statement, half-years travel as their ordinals and ordered categories as their
/// positions (so they sort, compare and aggregate in their own order); the final select turns
/// them back into their labels. A stage whose rows have an order carries it in a hidden
/// row-number column, so later stages and the final `ORDER BY` keep it.
struct SQLCompiler {
    let dialect: SQLDialect
    let domain: DomainContext
    /// Where the query stands, for errors about a whole stage.
    let querySpan: Span?
    /// Where the stages the compiler may refuse stand (`trend`, `limit`, `order`), by their keyword.
    var stageSpans: [String: Span] = [:]
    private(set) var stages: [(name: String, body: String)] = []
    /// What a reader of the statement should know (ties at a cut broken otherwise than in tryg).
    private(set) var warnings: [Diagnostic] = []

    /// The column that carries a stage's row order.
    static let orderColumn = "tryg_row_order"

    /// The rows of one compiled stage: its name in the `WITH` list and its columns.
    struct Rel {
        let name: String
        let fields: [(name: String, type: DataType)]
        /// Whether the hidden order column is there (the rows have an order).
        let ordered: Bool
    }

    init(dialect: SQLDialect, domain: DomainContext, querySpan: Span?) {
        self.dialect = dialect
        self.domain = domain
        self.querySpan = querySpan
    }

    /// The statement for a plan whose result has these output columns.
    static func compile(_ plan: LogicalPlan, dialect: SQLDialect, domain: DomainContext,
                        querySpan: Span? = nil, stageSpans: [String: Span] = [:]) throws(Diagnostic) -> String {
        try compileReporting(plan, dialect: dialect, domain: domain, querySpan: querySpan, stageSpans: stageSpans).text
    }

    /// `compile`, with the warnings a reader of the statement should see.
    static func compileReporting(_ plan: LogicalPlan, dialect: SQLDialect, domain: DomainContext, querySpan: Span? = nil,
                                 stageSpans: [String: Span] = [:]) throws(Diagnostic) -> (text: String, warnings: [Diagnostic]) {
        var c = SQLCompiler(dialect: dialect, domain: domain, querySpan: querySpan)
        c.stageSpans = stageSpans
        let rel = try c.relation(plan)
        var items: [String] = []
        for f in rel.fields {
            items.append("\(try c.label(try c.id(f.name), f.type)) AS \(try c.id(f.name))")
        }
        var text = "WITH\n"
        text += c.stages.map { "\($0.name) AS (\n  \($0.body.replacingOccurrences(of: "\n", with: "\n  "))\n)" }
            .joined(separator: ",\n")
        text += "\nSELECT \(items.isEmpty ? "1" : items.joined(separator: ", "))\nFROM \(rel.name)"
        if rel.ordered { text += "\nORDER BY \(try c.id(orderColumn))" }
        return (text, c.warnings)
    }

    /// Adds a stage and returns its rows.
    mutating func add(_ body: String, _ fields: [(name: String, type: DataType)], ordered: Bool) -> Rel {
        let name = "s\(stages.count + 1)"
        stages.append((name, body))
        return Rel(name: name, fields: fields, ordered: ordered)
    }

    /// A quoted identifier; a name that cannot be written is an error.
    func id(_ name: String) throws(Diagnostic) -> String {
        do { return try SQLQuoting.identifier(name, dialect) } catch {
            throw Diagnostic(.error, "the name '\(Diagnostic.shown(name))' holds a NUL character, which \(dialect.title) cannot name",
                             code: .sqlUnsupported, span: querySpan, label: "rename the column with select … as")
        }
    }

    /// A quoted text literal; a text that cannot be written is an error.
    func text(_ value: String, _ span: Span? = nil) throws(Diagnostic) -> String {
        do { return try SQLQuoting.literal(value, dialect) } catch {
            throw Diagnostic(.error, "the text '\(Diagnostic.shown(value))' holds a NUL character, which \(dialect.title) cannot hold",
                             code: .sqlUnsupported, span: span ?? querySpan, label: "remove the NUL character")
        }
    }

    /// The error for a stage or function the dialect cannot express.
    func unsupported(_ what: String, _ span: Span?, _ help: String) -> Diagnostic {
        Diagnostic(.error, "\(what) cannot be compiled to \(dialect.title) (sql \(dialect.rawValue))", code: .sqlUnsupported,
                   span: span ?? querySpan, label: "not in the SQL for \(dialect.rawValue)", notes: ["help: \(help)"])
    }

    /// A SELECT list; one placeholder column where there is none (`where` before `count` reads
    /// no column, and only PostgreSQL takes `SELECT FROM`).
    func selectList(_ items: [String]) throws(Diagnostic) -> String {
        items.isEmpty ? "1 AS \(try id("tryg_no_columns"))" : items.joined(separator: ", ")
    }

    /// The column list of a relation, each quoted, optionally with its order column.
    func columns(_ rel: Rel, prefix: String = "", order: Bool) throws(Diagnostic) -> [String] {
        var out: [String] = []
        for f in rel.fields { out.append(prefix + (try id(f.name))) }
        if order && rel.ordered { out.append(prefix + (try id(SQLCompiler.orderColumn))) }
        return out
    }

    /// The stages, one at a time; a stage whose columns the dialect cannot tell apart (names
    /// that differ only in case, where the dialect ignores case) is refused.
    mutating func relation(_ plan: LogicalPlan) throws(Diagnostic) -> Rel {
        let rel = try stage(plan)
        guard dialect.namesIgnoreCase else { return rel }
        var seen: [String: String] = [:]
        for f in rel.fields {
            let folded = f.name.lowercased()
            if let other = seen[folded], other != f.name {
                throw unsupported("the columns '\(Diagnostic.shown(other))' and '\(Diagnostic.shown(f.name))' side by side", nil,
                                  "\(dialect.title) reads names without regard to case; rename one (select … as, or derive a new name)")
            }
            seen[folded] = f.name
        }
        return rel
    }

    private mutating func stage(_ plan: LogicalPlan) throws(Diagnostic) -> Rel {
        switch plan {
        case .scan(let table, let cols):
            return try scan(table, cols)
        case .values(let table):
            throw unsupported("the table '\(table.name)' computed inside tryg", nil, "run the query in tryg itself")
        case .filter(let input, let predicate):
            let rel = try relation(input)
            let body = "SELECT \(try selectList(try columns(rel, order: true)))\nFROM \(rel.name)\n"
                + "WHERE \(try expr(predicate, rel))"
            return add(body, rel.fields, ordered: rel.ordered)
        case .project(let input, let items):
            let rel = try relation(input)
            var list: [String] = []
            for (name, e) in items { list.append("\(try expr(e, rel)) AS \(try id(name))") }
            if rel.ordered { list.append(try id(SQLCompiler.orderColumn)) }
            return add("SELECT \(try selectList(list))\nFROM \(rel.name)", items.map { ($0.0, $0.1.type) },
                       ordered: rel.ordered)
        case .aggregate(let input, let keys, let aggregates):
            return try aggregate(try relation(input), keys, aggregates)
        case .sort(let input, let keys):
            return try sort(try relation(input), keys, limit: nil)
        case .topN(let input, let n, let keys):
            return try sort(try relation(input), keys, limit: n)
        case .limit(let input, let n):
            let rel = try relation(input)
            if n < 0 { return rel }
            guard rel.ordered else {
                throw unsupported("limit on rows without an order", stageSpans["limit"],
                                  "SQL tables have no row order; sort first (order by … limit \(n), or top \(n) by …)")
            }
            let order = try id(SQLCompiler.orderColumn)
            let body = "SELECT \(try selectList(try columns(rel, order: true)))\nFROM \(rel.name)\n"
                + "ORDER BY \(order)\nLIMIT \(n)"
            return add(body, rel.fields, ordered: true)
        case .join(let node):
            return try join(node)
        case .pivot(let node):
            return try pivot(node)
        case .compare(let node):
            return try compare(node)
        case .trend(let node):
            return try trend(node)
        }
    }

    /// `order by` (and `top` with a limit): a new row order, ties kept in the order the rows had.
    /// A table's own rows have no order in SQL: their ties go by the values of every column in
    /// turn, so the statement answers the same every time, and a cut through ties says so.
    mutating func sort(_ rel: Rel, _ keys: [BoundSortKey], limit: Int?) throws(Diagnostic) -> Rel {
        var terms: [String] = []
        // A constant sorts nothing (and SQL reads a whole number there as a column's place).
        for k in keys {
            if case .literal = k.expr { continue }
            terms.append(try sortTerm(k.expr, rel, descending: k.descending, explicit: true))
        }
        if rel.ordered {
            terms.append(try id(SQLCompiler.orderColumn))
        } else {
            for f in rel.fields { terms.append(try sortTerm(.column(f.name, f.type), rel, descending: false, explicit: false)) }
            if limit != nil {
                warnings.append(Diagnostic(.warning, "rows that tie at the cut may differ from tryg's", code: .sqlTies,
                                           span: stageSpans["top"] ?? stageSpans["order"],
                                           label: "a SQL table's rows have no order: ties go by the other columns' values",
                                           notes: ["note: tryg takes tied rows in the order they had; sort by a key that ties for no two rows (… , id) to get the same rows"]))
            }
        }
        let number = "ROW_NUMBER() OVER (ORDER BY \(terms.joined(separator: ", "))) AS \(try id(SQLCompiler.orderColumn))"
        var body = "SELECT \((try columns(rel, order: false) + [number]).joined(separator: ", "))\nFROM \(rel.name)"
        if let limit {
            let sorted = add(body, rel.fields, ordered: true)
            body = "SELECT \(try selectList(try columns(sorted, order: true)))\nFROM \(sorted.name)\n"
                + "ORDER BY \(try id(SQLCompiler.orderColumn))\nLIMIT \(max(limit, 0))"
        }
        return add(body, rel.fields, ordered: true)
    }

    /// One `ORDER BY` term: nulls last in both directions, text in Danish order.
    func sortTerm(_ e: BoundExpr, _ rel: Rel, descending: Bool, explicit: Bool) throws(Diagnostic) -> String {
        var sql = try expr(e, rel)
        if e.type == .text {
            if let danish = dialect.danishOrder(sql) { sql = danish } else if explicit {
                throw unsupported("sorting text in Danish order (æ, ø, å after z)", stageSpans["order"] ?? stageSpans["top"],
                                  "\(dialect.title) has no Danish collation; sort by a number, or compile for postgres or duckdb")
            }
        }
        return "\(sql) \(descending ? "DESC" : "ASC") NULLS LAST"
    }
}
