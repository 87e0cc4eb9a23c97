import Foundation
import Testing
import TrygDomain
@testable import TrygEngine
import TrygPostgres
import TrygShell

/// `--connect`: the server's tables in the catalog, queries over them sent whole, results read
/// back into tryg's types; the same rows as the shell in memory. Runs beside scripts/with-postgres.
@Suite(.serialized) struct PostgresConnectTests {
    static func connected(schema: String) throws -> Session {
        let database = try PostgresDatabase("options='-c search_path=\(schema)'")
        let session = Session(catalog: Catalog())
        for t in try database.tables().tables { session.catalog.register(t) }
        session.remoteDatabase = database
        return session
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func savedScriptsGiveTheSameRowsOnTheServer() throws {
        _ = try PostgresOracle(schema: "tryg_remote", catalog: try ManualTests.samples())
        let dir = ManualTests.package.appendingPathComponent("queries")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tryg") }.sorted()
        var compared = 0
        for script in scripts {
            let text = try String(contentsOf: dir.appendingPathComponent(script), encoding: .utf8)
            let local = Session(catalog: try ManualTests.samples())
            let remote = try PostgresConnectTests.connected(schema: "tryg_remote")
            for item in ScriptSplitter.split(text) where item.kind == .statement {
                guard let mine = try? local.execute(item.text) else { continue }
                let theirs: StatementOutcome
                do { theirs = try remote.execute(item.text) } catch {
                    Issue.record("queries/\(script):\(item.line) failed on the server:\n\(error)")
                    continue
                }
                switch (mine, theirs) {
                case (.rows(let a), .rows(let b)), (.stored(_, let a), .stored(_, let b)):
                    compared += 1
                    #expect(a.table.columns.map(\.type) == b.table.columns.map(\.type), "queries/\(script):\(item.line)")
                    #expect(GoldenFile.rows(a.table).sorted() == GoldenFile.rows(b.table).sorted(),
                            "queries/\(script):\(item.line)\n\(GoldenFile.rows(a.table))\n---\n\(GoldenFile.rows(b.table))")
                default:
                    Issue.record("queries/\(script):\(item.line): different kinds of outcome")
                }
            }
        }
        #expect(compared > 10)
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func theDoneWhenQuery() throws {
        _ = try PostgresOracle(schema: "tryg_remote2", catalog: try ManualTests.samples())
        let remote = try PostgresConnectTests.connected(schema: "tryg_remote2")
        let local = Session(catalog: try ManualTests.samples())
        let q = "incidents where library = \"Blågården\" group by halfyear"
        guard case .rows(let a) = try local.execute(q), case .rows(let b) = try remote.execute(q) else {
            Issue.record("no rows"); return
        }
        #expect(a.table.rowCount > 0)
        #expect(GoldenFile.rows(a.table) == GoldenFile.rows(b.table))
        #expect(b.table.columns.map(\.type) == a.table.columns.map(\.type))
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func letBringsTheServersRowsOver() throws {
        _ = try PostgresOracle(schema: "tryg_remote4", catalog: try ManualTests.samples())
        let remote = try PostgresConnectTests.connected(schema: "tryg_remote4")
        let local = Session(catalog: try ManualTests.samples())
        let keep = "let b = incidents where library = \"Blågården\" and severity >= 3"
        guard case .stored(_, let kept) = try remote.execute(keep), case .stored(_, let mine) = try local.execute(keep) else {
            Issue.record("no table kept"); return
        }
        #expect(remote.catalog.table("b")?.isRemote == false)
        #expect(kept.table.rowCount == mine.table.rowCount && mine.table.rowCount > 0)
        // The kept rows are tryg's own: they join a local table, and give the same figures.
        remote.catalog.register(try #require(local.catalog.table("libraries")).renamed("mylibs"))
        local.catalog.register(try #require(local.catalog.table("libraries")).renamed("mylibs"))
        let q = "b join mylibs on library = name group by mylibs.district, b.halfyear"
        guard case .rows(let x) = try remote.execute(q), case .rows(let y) = try local.execute(q) else { Issue.record("no rows"); return }
        #expect(GoldenFile.rows(x.table) == GoldenFile.rows(y.table))
        // A server table's name is not taken by a kept result.
        do { _ = try remote.execute("let incidents = incidents where severity > 4"); Issue.record("a server table was replaced") } catch {
            #expect(error.code == .tableLoadedFromFile)
        }
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func faultsAreClearErrors() throws {
        _ = try PostgresOracle(schema: "tryg_remote3", catalog: try ManualTests.samples())
        let remote = try PostgresConnectTests.connected(schema: "tryg_remote3")
        // A query mixing the server's tables with tryg's own says how to bring one over.
        remote.catalog.register(Table(name: "mine", columnNames: ["name"], columns: [ColumnBuilder(type: .text).finish()]))
        do { _ = try remote.execute("incidents join mine on library = name count"); Issue.record("mixed query ran") } catch {
            #expect(error.code == .server)
            #expect(error.notes.joined().contains("let t = incidents"))
        }
        // A table gone from the server: the server's own message, and the session goes on.
        let other = try PostgresConnection("options='-c search_path=tryg_remote3'")
        try other.execute("DROP TABLE timeline")
        do { _ = try remote.execute("timeline count"); Issue.record("a dropped table answered") } catch {
            #expect(error.code == .server)
            #expect(error.message.contains("timeline"), "\(error.message)")
            // The server's message points at the tryg query that produced the statement.
            #expect(error.span == Span(0, 14))
        }
        guard case .rows(let r) = try remote.execute("libraries count") else { Issue.record("no rows"); return }
        #expect(r.table.rowCount == 1)
        // A refused connection names why.
        do { _ = try PostgresDatabase("host=/nonexistent-tryg-socket-dir"); Issue.record("connected to nothing") } catch {
            #expect(error.code == .server)
            #expect(error.message.contains("could not connect"))
        }
    }
}
