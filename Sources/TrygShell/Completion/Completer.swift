import Foundation
import TrygDomain
import TrygEngine

/// What to offer for the word at the cursor.
public struct Completion: Equatable, Sendable {
    /// The text being replaced: the partial word, or the part of a string after its quote.
    public let word: String
    /// Full replacements for `word`, in the order to show them.
    public let candidates: [String]
}

/// Decides what Tab offers, from the text before the cursor and the catalog; no terminal code.
///
/// Tables where a source is expected, stage keywords after a source or finished stage,
/// the current source's columns (with the derived ones) and functions where an expression
/// goes, a column's values inside quotes after `column = "`, dot commands after `.`, and
/// file names after `.import`, `.read` and `.output`.
public struct Completer {
    public let catalog: Catalog
    public let libraries: LibraryDirectory
    /// Lists a folder for file-name completion (replaceable in tests).
    public var listDirectory: (String) -> [(name: String, isDirectory: Bool)] = Completer.list

    public init(catalog: Catalog, libraries: LibraryDirectory = .copenhagen) {
        self.catalog = catalog
        self.libraries = libraries
    }

    /// Keywords that start a stage.
    static let stageKeywords = Parser.stageKeywords

    /// Words after which an expression (a column, a function, a literal) is expected.
    static let expressionStarters: Set<String> = [
        "where", "by", "select", "derive", "compute", "and", "or", "not", "on", "pivot", "compare",
        "between", "in", "contains", "starts", "with", "matches", "to", "except", "if", "distinct",
    ]

    static let operatorWords = ["and", "or", "not", "in", "between", "is", "contains", "starts", "matches"]

    public func complete(_ textBeforeCursor: String) -> Completion {
        let lexed = CompletionTokens(textBeforeCursor)
        if lexed.inComment { return Completion(word: "", candidates: []) }
        if lexed.isDotCommand { return dotCommand(lexed) }
        let word = lexed.word
        let query = QueryContext(lexed.tokens, catalog: catalog)
        if let quote = lexed.openQuote {
            if quote == "`" { return Completion(word: word, candidates: filter(query.columns, word)) }
            guard let column = query.comparedColumn() else { return Completion(word: word, candidates: []) }
            return Completion(word: word, candidates: values(of: column, in: query).filter { Completer.foldedPrefix(word, $0) })
        }
        return Completion(word: word, candidates: filter(candidates(query), word))
    }

    private func candidates(_ query: QueryContext) -> [String] {
        let tables = catalog.names
        guard let last = query.lastToken else { return tables + ["let", "explain"] }
        switch last {
        case .symbol(let s):
            if s == "=" && query.isLetHead { return tables }
            if s == "|" { return Completer.stageKeywords }
            if s == ")" { return afterOperand(query) }
            return expression(query)
        case .string, .quotedName:
            return afterOperand(query)
        case .word(let w):
            let k = w.lowercased()
            if query.tokens.count == 1 && (k == "let") { return [] }
            if k == "explain" || k == "join" { return tables }
            if k == "group" || k == "order" { return ["by"] }
            if k == "chart" { return ["bar", "line"] }
            if k == "is" { return ["null", "not"] }
            if k == "left" { return ["join"] }
            if k == "top" || k == "limit" || k == "as" { return [] }
            if Completer.expressionStarters.contains(k) { return expression(query) }
            return afterOperand(query)
        }
    }

    /// Where an expression starts: the source's columns, then functions.
    private func expression(_ query: QueryContext) -> [String] {
        query.columns.map(Completer.quotedIfNeeded) + LanguageHelp.functionNames.filter { !query.columns.contains($0) }
    }

    /// After a finished operand or stage: what can follow in the current stage, then the stages.
    private func afterOperand(_ query: QueryContext) -> [String] {
        var words: [String] = []
        switch query.currentStage {
        case "where", "on": words = Completer.operatorWords
        case "group": words = ["compute", "as"]
        case "compute", "select", "derive": words = ["as"]
        case "order", "top": words = ["asc", "desc"]
        case "compare": words = ["to"]
        case "chart": return ["title", "to"]   // chart is the last stage
        default: break
        }
        return words + Completer.stageKeywords.filter { !words.contains($0) }
    }

    private func filter(_ candidates: [String], _ word: String) -> [String] {
        let w = word.lowercased()
        var seen = Set<String>()
        return candidates.filter { c in
            let bare = c.hasPrefix("`") ? String(c.dropFirst()) : c
            return (c.lowercased().hasPrefix(w) || bare.lowercased().hasPrefix(w)) && seen.insert(c).inserted
        }
    }

    /// A column name in back-quotes when it is not a plain identifier.
    static func quotedIfNeeded(_ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy(CompletionTokens.isWordCharacter)
            && !(name.first?.isNumber ?? false)
        return plain ? name : "`\(name)`"
    }

    /// Prefix match that ignores case and diacritics, so `bla` finds `Blågården`.
    static func foldedPrefix(_ typed: String, _ candidate: String) -> Bool {
        typed.isEmpty || candidate.lowercased().hasPrefix(typed.lowercased())
            || Suggest.fold(candidate).hasPrefix(Suggest.fold(typed))
    }
}
