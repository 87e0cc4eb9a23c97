import Synchronization

/// The distinct values of a server table's column, asked of the server (`select distinct …
/// limit`) for value warnings, library spellings and completion, and kept a short while so a
/// query being typed does not ask again at each Tab.
public final class ServerValues: Sendable {
    /// What the server said about one column: its values, and whether that is all of them.
    struct Answer: Sendable {
        let values: [Value]
        /// False when the column holds more than `limit` values: a literal missing from these
        /// may still be in the column, so no warning is given.
        let complete: Bool
        let asked: ContinuousClock.Instant
    }

    /// How many values are asked for; a column with more is not listed whole.
    public static let limit = 1000
    /// How long an answer is kept.
    public static let lifetime: Duration = .seconds(30)

    private let answers = Mutex<[String: Answer]>([:])

    public init() {}

    /// Forgets every answer (a new connection).
    public func clear() { answers.withLock { $0 = [:] } }

    /// The values of a field read from a server table; nil when the server could not say.
    func values(_ origin: FieldOrigin, remote: any RemoteDatabase, domain: DomainContext) -> Answer? {
        let name = "value"
        let type: DataType
        switch origin.column {
        case .stored(let i): type = origin.table.columns[i].type
        case .derived(let kind, _): type = kind.type
        }
        let key = "\(remote.displayName)\u{0}\(origin.table.name)\u{0}\(origin.column)"
        let clock = ContinuousClock()
        if let kept = answers.withLock({ $0[key] }), clock.now - kept.asked < ServerValues.lifetime { return kept }
        // One group per value of the column, compiled as any query is, then cut to `limit` + 1 rows.
        let plan = LogicalPlan.aggregate(.scan(origin.table, [(name, origin.column)]), keys: [(name, .column(name, type))],
                                         aggregates: [])
        do throws(Diagnostic) {
            let grouped = try SQLCompiler.compile(plan, dialect: remote.dialect, domain: domain)
            let sql = "SELECT * FROM (\n\(grouped)\n) AS tryg_values\nLIMIT \(ServerValues.limit + 1)"
            let table = try remote.rows(sql, columns: [(name, type)], cancellation: CancellationFlag())
            var values: [Value] = []
            for row in 0..<table.rowCount {
                let v = table.columns[0].value(at: row)
                if !v.isNull { values.append(v) }
            }
            let answer = Answer(values: Array(values.prefix(ServerValues.limit)), complete: table.rowCount <= ServerValues.limit,
                                asked: clock.now)
            answers.withLock { $0[key] = answer }
            return answer
        } catch {
            return nil
        }
    }
}

extension Session {
    /// The values of a column of a server table, for completion: nil when the table is tryg's
    /// own, has no such column, or the server could not say.
    public func serverValues(table name: String, column: String) -> [Value]? {
        guard let table = catalog.table(name), table.isRemote, let remote = remoteDatabase else { return nil }
        let (_, scope) = makeBinder().scan(table)
        guard let origin = scope.fields.first(where: { $0.name == column })?.origin else { return nil }
        return serverValueCache.values(origin, remote: remote, domain: domain)?.values
    }
}
