import Foundation
import Testing

/// Runs the built binary through pipes, as scripts and other programs do.
@Suite struct EndToEndTests {
    /// A script file with a NUL byte is named as not a script, with the line; a missing one says so.
    @Test func aScriptFileThatIsNoScriptSaysWhy() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bin.tryg", "libraries count\n\u{0}x\n")
        let r = try TrygBinary.run([path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("line 2 holds a NUL byte"), "\(r.stderr)")
        let missing = try TrygBinary.run([folder.path + "/none.tryg"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.tryg': no such file"), "\(missing.stderr)")
    }

    /// Piped input that turns unreadable (a NUL byte) runs every whole statement before the
    /// bad line, the one just before it too, then stops there with an error naming the line.
    @Test(arguments: ["libraries count;", "libraries count", "libraries\n  | count"])
    func theStatementBeforeAnUnreadableLineRuns(_ before: String) throws {
        let r = try TrygBinary.run(["--format", "csv"], stdin: "incidents count\n\(before)\nlibraries where name = \"\u{0}\" count\nsurvey count\n")
        #expect(r.status == 1)
        let lines = before.components(separatedBy: "\n").count
        #expect(r.stdout == "count\n9684\n\ncount\n19\n", "\(r.stdout)")
        #expect(r.stderr.contains("line \(2 + lines) holds a NUL byte"), "\(r.stderr)")
    }

    @Test func commandQuery() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "-c", "incidents count"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("count"))
        #expect(r.stdout.contains("│     3 │"))
        #expect(r.stdout.hasSuffix("1 row\n"))
    }

    // A load of seconds (1.5 million rows in a debug build) with standard error a pipe.
    @Test func noProgressBarInAPipe() throws {
        let data = try TestData.folder()
        let rows = (1...1_500_000).map { "\($0),\($0 % 97)" }.joined(separator: "\n")
        try data.write("big/big.csv", "id,k\n" + rows + "\n")
        let r = try TrygBinary.run(["--data", data.path + "/big", "-c", "big count"], environment: ["TERM": "xterm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1,500,000") || r.stdout.contains("1500000"), "\(r.stdout)")
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("▕") && !r.stderr.contains("%"), "\(r.stderr)")
    }

    @Test func repeatedCommandsRunInOrder() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv",
                                    "-c", "incidents count", "-c", "libraries count"])
        #expect(r.stdout == "count\n3\n\ncount\n2\n")
    }

    @Test func withSeveralCommandsAnErrorNamesWhich() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--keep-going",
                                    "-c", "incidents count", "-c", "incidents wher x", "-c", "libraries count"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--> -c#2:1:11"), "\(r.stderr)")
        #expect(r.stdout.contains("│     2 │"))
        let one = try TrygBinary.run(["--data", data.path + "/data", "-c", "incidents wher x"])
        #expect(one.stderr.contains("--> 1:11"), "\(one.stderr)")
    }

    /// An open string or bracket in a script stops at the next statement's line; with
    /// --keep-going the statements after it run, and each error names where it opened.
    @Test func anOpenStringDoesNotSwallowTheScript() throws {
        let data = try TestData.folder()
        let script = try data.write("open.tryg", "incidents where library = \"Vesterbro\nlibraries count\n"
                                    + "incidents where (severity > 3\nincidents explain\nincidents count\n")
        let r = try TrygBinary.run(["--data", data.path + "/data", "--keep-going", "--format", "csv", script])
        #expect(r.status == 1)
        #expect(r.stdout == "count\n2\n\ncount\n3\n")
        #expect(r.stderr.contains("open.tryg:1:27"))
        #expect(r.stderr.contains("open.tryg:3:17"))
        #expect(r.stderr.contains("open.tryg:4:11"))
    }

    @Test func scriptErrorNamesFileLineAndColumn() throws {
        let data = try TestData.folder()
        let script = try data.write("fig.tryg", """
            # What fails on line 3
            incidents count
            incidents where librry = 1
            libraries count

            """)
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: unknown column 'librry'"))
        #expect(r.stderr.contains("\(script):3:17"))
        #expect(r.stderr.contains("3 | incidents where librry = 1"))
        #expect(r.stdout == "count\n3\n")   // line 4 never ran
    }

    @Test func keepGoingRunsTheRest() throws {
        let data = try TestData.folder()
        let script = try data.write("fig.tryg", "incidents count\nincidents where librry = 1\nlibraries count\n")
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", "--keep-going", "-f", script])
        #expect(r.status == 1)
        #expect(r.stdout == "count\n3\n\ncount\n2\n")
        #expect(r.stderr.contains(":2:17"))
    }

    @Test func shebangScript() throws {
        let data = try TestData.folder()
        let script = try data.write("s.tryg", "#!/usr/bin/env tryg\n.mode csv\nlibraries count\n")
        let r = try TrygBinary.run(["--data", data.path + "/data", script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "count\n2\n")
    }

    @Test func pipedStandardInputIsAScript() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv"],
                                   stdin: "incidents count\n\nincidents\n  | where librry = 1\n")
        #expect(r.status == 1)
        #expect(r.stdout == "count\n3\n")
        #expect(r.stderr.contains("<stdin>:4:11"))
        #expect(!r.stdout.contains("tryg>") && !r.stderr.contains("tryg>"))
    }

    @Test func parameterIsALiteral() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", "--param", "lib=Blågården",
                                    "-c", "incidents where library = $lib select id"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id\n1\n")
        let code = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", "--param", "lib=x\" or 1 = 1",
                                       "-c", "incidents where library = $lib select id"])
        #expect(!code.stdout.contains("\n2\n"))
    }

    @Test func jsonFormat() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "json", "-c", "incidents"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 3)
        #expect(rows?.first?["id"] as? Int == 1)
        #expect(rows?.first?["library"] as? String == "Blågården")
    }

    @Test func csvFormat() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format=csv", "-c", "incidents"])
        #expect(r.stdout == "id,library,severity\n1,Blågården,2\n2,Vesterbro,5\n3,Nørrebro,4\n")
    }

    @Test func usageErrors() throws {
        for args in [["--bogus"], ["--format", "xml", "-c", "x"], ["no-such-script.tryg"], ["--data", "/no/such/dir", "-c", "x"]] {
            let r = try TrygBinary.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("tryg:"))
        }
    }

    @Test func helpAndVersion() throws {
        let help = try TrygBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--format table|csv|json|markdown"))
        #expect(try TrygBinary.run(["--version"]).stdout.hasPrefix("tryg "))
    }

    @Test func dotCommandsInScripts() throws {
        let data = try TestData.folder()
        let out = data.path + "/out.csv"
        let r = try TrygBinary.run(["--data", data.path + "/data"], stdin: """
            .mode csv
            .output \(out)
            libraries count
            .output
            .import \(data.path)/data/libraries.csv as libs
            libs count
            .tabels

            """)
        #expect(r.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "count\n2\n")
        #expect(r.stdout == "count\n2\n")
        #expect(r.stderr.contains("<stdin>:7:1"))
        #expect(r.stderr.contains("did you mean '.tables'?"))
    }

    // Needs the bundled samples (Sources/tryg/Samples) and the real engine.
    @Test func bundledSamples() throws {
        let r = try TrygBinary.run(["--format", "csv", "-c", "incidents where library = \"Blågården\" group by halfyear"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("halfyear,count\n"))
    }

    // Needs the real engine: a warning for a value no row holds.
    @Test func warningsGoToStandardError() throws {
        let data = try TestData.folder()
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv",
                                    "-c", "incidents where library = \"Blagaarden\" count"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning:"))
        #expect(r.stdout == "count\n0\n")
    }
}
