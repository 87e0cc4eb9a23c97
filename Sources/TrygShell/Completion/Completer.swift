import Foundation
import TrygDomain
import TrygEngine

/// What to offer for the word at the cursor.
public struct Completion: Equatable, Sendable {
    /// The text being replaced: the partial word, or the part of a string after its quote.
    public let word: String
    /// Full replacements for `word`, in the order to show them.
    public let candidates: [String]
    /// The candidates are file paths (the terminal quotes those with spaces, marks folders).
    public var isPath = false
    /// How a candidate is shown in the list of candidates, where that differs from the text it
    /// puts in the line: a function with its arguments (`round` as `round(x [, digits])`).
    public var shown: [String: String] = [:]

    /// The characters that end a word before the cursor, for the line typed so far: white space
    /// and quotes on a dot-command line (whose words are paths and names), else the language's
    /// `Vocabulary.wordBreakCharacters`. `word` is always the text after the last of them.
    public static func wordBreaks(forLine text: String) -> String {
        let scan = Lexer.scan(text)
        let scalars = Array(text.unicodeScalars)
        let statementStart = scan.statementEnds.last.map { $0 + 1 } ?? 0
        let statement = PendingStatement.text(scalars[min(statementStart, scalars.count)...])
        let isDot = statement.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).hasPrefix(".")
        return isDot ? Completion.dotWordBreaks : Vocabulary.wordBreakCharacters
    }

    /// Word breaks on a dot-command line.
    public static let dotWordBreaks = " \t\n"
}

/// Decides what Tab offers, from the text before the cursor and the catalog; no terminal code.
///
/// Tables where a source is expected, stage keywords after a source or finished stage,
/// the current source's columns (with the derived ones) and functions where an expression
/// goes (aggregates only in a `compute` list), a source's own columns after `SOURCE.`, a
/// column's values inside quotes after `column = "` (an ordered scale in its order), dot
/// commands after `.`, and file names after `.import`, `.read` and `.output`.
public struct Completer {
    public let catalog: Catalog
    public let libraries: LibraryDirectory
    /// The values of a server table's column (table, column), asked of the server; nil when it cannot say.
    public var serverValues: (String, String) -> [Value]? = { _, _ in nil }
    /// Lists a folder for file-name completion (replaceable in tests).
    public var listDirectory: (String) -> [(name: String, isDirectory: Bool)] = Completer.list

    public init(catalog: Catalog, libraries: LibraryDirectory = .copenhagen) {
        self.catalog = catalog
        self.libraries = libraries
    }

    /// Keywords that start a stage.
    static var stageKeywords: [String] { Vocabulary.stageKeywords }

