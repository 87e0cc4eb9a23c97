import Testing
import TrygEngine
@testable import TrygShell

/// Help and completion list exactly what the engine understands.
@Suite struct HelpVocabularyTests {
    @Test func helpNamesEveryStageOfTheParser() {
        #expect(Set(LanguageHelp.stages.map(\.name)) == Set(Vocabulary.stages.filter { $0 != "left" }))
    }

    @Test func helpNamesEveryFunction() {
        #expect(Set(LanguageHelp.functionNames) == Set(Vocabulary.scalarFunctions + Vocabulary.aggregateFunctions))
    }
}
