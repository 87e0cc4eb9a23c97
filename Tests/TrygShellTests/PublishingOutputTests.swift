import Foundation
import Testing

/// Output meant for other programs reads back as the same table: an `excel-da` CSV through
/// tryg's own importer, JSON and JSON Lines through a JSON parser.
@Suite struct PublishingOutputTests {
    static let query = "incidents where id <= 300 select id, reported_at, library, severity, police_called, "
        + "id * 0.25 - 20 as amount, 1 / id as ratio, date(reported_at) as day order by id"

    @Test func excelDanishCSVReadsBackAsTheSameTable() throws {
        let folder = try TemporaryFolder()
        let written = try TrygBinary.run(["--format", "csv", "--dialect", "excel-da", "-c", PublishingOutputTests.query])
        #expect(written.status == 0, "\(written.stderr)")
        let bytes = Array(written.stdout.utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a UTF-8 byte order mark first")
        #expect(written.stdout.contains("\r\n"))
        #expect(written.stdout.contains(";-19,75;"), "decimals with a decimal comma: \(written.stdout.prefix(300))")
        let path = folder.path + "/export.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let back = try TrygBinary.run(["--data", path, "--format", "csv", "-c", "export"])
        let direct = try TrygBinary.run(["--format", "csv", "-c", PublishingOutputTests.query])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == direct.stdout, "\(back.stdout.prefix(400))\n---\n\(direct.stdout.prefix(400))")
        let schema = try TrygBinary.run(["--data", path, "--format", "csv", "-c", ".schema export"])
        for type in ["int", "timestamp", "text", "bool", "decimal", "float", "date"] {
            #expect(schema.stdout.contains(",\(type),"), "\(type) in \(schema.stdout)")
        }
    }

    @Test func delimiterAndDecimalFlagsSpellCSVOutput() throws {
        let r = try TrygBinary.run(["--format", "csv", "--delimiter", "tab", "--decimal", "comma",
                                    "-c", "incidents where id = 2 select id, 0.5 + id as x"])
        #expect(r.stdout == "id\tx\n2\t2,5\n")
    }

    @Test func severalJSONResultsAreJSONLines() throws {
        let r = try TrygBinary.run(["--format", "json", "-c", "incidents where id <= 3 select id, 0.1 + 0.2 as s",
                                    "-c", "incidents count"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for (i, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["statement"] as? Int == i + 1)
            #expect(object?["columns"] is [String])
            #expect(object?["rows"] is [[Any]])
        }
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let rows = first?["rows"] as? [[Any]]
        #expect(rows?.count == 3)
        #expect((rows?.first?[1] as? NSNumber)?.doubleValue == 0.3)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        let count = try TrygBinary.run(["--format", "csv", "-c", "incidents count"]).stdout
        #expect("count\n\((second?["rows"] as? [[Int]])?.first?.first ?? -1)\n" == count)
    }

    /// Listings and plans among the results stay JSON Lines, in the order they were asked for.
    @Test func listingsAndPlansAmongJSONResultsAreLinesOfTheirOwn() throws {
        let r = try TrygBinary.run(["--format", "json", "-c", "libraries count", "-c", ".tables", "-c", "explain libraries count",
                                    "-c", ".schema survey", "-c", "survey count"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5, "\(r.stdout.prefix(400))")
        var columns: [[String]] = []
        for (i, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["statement"] as? Int == i + 1)
            columns.append(object?["columns"] as? [String] ?? [])
        }
        #expect(columns.map { $0.first ?? "" } == ["count", "table", "plan", "column", "count"])
    }

    @Test func suppressedJSONLinesSayHowManyCellsAndWhy() throws {
        let r = try TrygBinary.run(["--format", "json", "-c", "incidents count",
                                    "-c", "incidents where category = \"Vold\" group by library, halfyear pivot halfyear suppress below 5"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["suppressed"] == nil)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        let suppressed = second?["suppressed"] as? [String: Any]
        #expect(suppressed?["below"] as? Int == 5)
        let cells = try #require(suppressed?["cells"] as? Int)
        let nulls = (second?["rows"] as? [[Any]])?.joined().filter { $0 is NSNull }.count ?? -1
        #expect(cells > 0 && cells <= nulls, "\(cells) suppressed, \(nulls) nulls")
        #expect((suppressed?["note"] as? String)?.contains("suppressed") == true)
    }

    /// The note says how suppressed cells show in the mode, and nothing of it when none was.
    @Test func theSuppressionNoteNamesTheModesMark() throws {
        let query = "incidents where category = \"Vold\" group by library, halfyear pivot halfyear suppress below 5"
        for (mode, mark) in [("markdown", "(shown as ..)"), ("line", "(shown as ..)"), ("csv", "(null here)")] {
            let r = try TrygBinary.run(["--format", mode, "-c", query])
            #expect(r.stderr.contains("suppressed: ") && r.stderr.contains(mark), "\(mode): \(r.stderr)")
            if mode != "csv" { #expect(r.stdout.contains(".."), "\(mode)") }
        }
        let none = try TrygBinary.run(["--format", "markdown", "-c", "incidents group by library suppress below 2"])
        #expect(none.stderr.contains("note: no cell suppressed (no count under 2)\n"), "\(none.stderr)")
    }

    @Test func oneJSONResultIsOneArray() throws {
        let r = try TrygBinary.run(["--format", "json", "-c", "incidents where id <= 3 select id"])
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        #expect(array?.map { $0["id"] as? Int } == [1, 2, 3])
    }

    @Test func outputDirWritesOneFilePerResult() throws {
        let folder = try TemporaryFolder()
        let r = try TrygBinary.run(["--output-dir", folder.path, "-c", "incidents where id <= 50 select id, 0.5 * id as x",
                                    "-c", "incidents count"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let first = try String(contentsOfFile: folder.path + "/result-1.csv", encoding: .utf8)
        let second = try String(contentsOfFile: folder.path + "/result-2.csv", encoding: .utf8)
        #expect(first == (try TrygBinary.run(["--format", "csv", "-c", "incidents where id <= 50 select id, 0.5 * id as x"])).stdout)
        #expect(first.split(separator: "\n").count == 51)
        #expect(second.hasPrefix("count\n"))
    }
}