    public func complete(_ textBeforeCursor: String) -> Completion {
        let text = textBeforeCursor.precomposedForTrygNFC
        let scan = Lexer.scan(text)
        let scalars = Array(text.unicodeScalars)
        let statementStart = scan.statementEnds.last.map { $0 + 1 } ?? 0
        let statement = PendingStatement.text(scalars[min(statementStart, scalars.count)...])
        if statement.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).hasPrefix(".") {
            return dotCommand(DotCommandLine(statement))
        }
        if scan.endsInComment && scan.openQuote == nil { return Completion(word: "", candidates: []) }
        var tokens = Array(scan.lastStatement)
        if let (quote, start) = scan.openQuote {
            let word = PendingStatement.text(scalars[min(start + 1, scalars.count)...])
            let query = QueryContext(tokens, catalog: catalog)
            if quote == "`" { return Completion(word: word, candidates: filter(query.columns, word)) }
            guard let column = query.comparedColumn() else { return Completion(word: word, candidates: []) }
            return Completion(word: word, candidates: values(of: column, in: query, typed: word).filter { Completer.foldedPrefix(word, $0) })
        }
        // A word touching the cursor is the one being completed.
        var word = ""
        if let last = tokens.last, last.span.end == scalars.count {
            switch last.kind {
            case .word(let w), .parameter(let w):
                word = last.kind == .word(w) ? w : "$" + w
                tokens.removeLast()
            case .int, .decimal:
                // The terminal's word: the digits after a decimal point, which breaks words.
                let digits = PendingStatement.text(scalars[last.span.start..<last.span.end])
                word = String(digits.split(separator: ".", omittingEmptySubsequences: false).last ?? "")
                tokens.removeLast()
            default:
                break
            }
        }
        let query = QueryContext(tokens, catalog: catalog)
        if let measures = chartMeasures(tokens, scalars: scalars, statementStart: statementStart) {
            return Completion(word: word, candidates: filter(measures, word))
        }
        var completion = Completion(word: word, candidates: filter(candidates(query), word))
        let columns = Set(query.columns)
        for c in completion.candidates where !columns.contains(c) {
            if let usage = Completer.functionUsage[c], usage != c { completion.shown[c] = usage }
        }
        return completion
    }

    /// Each function's name and how it is called (`round` → `round(x [, digits])`), from the catalog.
    static let functionUsage: [String: String] = Dictionary(
        FunctionCatalog.help.map { ($0.name, $0.usage) }, uniquingKeysWith: { first, _ in first })

    /// After `chart bar` or `chart line`: the result's columns that are numbers and not group keys
    /// (the measures a chart can draw, `count` among them), then `title` and `to`; nil elsewhere.
    private func chartMeasures(_ tokens: [Token], scalars: [Unicode.Scalar], statementStart: Int) -> [String]? {
        guard tokens.count >= 3, let kind = tokens.last?.keyword, Vocabulary.chartKinds.contains(kind),
              tokens[tokens.count - 2].isKeyword("chart"),
              QueryContext.stage(startingAt: tokens.count - 2, in: tokens) == "chart" else { return nil }
        let chartStart = tokens[tokens.count - 2].span.start
        let lo = min(statementStart, scalars.count), hi = min(max(lo, chartStart), scalars.count)
        let query = PendingStatement.text(scalars[lo..<hi])
        let columns = Session(catalog: catalog).resultColumns(of: query) ?? []
        let measures = columns.filter { $0.type.isNumeric && !$0.isKey }.map { Completer.quotedIfNeeded($0.name) }
        return measures + Vocabulary.wordsAfterOperand(inStage: "chart")
    }

    private func candidates(_ query: QueryContext) -> [String] {
        let tables = catalog.names
        guard let last = query.lastToken else { return tables + Vocabulary.statementWords }
        // `SOURCE.`: that source's columns, nothing else.
        if last.isSymbol("."), query.tokens.count >= 2 {
            let before = query.tokens[query.tokens.count - 2]
            guard before.span.end == last.span.start, let name = before.name else { return [] }
            return (query.columns(qualifiedBy: name) ?? []).map(Completer.quotedIfNeeded)
        }
        switch last.kind {
        case .symbol(let s):
            if s == "=" && query.isLetHead { return tables }
            if s == "|" { return Completer.stageKeywords }
            if s == ")" { return afterOperand(query) }
            return expression(query)
        case .word(let w):
            let k = w.lowercased()
            if query.tokens.count == 1 && (k == "let") { return [] }
            if k == "explain" && query.tokens.count == 1 { return [Vocabulary.explainSQLWord] + tables }
            if k == Vocabulary.explainSQLWord && query.isExplainSQLHead { return SQLDialect.names + tables }
            if SQLDialect.named(k) != nil && query.isExplainSQLHead { return tables }
            if k == "explain" || k == "join" { return tables }
            if k == "group" || k == "order" { return ["by"] }
            if k == "chart" { return Vocabulary.chartKinds }
            if k == "is" { return ["null", "not"] }
            if k == "left" { return ["join"] }
            if k == "top" || k == "limit" || k == "as" { return [] }
            if Vocabulary.expressionStarters.contains(k) { return expression(query) }
            return afterOperand(query)
        default:
            return afterOperand(query)
        }
    }

    /// Where an expression starts: the source's columns, then functions; aggregates only where
    /// one may stand (a `compute` list), so `where` never offers them.
    private func expression(_ query: QueryContext) -> [String] {
        let functions = FunctionCatalog.scalarNames + (query.aggregatesAllowed ? FunctionCatalog.aggregateNames : [])
        return query.columns.map(Completer.quotedIfNeeded) + functions.filter { !query.columns.contains($0) }
    }

    /// After a finished operand or stage: what can follow in the current stage, then the stages.
    private func afterOperand(_ query: QueryContext) -> [String] {
        let words = Vocabulary.wordsAfterOperand(inStage: query.currentStage)
        if query.currentStage == "chart" { return words }   // chart is the last stage
        // Then `to "FILE"`, which ends a query by writing it to a .csv, .json or .xlsx file as well.
        return words + Completer.stageKeywords.filter { !words.contains($0) } + (words.contains("to") ? [] : ["to"])
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
        let scan = Lexer.scan(name)
        let plain = scan.tokens.count == 1 && scan.tokens[0].kind == .word(name)
        return plain ? name : "`\(name)`"
    }

    /// Prefix match that ignores case and diacritics, so `bla` finds `Blågården`.
    static func foldedPrefix(_ typed: String, _ candidate: String) -> Bool {
        typed.isEmpty || candidate.lowercased().hasPrefix(typed.lowercased())
            || Suggest.fold(candidate).hasPrefix(Suggest.fold(typed))
    }
}
