import Foundation
import Synchronization
import Testing
import TrygDomain
@testable import TrygEngine
import TrygPostgres

/// Faults of a connected server, each a clear error after which the session goes on: a
/// statement timeout, Ctrl-C (the statement cancelled on the server), a connection dropped
/// mid-query (the next statement connects again), a type tryg does not know (read as text).
/// The server's view `slow` takes a second a row (pg_sleep in its filter), longer than any
/// limit set here.
@Suite(.serialized) struct PostgresFaultTests {
    static let schema = "tryg_faults"

    static func prepare() throws {
        let oracle = try PostgresOracle(schema: schema, catalog: try ManualTests.samples())
        try oracle.connection.execute("""
            CREATE VIEW \(schema).slow AS SELECT x FROM generate_series(1, 5) AS x WHERE length(pg_sleep(1)::text) >= 0;
            CREATE TABLE \(schema).odd (id BIGINT, spot POINT, tags TEXT[]);
            INSERT INTO \(schema).odd VALUES (1, '(1,2)', '{a,b}'), (2, NULL, '{}')
            """)
    }

    static func connected(_ extra: String = "") throws -> Session {
        let database = try PostgresDatabase("options='-c search_path=\(schema)\(extra)'")
        let session = Session(catalog: Catalog())
        for t in try database.tables().tables { session.catalog.register(t) }
        session.remoteDatabase = database
        return session
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func aStatementTimeoutIsAnErrorAndTheSessionGoesOn() throws {
        try PostgresFaultTests.prepare()
        let session = try PostgresFaultTests.connected(" -c statement_timeout=300")
        do { _ = try session.execute("slow count"); Issue.record("the timeout did not stop the query") } catch {
            #expect(error.code == .server)
            #expect(error.message.contains("statement timeout"), "\(error.message)")
            #expect(error.notes.joined().contains("statement_timeout"), "\(error.notes)")
            #expect(error.span == Span(0, 10))
        }
        guard case .rows(let r) = try session.execute("libraries count") else { Issue.record("no rows"); return }
        #expect(GoldenFile.rows(r.table) == ["count", "19"])
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func ctrlCCancelsTheStatementOnTheServer() throws {
        try PostgresFaultTests.prepare()
        let session = try PostgresFaultTests.connected()
        // Ctrl-C raises the session's flag while the statement runs (or before it reaches the server).
        let raiser = Thread { [session] in
            Thread.sleep(forTimeInterval: 0.2)
            session.cancellation.raise()
        }
        raiser.start()
        do { _ = try session.execute("slow count"); Issue.record("the query was not cancelled") } catch {
            #expect(error.code == .cancelled, "\(error)")
        }
        guard case .rows(let r) = try session.execute("libraries count") else { Issue.record("no rows"); return }
        #expect(GoldenFile.rows(r.table) == ["count", "19"])
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func aDroppedConnectionIsAnErrorAndTheNextQueryConnectsAgain() throws {
        try PostgresFaultTests.prepare()
        let session = try PostgresFaultTests.connected()
        let admin = try PostgresConnection()
        // Another connection ends the server process of the session's while its query runs.
        let killed = Mutex(false)
        let finished = DispatchSemaphore(value: 0)
        let killer = Thread {
            defer { finished.signal() }
            for _ in 0..<500 where !killed.withLock({ $0 }) {
                let rows = try? admin.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE state = 'active' AND query LIKE '%"slow"%' AND pid <> pg_backend_pid()
                    """)
                if let rows, !rows.rows.isEmpty { killed.withLock { $0 = true } }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        killer.start()
        do { _ = try session.execute("slow count"); Issue.record("the query outlived its connection") } catch {
            #expect(error.code == .server)
            #expect(error.message.contains("connection to the server was lost"), "\(error.message)")
        }
        finished.wait()
        #expect(killed.withLock { $0 })
        guard case .rows(let r) = try session.execute("libraries count") else { Issue.record("no rows"); return }
        #expect(GoldenFile.rows(r.table) == ["count", "19"])
    }

    @Test(.enabled(if: PostgresDifferentialTests.enabled)) func aTypeTryDoesNotKnowIsReadAsText() throws {
        try PostgresFaultTests.prepare()
        let database = try PostgresDatabase("options='-c search_path=\(PostgresFaultTests.schema)'")
        let (tables, unknown) = try database.tables()
        #expect(unknown.map(\.column).sorted() == ["spot", "tags"], "\(unknown)")
        let odd = try #require(tables.first { $0.name == "odd" })
        #expect(odd.columns.map(\.type) == [.int, .text, .text])
        let session = try PostgresFaultTests.connected()
        guard case .rows(let r) = try session.execute("odd where id = 1 select spot, tags") else { Issue.record("no rows"); return }
        #expect(GoldenFile.rows(r.table) == ["spot | tags", "(1,2) | {a,b}"], "\(GoldenFile.rows(r.table))")
        // Compared and grouped as text, on the server.
        guard case .rows(let t) = try session.execute("odd where spot = \"(1,2)\" or tags = \"{}\" group by tags") else { return }
        #expect(GoldenFile.rows(t.table).sorted() == ["tags | count", "{a,b} | 1", "{} | 1"].sorted(), "\(GoldenFile.rows(t.table))")
    }
}
