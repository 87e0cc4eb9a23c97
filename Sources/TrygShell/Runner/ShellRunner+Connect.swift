import TrygEngine
import TrygPostgres

extension ShellRunner {
    /// `.connect URL` and `--connect URL`: the server's tables join the catalog (replacing tables
    /// of the same names), and queries over them are compiled and sent there.
    func connect(_ url: String) throws(Diagnostic) {
        let database = try PostgresDatabase(url)
        let (tables, unknown) = try database.tables(domain: session.domain)
        // The tables of a server connected before go (their rows are on that server).
        for name in session.catalog.names where session.catalog.table(name)?.isRemote == true { session.catalog.remove(name) }
        let replaced = tables.filter { session.catalog.table($0.name) != nil }.map(\.name)
        for t in tables { session.catalog.register(t) }
        session.remoteDatabase = database
        guard !settings.quiet else { return }
        var text = "connected to \(database.displayName): \(tables.count) table\(tables.count == 1 ? "" : "s")"
        if !tables.isEmpty { text += " (\(tables.map(\.name).joined(separator: ", ")))" }
        if !replaced.isEmpty { text += "; they replace tryg's own \(replaced.joined(separator: ", "))" }
        for u in unknown.prefix(10) {
            text += "\nnote: \(u.table).\(u.column) has the server type '\(u.serverType)', which tryg reads as text"
        }
        if unknown.count > 10 { text += "\nnote: and \(unknown.count - 10) more columns of types tryg reads as text" }
        note(text, elapsed: nil, always: true)
    }
}

extension ShellRunner {
    /// A dot command's error as it is shown: pointing into its line, unless the line holds a
    /// connection password; then without the line, and with any password in the text masked.
    static func withoutPasswords(_ error: Diagnostic, _ source: SourceText) -> Diagnostic {
        guard ConnectionString.holdsPassword(source.text) else { return error.withSource(source) }
        return Diagnostic(error.severity, ConnectionString.masked(error.message), code: error.code,
                          notes: (error.label.map { [ConnectionString.masked($0)] } ?? []) + error.notes.map(ConnectionString.masked))
    }
}
