import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// `.show` and the dot commands that show their setting without an argument; `.help` topics
/// for every statement and the types, wrapped to the screen.
@Suite struct SettingsAndHelpTests {
    func shell(width: Int? = nil) throws -> (ShellRunner, CapturedOutput, CapturedOutput) {
        let out = CapturedOutput(isTerminal: width != nil), err = CapturedOutput()
        let runner = ShellRunner(session: Session(catalog: TestTables.catalog()), output: out, errors: err)
        runner.screenWidth = { width }
        return (runner, out, err)
    }

    @Test func aCommandWithoutItsArgumentShowsItsSetting() throws {
        #expect(try DotCommand.parse(SourceText(".mode")) == .show(setting: "mode"))
        #expect(try DotCommand.parse(SourceText(".timer")) == .show(setting: "timer"))
        #expect(try DotCommand.parse(SourceText(".maxrows")) == .show(setting: "maxrows"))
        #expect(try DotCommand.parse(SourceText(".numbers")) == .show(setting: "numbers"))
        #expect(try DotCommand.parse(SourceText(".show")) == .show(setting: nil))
        #expect(try DotCommand.parse(SourceText(".highlight")) == .show(setting: "highlight"))
        #expect(try DotCommand.parse(SourceText(".pager")) == .show(setting: "pager"))
        #expect(try DotCommand.parse(SourceText(".highlight OFF")) == .highlight(false))
        #expect(try DotCommand.parse(SourceText(".pager auto")) == .pager(.auto))
        #expect(try DotCommand.parse(SourceText(".pager on")) == .pager(.on))
        for wrong in [".highlight maybe", ".pager sometimes", ".pager on off"] {
            #expect(throws: Diagnostic.self) { try DotCommand.parse(SourceText(wrong)) }
        }
        let (runner, out, err) = try shell()
        _ = runner.runScript(".mode\n.mode csv\n.mode\n.timer on\n.timer\n.maxrows 7\n.maxrows\n", name: "t")
        #expect(out.text == "mode  table\nmode  csv\ntimer  on\nmaxrows  7\n", "\(out.text)")
        #expect(err.text.isEmpty, "\(err.text)")
    }

    @Test func showListsEverySetting() throws {
        let (runner, out, _) = try shell()
        _ = runner.runScript(".numbers da\n.show\n", name: "t")
        for name in ["mode", "timer", "maxrows", "numbers", "highlight", "pager", "output", "drawing", "color", "connection"] {
            #expect(out.text.split(separator: "\n").contains { $0.hasPrefix(name + " ") }, "\(name): \(out.text)")
        }
        #expect(out.text.contains("numbers     da"))
        #expect(out.text.contains("connection  none"), "\(out.text)")
        #expect(runner.settingLines.count == 10)
        // Not at a terminal: highlighting is on but cannot show; the pager has no terminal.
        #expect(out.text.contains("highlight   on (inactive: not an interactive terminal)"), "\(out.text)")
        #expect(out.text.contains("pager       auto (no terminal)"), "\(out.text)")
    }

    @Test(arguments: ["let", "explain", "operators", "stages", "functions", "aggregates", "types", "halfyear", "median"])
    func everyTopicHasAnEntry(_ topic: String) throws {
        let text = try #require(HelpText.topic(topic), "\(topic)")
        #expect(text.count > 40)
        #expect(HelpText.topics.contains(topic) || FunctionCatalog.help.contains { $0.name == topic } || topic == "halfyear")
    }

    @Test func statementTopicsAreTheVocabularysStatements() throws {
        for word in Vocabulary.statementWords { #expect(HelpText.statementTopics[word] != nil, "\(word)") }
        for example in ["let vinter = incidents where season = \"vinter\"", "explain incidents where library = \"Blågården\" group by halfyear"] {
            #expect(HelpText.statementTopics.values.contains { $0.contains(example) })
            let session = Session(catalog: try Samples.catalog())
            #expect(throws: Never.self) { try session.execute(example) }
        }
    }

    @Test func medianSaysWhatItIs() throws {
        let text = try #require(HelpText.topic("median"))
        #expect(text.contains("median(x) — the middle value"))
    }

    /// Help at any width: no line wider than the screen unless it is one word, no word broken,
    /// and the same words in the same order as the unwrapped text.
    @Test(arguments: [30, 44, 60, 80, 140])
    func helpIsWrappedAtWordBoundaries(width: Int) throws {
        for topic in [nil, "import", "types", "operators", "functions", "let", "where"] as [String?] {
            let (runner, out, _) = try shell(width: width)
            _ = runner.runScript(topic.map { ".help \($0)" } ?? ".help", name: "t")
            let (plain, plainOut, _) = try shell()
            _ = plain.runScript(topic.map { ".help \($0)" } ?? ".help", name: "t")
            for line in out.text.split(separator: "\n") {
                let oneWord = !line.trimmingCharacters(in: .whitespaces).contains(" ")
                #expect(DisplayWidth.of(String(line)) < width || oneWord, "\(topic ?? "overview") at \(width): \(line)")
            }
            let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
            #expect(words(out.text) == words(plainOut.text), "\(topic ?? "overview") at \(width)")
        }
    }
}
