import Foundation
import Testing
@testable import TrygShell
import TrygEngine

/// `$NAME` in a dot command's arguments is the parameter's value, or an error; never literal.
struct DotParameterTests {
    let parameters = ["out": "/tmp/report dir/result.csv", "f": "chart", "n": "5"]

    func parse(_ line: String) throws(Diagnostic) -> DotCommand {
        try DotCommand.parse(SourceText(line), parameters: parameters)
    }

    @Test func aParameterIsAPath() throws {
        #expect(try parse(".output $out") == .output(path: "/tmp/report dir/result.csv"))
        #expect(try parse(".export chart $f.png") == .exportChart(path: "chart.png"))
        #expect(try parse(".export chart \"/tmp/$f.svg\"") == .exportChart(path: "/tmp/chart.svg"))
        #expect(try parse(".maxrows $n") == .maxRows(5))
    }

    @Test func singleQuotesKeepTheDollar() throws {
        #expect(try parse(".output '$out'") == .output(path: "$out"))
        #expect(try parse(".output price$") == .output(path: "price$"))
    }

    @Test func anUnknownParameterIsAnErrorAtItsWord() {
        for line in [".output $nope", ".export chart $nope.png", ".read x/$nope", ".import $nope.csv"] {
            do {
                _ = try parse(line)
                Issue.record("\(line) parsed")
            } catch {
                #expect(error.message == "no value for parameter $nope", "\(line)")
                let span = error.span ?? Span(0, 0)
                let word = String(Array(line.unicodeScalars)[span.start..<span.end].map(Character.init))
                #expect(word.contains("$nope"), "\(line): \(word)")
            }
        }
    }

    @Test func theShellWritesWhereTheParameterSays() throws {
        let folder = try TemporaryFolder()
        let data = try TestData.folder()
        let result = try TrygBinary.run(["--data", data.path + "/data", "--param", "out=\(folder.path)/r.csv",
                                         "-c", ".mode csv\n.output $out\nincidents count"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: folder.path + "/r.csv", encoding: .utf8) == "count\n3\n")
        #expect(!FileManager.default.fileExists(atPath: "$out"))
    }
}
