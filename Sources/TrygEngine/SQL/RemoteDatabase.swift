/// A database server whose tables join the catalog (`--connect`): a query over them is compiled
/// to one statement, sent whole, and only its result comes back.
public protocol RemoteDatabase: Sendable {
    /// The dialect its statements are written in.
    var dialect: SQLDialect { get }
    /// Where it is, for messages and `.show` (never with a password).
    var displayName: String { get }
    /// Runs a statement and returns its rows as a table with these columns and types; the flag
    /// cancels the statement on the server.
    func rows(_ sql: String, columns: [(name: String, type: DataType)], cancellation: CancellationFlag) throws(Diagnostic) -> Table
}

extension LogicalPlan {
    /// The tables the plan scans.
    var scannedTables: [Table] {
        if case .scan(let t, _) = self { return [t] }
        return children.flatMap(\.scannedTables)
    }

    /// Whether a stage reads rows when the query is bound (a pivot names its columns from them).
    var readsRowsWhenBound: Bool {
        if case .pivot = self { return true }
        return children.contains { $0.readsRowsWhenBound }
    }
}

extension Session {
    /// A bound query over a server's tables, run there; nil when it reads no server table.
    func runRemote(_ bound: BoundQuery, _ query: QueryAST) throws(Diagnostic) -> Table? {
        let tables = bound.plan.scannedTables
        guard tables.contains(where: \.isRemote) else { return nil }
        guard let remote = remoteDatabase else {
            throw Diagnostic(.error, "the server of this table is no longer connected", code: .server, span: query.span,
                             label: "connect again with .connect URL")
        }
        if let local = tables.first(where: { !$0.isRemote }) {
            let name = tables.first(where: \.isRemote)?.name ?? "remote"
            throw Diagnostic(.error, "this query mixes the server's tables with tryg's own ('\(local.name)')", code: .server,
                             span: query.span, label: "a query runs either on the server or in tryg",
                             notes: ["help: bring the server's rows over first: let t = \(name) where …; then query t with \(local.name)"])
        }
        if bound.plan.readsRowsWhenBound {
            throw Diagnostic(.error, "pivot names its columns from the rows, which are on the server", code: .sqlUnsupported,
                             span: query.span, label: "bring the rows over first",
                             notes: ["help: let t = … group by …; then t pivot …"])
        }
        if bound.suppress != nil {
            throw Diagnostic(.error, "suppression cannot run on the server", code: .sqlUnsupported, span: query.span,
                             label: "bring the rows over first", notes: ["help: let t = …; then t … suppress below N"])
        }
        let plan = Optimizer.standard.optimize(bound.plan)
        let sql = try SQLCompiler.compile(plan, dialect: remote.dialect, domain: domain, querySpan: query.span)
        do throws(Diagnostic) {
            return try remote.rows(sql, columns: bound.fields.map { ($0.name, $0.type) }, cancellation: cancellation)
        } catch where error.span == nil && error.kind == .user {
            // The server's message, pointed at the tryg query whose statement it refused.
            throw Diagnostic(error.severity, error.message, code: error.code, span: query.span,
                             label: "this query ran on \(remote.displayName)",
                             notes: error.notes + ["help: explain sql postgres shows the statement sent"])
        }
    }
}
