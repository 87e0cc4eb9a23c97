import Testing
import TrygEngine
@testable import TrygShell

/// When results go through the pager, and what happens when it cannot start.
@Suite struct PagerTests {
    /// A runner on a terminal of `height` rows whose pager keeps what it was given.
    func shell(terminal: Bool = true, height: Int? = 10, starts: Bool = true)
        -> (ShellRunner, CapturedOutput, () -> [String]) {
        let out = CapturedOutput(isTerminal: terminal)
        let numbers = TestTables.table("numbers", [("n", .int, (1...27).map { Value.int(Int64($0)) })])
        let catalog = Catalog([TestTables.incidents, numbers])
        let runner = ShellRunner(session: Session(catalog: catalog), output: out, errors: CapturedOutput())
        runner.screenHeight = { height }
        runner.settings.interactive = true
        final class Pages { var texts: [String] = [] }
        let pages = Pages()
        runner.pager = Pager(command: "test-pager") { text in
            guard starts else { return false }
            pages.texts.append(text)
            return true
        }
        return (runner, out, { pages.texts })
    }

    /// Three rows fit in 10 lines (7 with the frame); twelve rows do not.
    static let short = "incidents select id"
    static let tall = "numbers"

    @Test func autoPagesOnlyWhatIsTallerThanTheScreen() {
        let (runner, out, pages) = shell()
        runner.runScript(Self.short, name: "t")
        #expect(pages().isEmpty)
        #expect(out.text.contains("3 rows"))
        runner.runScript(".maxrows 0\n" + Self.tall, name: "t")
        #expect(pages().count == 1)
        #expect(pages().first?.contains("27 rows") == true)
        #expect(!out.text.contains("27 rows"), "\(out.text)")
        // The help is paged the same way.
        runner.runScript(".help functions", name: "t")
        #expect(pages().count == 2)
    }

    @Test func onPagesEveryResultOffNone() {
        let (runner, out, pages) = shell()
        runner.runScript(".pager on\n" + Self.short, name: "t")
        #expect(pages().count == 1)
        runner.runScript(".pager off\n.maxrows 0\n" + Self.tall, name: "t")
        #expect(pages().count == 1)
        #expect(out.text.contains("27 rows"))
    }

    @Test func neverIntoAPipeOrAFile() throws {
        let (runner, out, pages) = shell(terminal: false)
        runner.runScript(".pager on\n.maxrows 0\n" + Self.tall, name: "t")
        #expect(pages().isEmpty)
        #expect(out.text.contains("27 rows"))
        let folder = try TemporaryFolder()
        let (onScreen, _, screenPages) = shell()
        onScreen.runScript(".pager on\n.output \(folder.path)/r.txt\n" + Self.tall, name: "t")
        #expect(screenPages().isEmpty)
    }

    @Test func aPagerThatCannotStartLeavesTheResultPrinted() {
        let (runner, out, pages) = shell(starts: false)
        runner.runScript(".pager on\n.maxrows 0\n" + Self.tall, name: "t")
        #expect(pages().isEmpty)
        #expect(out.text.contains("27 rows"))
    }

    @Test func wantedFollowsTheModeAndTheHeight() {
        #expect(!Pager.wanted(.auto, lines: 9, screenHeight: 10, toTerminal: true))
        #expect(Pager.wanted(.auto, lines: 10, screenHeight: 10, toTerminal: true))
        #expect(!Pager.wanted(.auto, lines: 1000, screenHeight: nil, toTerminal: true))
        #expect(Pager.wanted(.on, lines: 1, screenHeight: nil, toTerminal: true))
        #expect(!Pager.wanted(.off, lines: 1000, screenHeight: 10, toTerminal: true))
        for mode in PagerMode.allCases { #expect(!Pager.wanted(mode, lines: 1000, screenHeight: 10, toTerminal: false)) }
    }
}
