import Testing
@testable import TrygShell

/// The history file's text: every statement, typed over one line or several, comes back whole.
@Suite struct HistoryFileTests {
    @Test func randomStatementsRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "ø", " ", "\n", "\\", "n", "\"", "|", "\r", "\t", "#", "1"]
        for _ in 0..<500 {
            let entries = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                String((0..<Int.random(in: 1...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            }.filter { !$0.allSatisfy(\.isWhitespace) }
            let text = ([HistoryFile.header] + entries.map(HistoryFile.encode)).joined(separator: "\n") + "\n"
            let read = HistoryFile.decode(text)
            #expect(read.hasHeader)
            #expect(read.entries == entries, "\(entries)")
            #expect(entries.map(HistoryFile.encode).allSatisfy { !$0.contains("\n") })
        }
    }

    @Test func aFileFromAnOlderTrygIsOneEntryALineTakenAsIs() {
        let read = HistoryFile.decode("incidents count\nlibraries where name = \"a\\nb\"\n")
        #expect(!read.hasHeader)
        #expect(read.entries == ["incidents count", "libraries where name = \"a\\nb\""])
    }
}
