import Foundation
import Testing
import TrygEngine
import TrygPostgres
import TrygShell

/// `--connect` and `.connect` through the built binary, against the server of
/// `scripts/with-postgres` holding the bundled samples: the same printed rows as the shell in
/// memory, errors that keep the shell going, no password on the screen or in the history, and
/// libpq loaded only when the shell first connects.
@Suite(.serialized) struct ConnectEndToEndTests {
    static let required = ProcessInfo.processInfo.environment["TRYG_REQUIRE_POSTGRES"] == "1"
    static let enabled = required || ProcessInfo.processInfo.environment["PGHOST"] != nil
    static let schema = "tryg_shell_e2e"
    /// The connection string that finds the samples' schema on the test server.
    static let conninfo = "options='-c search_path=\(schema)'"

    /// Loads the samples into their own schema once.
    static let loaded: Result<Void, Diagnostic> = {
        do throws(Diagnostic) {
            let connection = try PostgresConnection()
            try connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema)")
            let catalog: Catalog
            do { catalog = try Samples.catalog() } catch { throw Diagnostic(.error, "samples: \(error)") }
            let script = SQLTableScript(dialect: .postgres)
            for table in catalog.all {
                for statement in try script.statements(table, schema: schema) { try connection.execute(statement) }
            }
            // A view that takes a second a row, for Ctrl-C during a query on the server.
            try connection.execute("CREATE VIEW \(schema).slow AS SELECT x FROM generate_series(1, 5) AS x WHERE length(pg_sleep(1)::text) >= 0")
            return .success(())
        } catch {
            return .failure(error)
        }
    }()

    init() throws {
        if ConnectEndToEndTests.required { #expect(ProcessInfo.processInfo.environment["PGHOST"] != nil) }
        try ConnectEndToEndTests.loaded.get()
    }

    static let doneWhen = "incidents where library = \"Blågården\" group by halfyear\n"

    @Test(.enabled(if: enabled)) func pipeModeAnswersAsTheShellInMemory() throws {
        let local = try TrygBinary.run(["--data", Samples.directory], stdin: Self.doneWhen)
        let remote = try TrygBinary.run(["--data", Samples.directory, "--connect", Self.conninfo], stdin: Self.doneWhen)
        #expect(local.status == 0 && remote.status == 0, "\(remote.stderr)")
        #expect(local.stdout.contains("vinter 2024/25"))
        #expect(remote.stdout == local.stdout, "\(remote.stdout)\n\(remote.stderr)")
        #expect(remote.stderr.contains("connected to"), "\(remote.stderr)")
        // --quiet leaves the notice out; the server's tables say where their rows are.
        let quiet = try TrygBinary.run(["--quiet", "--connect", Self.conninfo, "--format", "csv"], stdin: ".tables\n.schema libraries\n")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout.contains("incidents,,10,server"), "\(quiet.stdout)")
        #expect(quiet.stdout.contains("effort_start,date,,"), "\(quiet.stdout)")
    }

    @Test(.enabled(if: enabled)) func aMixedQueryAndARefusedConnectionAreErrorsAndTheRunGoesOn() throws {
        let script = """
            .import \(Samples.directory)/libraries.csv as mylibs
            incidents join mylibs on library = name count
            let here = incidents where library = "Blågården"
            here join mylibs on library = name count
            .connect host=/nonexistent-tryg-dir
            libraries count

            """
        let run = try TrygBinary.run(["--connect", Self.conninfo, "--keep-going", "--format", "csv"], stdin: script)
        #expect(run.stderr.contains("mixes the server's tables with tryg's own ('mylibs')"), "\(run.stderr)")
        #expect(run.stderr.contains("let t = incidents where"), "\(run.stderr)")
        #expect(run.stderr.contains("could not connect to the server"), "\(run.stderr)")
        // The rows brought over join tryg's own; the server's table still answers after the refusal.
        let local = try TrygBinary.run(["--data", Samples.directory, "--format", "csv"],
                                       stdin: "incidents where library = \"Blågården\" count\nlibraries count\n")
        #expect(run.stdout == local.stdout, "\(run.stdout)\n---\n\(local.stdout)")
    }

    @Test(.enabled(if: enabled)) func valueCompletionAsksTheServer() throws {
        let database = try PostgresDatabase(Self.conninfo)
        let remote = Session(catalog: Catalog())
        for t in try database.tables().tables { remote.catalog.register(t) }
        remote.remoteDatabase = database
        var completer = Completer(catalog: remote.catalog)
        completer.serverValues = { remote.serverValues(table: $0, column: $1) }
        let local = Completer(catalog: try Samples.catalog())
        for text in ["incidents where library = \"Bl", "incidents where library = \"", "incidents where halfyear = \"",
                     "incidents where category = \"", "incidents where severity = 3 and reported_by = \"",
                     "libraries where district = \"", "survey where season = \""] {
            let theirs = completer.complete(text).candidates
            #expect(!theirs.isEmpty, "\(text)")
            #expect(theirs == local.complete(text).candidates, "\(text)")
        }
        #expect(completer.complete("incidents where library = \"Blå").candidates == ["Blågården"])
    }

    @Test(.enabled(if: enabled)) func aPasswordIsNeverShown() throws {
        let url = "postgresql://nobody:hemmelig@/tryg?host=/nonexistent-tryg-dir"
        let run = try TrygBinary.run(["--connect", url], stdin: "libraries count\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("could not connect"), "\(run.stderr)")
        #expect(!run.stderr.contains("hemmelig") && !run.stdout.contains("hemmelig"), "\(run.stderr)")
        let typed = try TrygBinary.run([], stdin: ".connect host=/nonexistent-tryg-dir password='hemme lig' x\n.connect \"postgresql://a:hemmelig@\n")
        #expect(typed.stderr.contains("could not connect"), "\(typed.stderr)")
        #expect(!typed.stderr.contains("hemme"), "\(typed.stderr)")
    }

    @Test(.enabled(if: enabled)) func connectInTheShellKeepsNoPasswordInTheHistory() throws {
        let home = try TemporaryFolder()
        let tty = try PseudoTerminal(TrygBinary.path, arguments: ["--data", Samples.directory], environment: [
            "TERM": "xterm", "HOME": home.path, "LANG": "C.UTF-8", "NO_COLOR": "1", "INPUTRC": "/dev/null", "PATH": "/usr/bin:/bin",
            "PGHOST": ProcessInfo.processInfo.environment["PGHOST"] ?? "", "PGDATABASE": ProcessInfo.processInfo.environment["PGDATABASE"] ?? "",
            "PGUSER": ProcessInfo.processInfo.environment["PGUSER"] ?? "",
        ])
        #expect(tty.expect("tryg> "))
        // libpq is loaded on the first connection, not before.
        // (/proc files say they are empty: read them to their end, not by their size.)
        func maps() -> String {
            String(decoding: FileHandle(forReadingAtPath: "/proc/\(tty.pid)/maps")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }
        func mapsLibpq() -> Bool { maps().contains("libpq.so") }
        #expect(maps().contains("libswiftCore"))
        tty.send("incidents count\r")
        #expect(tty.expect("1 row"))
        #expect(!mapsLibpq())
        tty.send(".connect \(Self.conninfo)\r")
        #expect(tty.expect("connected to"), "\(tty.transcript)")
        #expect(mapsLibpq())
        #expect(tty.expect("tryg> "))
        // Tab offers the server's values, and a value matching nothing is warned about.
        tty.send("incidents where library = \"Blågå\t")
        #expect(tty.expect("Blågården\" "), "\(tty.transcript)")
        tty.send("group by halfyear\r")
        #expect(tty.expect("7 rows"), "\(tty.transcript)")
        tty.send("incidents where library = \"Blagarden\" count\r")
        #expect(tty.expect("did you mean \"Blågården\"?"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "))
        // Ctrl-C stops the statement on the server (it would take five seconds), and the shell goes on.
        tty.send("slow count\r")
        Thread.sleep(forTimeInterval: 0.5)
        tty.send("\u{03}")
        #expect(tty.expect("cancelled"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "))
        let host = ProcessInfo.processInfo.environment["PGHOST"] ?? ""
        tty.send(".connect postgresql://\(ProcessInfo.processInfo.environment["PGUSER"] ?? ""):hemmelig@/tryg?host=\(host)&options=-c%20search_path%3D\(Self.schema)\r")
        #expect(tty.expect(":***@"), "\(tty.transcript)")
        #expect(tty.expect("tryg> "))
        tty.send(".connect\r")
        #expect(tty.expect("connection"), "\(tty.transcript)")
        tty.send("libraries count\r")
        #expect(tty.expect("1 row"), "\(tty.transcript)")
        tty.send(".quit\r")
        #expect(tty.waitForExit() == 0)
        let history = try String(contentsOfFile: home.path + "/.local/state/tryg/history", encoding: .utf8)
        #expect(history.contains(".connect \(Self.conninfo)"), "\(history)")
        #expect(history.contains("libraries count"))
        #expect(!history.contains("hemmelig"), "\(history)")
    }
}
