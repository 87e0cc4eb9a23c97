import Testing
import TrygEngine
@testable import TrygShell

/// Help and completion show what the engine defines, and every example they show runs.
@Suite struct HelpVocabularyTests {
    @Test(arguments: FunctionCatalog.help.map(\.name))
    func everyFunctionHasATopic(_ name: String) throws {
        let text = try #require(HelpText.topic(name))
        let help = try #require(FunctionCatalog.help.first { $0.name == name })
        #expect(text.contains(help.usage) && text.contains(help.example))
        #expect(HelpText.overview().contains(name))
        // Completion offers it where it may stand: an aggregate in a compute list, any other function in `where`.
        let at = FunctionCatalog.isAggregate(name) ? "incidents group by library compute " : "incidents where "
        #expect(Completer(catalog: TestTables.catalog()).complete(at).candidates.contains(name))
    }

    @Test(arguments: Vocabulary.stages.filter { $0.keyword != "left" }.map(\.keyword))
    func everyStageHasATopic(_ keyword: String) throws {
        let text = try #require(HelpText.topic(keyword))
        let stage = try #require(Vocabulary.stage(keyword))
        #expect(text.contains(stage.usage) && text.contains(stage.example))
        #expect(Completer(catalog: TestTables.catalog()).complete("incidents ").candidates.contains(keyword))
    }

    /// Each stage's help example runs on the samples with no error.
    @Test(arguments: Vocabulary.stages.map(\.example))
    func stageExamplesRun(_ example: String) throws {
        let session = Session(catalog: try Samples.catalog())
        #expect(throws: Never.self) { try session.execute(example) }
    }

    @Test func operatorsTopicListsEveryOperator() throws {
        let text = try #require(HelpText.topic("operators"))
        for op in Vocabulary.operators { #expect(text.contains(op.spelling)) }
    }
}
