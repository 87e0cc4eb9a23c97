import Testing
import TrygEngine
@testable import TrygShell

/// Demo mode without a terminal: steps and captions from a script, the navigation, the keys.
@Suite struct DemoTests {
    static let script = """
        #!/usr/bin/env tryg
        # Workshop: tryghed
        # more about the workshop

        # 1. Hændelser pr. halvår
        # på Vesterbro
        incidents
          | group by halfyear

        -- 2. Antal
        incidents count

        .mode csv
        # 3. a caption parted by a blank line is not one

        libraries count
        """

    @Test func stepsHaveTheirCaptionsAndTheScriptItsTitle() {
        let demo = DemoScript.parse(DemoTests.script)
        #expect(demo.title == "Workshop: tryghed")
        #expect(demo.steps.map(\.caption) == [["1. Hændelser pr. halvår", "på Vesterbro"], ["2. Antal"], [], []])
        #expect(demo.steps.map(\.item.text) == ["incidents\n  | group by halfyear", "incidents count", ".mode csv", "libraries count"])
        #expect(demo.steps[2].item.kind == .dotCommand)
    }

    @Test func anOpeningBlockRightAboveTheFirstStatementIsItsCaption() {
        let demo = DemoScript.parse("# Only a caption\nincidents count\n")
        #expect(demo.title == nil)
        #expect(demo.steps.first?.caption == ["Only a caption"])
    }

    @Test func enterRunsThenMovesOnThenEnds() {
        var n = DemoNavigator(count: 2)
        #expect(n.start == .present(0))
        #expect(n.handle(.next) == .run(0))
        #expect(n.handle(.next) == .present(1))
        n.typed()
        #expect(n.phase == .ready)
        #expect(n.handle(.next) == .run(1))
        #expect(n.handle(.next) == .end)
        #expect(n.handle(.next) == .quit)
    }

    @Test func backAgainAndQuit() {
        var n = DemoNavigator(count: 3)
        #expect(n.handle(.back) == .present(0))
        _ = n.handle(.next)
        _ = n.handle(.next)
        #expect(n.step == 1)
        #expect(n.handle(.again) == .present(1))
        #expect(n.phase == .typing)
        #expect(n.handle(.back) == .present(0))
        _ = n.handle(.next); _ = n.handle(.next); _ = n.handle(.next); _ = n.handle(.next); _ = n.handle(.next)
        #expect(n.handle(.next) == .end)
        #expect(n.handle(.again) == .stay)
        #expect(n.handle(.back) == .present(2))
        #expect(n.handle(.other) == .stay)
        #expect(n.handle(.quit) == .quit)
    }

    @Test func keysOfKeyboardsAndRemotes() {
        #expect(DemoKey.decode([0x0D]) == .next)
        #expect(DemoKey.decode(Array(" ".utf8)) == .next)
        #expect(DemoKey.decode([0x1B, 0x5B, 0x36, 0x7E]) == .next)   // Page Down
        #expect(DemoKey.decode(Array("b".utf8)) == .back)
        #expect(DemoKey.decode([0x1B, 0x5B, 0x44]) == .back)         // Left
        #expect(DemoKey.decode(Array("r".utf8)) == .again)
        #expect(DemoKey.decode(Array("q".utf8)) == .quit)
        #expect(DemoKey.decode([0x03]) == .quit)
        #expect(DemoKey.decode(Array("x".utf8)) == .other)
    }

    @Test func presenterShowsCaptionTypesRunsAndQuits() throws {
        let terminal = ScriptedTerminal(keys: ["\r", "\r", "b", "\r", "q"])
        let out = CapturedOutput(isTerminal: true)
        var settings = ShellSettings()
        settings.chartsReplaceTables = true
        let runner = ShellRunner(session: Session(catalog: TestTables.catalog()), settings: settings, output: out, errors: out)
        var presenter = DemoPresenter(script: DemoScript.parse(DemoTests.script), runner: runner, terminal: terminal)
        presenter.characterDelay = 0
        presenter.lineDelay = 0
        #expect(presenter.run() == 0)
        let screens = terminal.text.components(separatedBy: DemoPresenter.clear).filter { !$0.isEmpty }
        #expect(screens.count == 3)   // step 1, step 2, step 1 again
        #expect(screens[0].hasPrefix("Workshop: tryghed · step 1 of 4\n\n1. Hændelser pr. halvår\npå Vesterbro\n\ntryg> incidents\n"))
        #expect(screens[1].contains("2. Antal"))
        #expect(screens[2].contains("step 1 of 4"))
        #expect(out.text.contains("│ halfyear"))
    }
    /// A quitting key (Ctrl-C, q, Esc) while a statement is typed out stops the typing at once and
    /// runs nothing; another key shows the rest of the statement at once, ready to run.
    @Test(arguments: ["\u{3}", "q", "\u{1B}"])
    func quittingWhileTypingStopsAtOnce(_ key: String) throws {
        let terminal = ScriptedTerminal(keys: [], whileTyping: [3: key])
        let out = CapturedOutput(isTerminal: true)
        let runner = ShellRunner(session: Session(catalog: TestTables.catalog()), settings: ShellSettings(), output: out, errors: out)
        var presenter = DemoPresenter(script: DemoScript.parse(DemoTests.script), runner: runner, terminal: terminal)
        presenter.characterDelay = 0
        presenter.lineDelay = 0
        #expect(presenter.run() == 0)
        #expect(terminal.text.contains("tryg> inci") && !terminal.text.contains("tryg> incid"), "\(terminal.text)")
        #expect(out.text.isEmpty)
        let other = ScriptedTerminal(keys: ["q"], whileTyping: [3: "x"])
        var second = DemoPresenter(script: DemoScript.parse(DemoTests.script), runner: runner, terminal: other)
        second.characterDelay = 0
        #expect(second.run() == 0)
        #expect(other.text.contains("tryg> incidents"), "\(other.text)")
    }
}

/// A terminal whose keys are given in advance; it records what was written.
final class ScriptedTerminal: DemoTerminal {
    private var keys: [String]
    /// Keys pressed while a statement is typed out, by the typed character's number (from 0).
    private var whileTyping: [Int: String]
    private var typed = 0
    private(set) var text = ""

    init(keys: [String], whileTyping: [Int: String] = [:]) {
        self.keys = keys
        self.whileTyping = whileTyping
    }

    func write(_ text: String) { self.text += text }

    func readKey(timeout: Double?) -> [UInt8]? {
        // While a statement is typed out (a timeout), no key is pressed but those given.
        if timeout != nil {
            defer { typed += 1 }
            return whileTyping.removeValue(forKey: typed).map { Array($0.utf8) }
        }
        return keys.isEmpty ? [0x04] : Array(keys.removeFirst().utf8)
    }

    var columns: Int { 80 }
    var rows: Int { 30 }
}
