import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// Chart images: valid PNG, SVG with its labels as text, PDF; the same chart gives the same bytes.
@Suite struct ChartExportTests {
    let folder: TemporaryFolder
    let catalog: Catalog

    init() throws {
        folder = try TemporaryFolder()
        catalog = try Samples.catalog()
    }

    static let threeLibraries = "incidents where library in (\"Vesterbro\", \"Blågården\", \"Nørrebro\") "
        + "group by library, halfyear chart line title \"Hændelser på tre biblioteker\""

    /// A runner on the samples writing into the test's folder.
    func runner(mode: OutputMode = .table) -> (ShellRunner, CapturedOutput, CapturedOutput) {
        var settings = ShellSettings()
        settings.mode = mode
        settings.dataSource = TrygProgram.samplesSource
        let out = CapturedOutput(), err = CapturedOutput()
        return (ShellRunner(session: Session(catalog: catalog), settings: settings, output: out, errors: err), out, err)
    }

    func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: folder.path + "/" + name) ?? Data())
    }

    @discardableResult
    func run(_ runner: ShellRunner, _ script: String) -> Bool {
        runner.runScript(script.replacingOccurrences(of: "DIR", with: folder.path), name: nil)
    }

    @Test func pngHasItsSignatureAndSize() throws {
        let (r, _, err) = runner()
        #expect(run(r, ChartExportTests.threeLibraries + "\n.export chart DIR/c.png\n"), "\(err.text)")
        let png = bytes("c.png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 24 && String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        func bigEndian(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bigEndian(16) == 1920 && bigEndian(20) == 1080)
    }

    @Test func svgHoldsTheLabelsAsText() throws {
        let (r, _, err) = runner()
        #expect(run(r, ChartExportTests.threeLibraries + "\n.export chart DIR/c.svg\n"), "\(err.text)")
        let svg = String(decoding: bytes("c.svg"), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.hasSuffix("</svg>\n"))
        for label in ["Hændelser på tre biblioteker", ">Blågården 160<", ">Nørrebro 145<", ">Vesterbro 124<",
                      ">vinter<", ">2022/23<", "natteværter Blågården (2025-10-20 – 2026-03-31)",
                      ">Kilde: syntetiske eksempeldata<", ">count<"] {
            #expect(svg.contains(label), "\(label)")
        }
    }

    /// In a shell started on the bundled samples, only a chart of the samples (directly or
    /// through `let` tables made from them) says "Kilde: syntetiske eksempeldata"; a chart of a
    /// file the person imported, or of a `let` that joins it in, says nothing of the kind.
    @Test func onlyChartsOfTheSamplesAreCaptionedSynthetic() throws {
        let dir = try TemporaryFolder()
        let own = try dir.write("egne.csv", "library,n\nValby,3\nSundby,5\n")
        let r = try TrygBinary.run([], stdin: """
            incidents group by library chart bar to "\(dir.path)/a.svg"
            let v = incidents where library = "Vesterbro"
            v group by halfyear chart line to "\(dir.path)/b.svg"
            .import \(own) as egne
            egne chart bar n to "\(dir.path)/c.svg"
            let e = egne where n > 1
            e chart bar n to "\(dir.path)/d.svg"
            .drop incidents
            .import \(own) as incidents
            incidents chart bar n to "\(dir.path)/e.svg"

            """)
        #expect(r.status == 0, "\(r.stderr)")
        func captioned(_ file: String) throws -> Bool {
            try String(contentsOfFile: dir.path + "/" + file, encoding: .utf8).contains("syntetiske eksempeldata")
        }
        #expect(try captioned("a.svg"))
        #expect(try captioned("b.svg"))
        #expect(try !captioned("c.svg"))
        #expect(try !captioned("d.svg"))
        #expect(try !captioned("e.svg"))
    }

    @Test func pdfHasItsHeader() throws {
        let (r, _, err) = runner()
        #expect(run(r, ChartExportTests.threeLibraries + "\n.export chart DIR/c.pdf\n"), "\(err.text)")
        let pdf = bytes("c.pdf")
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: pdf.suffix(6), as: UTF8.self).contains("%%EOF"))
    }

    @Test(arguments: ["png", "svg", "pdf"])
    func sameChartSameFile(_ format: String) throws {
        let (first, _, _) = runner()
        let (second, _, _) = runner()
        run(first, ChartExportTests.threeLibraries + "\n.export chart DIR/a.\(format)\n")
        run(second, ChartExportTests.threeLibraries.replacingOccurrences(of: "chart line", with: "chart line to \"DIR/b.\(format)\""))
        #expect(!bytes("a.\(format)").isEmpty)
        #expect(bytes("a.\(format)") == bytes("b.\(format)"))
    }

    @Test func barsWithNegativeValuesAndPanelsRender() throws {
        let (r, _, err) = runner()
        #expect(run(r, """
            incidents where library = "Vesterbro" group by category, halfyear compare halfyear "vinter 2022/23" to "vinter 2024/25" chart bar change_pct to "DIR/neg.svg"
            survey where year = 2025 group by library compute count as svar, round(pct(safety >= "tryg")) as tryg_pct chart bar to "DIR/panels.png"

            """), "\(err.text)")
        let svg = String(decoding: bytes("neg.svg"), as: UTF8.self)
        #expect(svg.contains(">−63<") && svg.contains(">Utryghedsskabende adfærd<"))
        #expect(bytes("panels.png").count > 1000)
    }

    @Test func chartToFileWorksInEveryOutputMode() throws {
        let (r, out, err) = runner(mode: .csv)
        #expect(run(r, "incidents where library = \"Vesterbro\" group by halfyear chart bar to \"DIR/v.png\"\n"), "\(err.text)")
        #expect(out.text.hasPrefix("halfyear,count\n"))
        #expect(!out.text.contains("█"))
        #expect(bytes("v.png").count > 1000)
    }

    @Test func exportBeforeAnyChartSaysWhatToDo() throws {
        let (r, _, err) = runner()
        #expect(!run(r, "incidents count\n.export chart DIR/x.png\n"))
        #expect(err.text.contains("error: no chart to export yet"))
        #expect(err.text.contains("run a query ending in 'chart bar' or 'chart line' first"))
    }

    @Test func unwritablePlaceIsAnErrorWithTheReason() throws {
        let (r, _, err) = runner()
        #expect(!run(r, "incidents group by library chart bar to \"DIR/missing/x.png\"\n"))
        #expect(err.text.contains("cannot write the chart to '\(folder.path)/missing/x.png': No such file or directory"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/missing/x.png.tryg-partial"))
    }

    @Test func exportCommandParses() throws {
        #expect(try DotCommand.parse(SourceText(".export chart \"mit diagram.pdf\"")) == .exportChart(path: "mit diagram.pdf"))
        for bad in [".export chart", ".export table x.png", ".export chart x.gif"] {
            #expect(throws: Diagnostic.self, "\(bad)") { try DotCommand.parse(SourceText(bad)) }
        }
    }
}
