import Foundation
import Testing
@testable import TrygShell

/// Charts through the built binary: Unicode or ASCII by flag and locale, images from scripts.
@Suite struct ChartEndToEndTests {
    static let query = "incidents group by library chart bar"

    func run(_ arguments: [String], environment: [String: String]) throws -> TrygBinary.Result {
        let data = try TestData.folder()
        return try TrygBinary.run(["--data", data.path + "/data"] + arguments, environment: environment)
    }

    @Test func unicodeBarsInAUTF8Locale() throws {
        let r = try run(["-c", ChartEndToEndTests.query], environment: ["LC_ALL": "C.UTF-8"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Blågården │████████████████████"))
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func asciiChartsAndTablesByFlagOrLocale() throws {
        for (arguments, environment) in [(["--ascii"], ["LC_ALL": "C.UTF-8"]), ([], ["LC_ALL": "C", "LANG": "C"])] {
            let r = try run(arguments + ["-c", ChartEndToEndTests.query], environment: environment)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Blågården |####"), "\(r.stdout)")
            #expect(!r.stdout.contains("█"))
            // The table above the chart too: `+`, `-` and `|`, no box characters.
            #expect(r.stdout.hasPrefix("+-") && r.stdout.contains("| library "), "\(r.stdout)")
            #expect(!r.stdout.unicodeScalars.contains { (0x2500...0x257F).contains($0.value) }, "\(r.stdout)")
        }
    }

    @Test func scriptWritesItsChartAndSaysNothing() throws {
        let data = try TestData.folder()
        let script = try data.write("c.tryg", "incidents group by library chart bar title \"Hændelser\" to \"\(data.path)/c.svg\"\n")
        let r = try TrygBinary.run(["--data", data.path + "/data", "--format", "csv", "--source", "MainManager", "--quiet",
                                    script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let svg = try String(contentsOfFile: data.path + "/c.svg", encoding: .utf8)
        #expect(svg.contains(">Hændelser<") && svg.contains(">Kilde: MainManager<"))
    }

    @Test func readmeShowsAnImageOfTheRightSize() throws {
        let readme = try String(contentsOf: Samples.package.appendingPathComponent("README.md"), encoding: .utf8)
        let path = try #require(readme.range(of: #"\(docs/images/[a-z-]+\.png\)"#, options: .regularExpression))
        let file = String(readme[path].dropFirst().dropLast())
        let png = Array(FileManager.default.contents(atPath: Samples.package.appendingPathComponent(file).path) ?? Data())
        #expect(png.count > 24 && Array(png[12..<24]) == Array("IHDR".utf8) + [0, 0, 0x07, 0x80, 0, 0, 0x04, 0x38])
    }

    @Test func demoOptions() throws {
        #expect(try LaunchOptions.parse(["--demo", "w.tryg"]).demo)
        for bad in [["--demo"], ["--demo", "a.tryg", "b.tryg"], ["--demo", "-c", "x"], ["--demo", "-"]] {
            #expect(throws: LaunchOptions.UsageError.self, "\(bad)") { try LaunchOptions.parse(bad) }
        }
        #expect(try LaunchOptions.parse(["--ascii", "--source=KFF"]).source == "KFF")
    }
}
