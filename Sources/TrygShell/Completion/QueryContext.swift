import TrygEngine

/// What the tokens before the cursor say about the query: its sources, columns and current stage.
struct QueryContext {
    typealias Token = CompletionTokens.Token

    /// The statement's tokens, without a leading `let NAME =` or `explain`.
    let tokens: [Token]
    /// The tables the query reads: its source, then each joined table.
    let sources: [Table]
    /// The names an expression may use here, source columns first.
    let columns: [String]
    /// The keyword of the stage the cursor is in (`where`, `group`, `on` …), nil right after the source.
    let currentStage: String?
    /// The statement so far is exactly `let NAME =`.
    let isLetHead: Bool

    var lastToken: Token? { tokens.last }

    init(_ all: [Token], catalog: Catalog) {
        var tokens = all
        isLetHead = all.count == 3 && all[0].lowered == "let" && all[2] == .symbol("=")
        if all.count >= 3, all[0].lowered == "let", all[2] == .symbol("=") {
            tokens = Array(all.dropFirst(3))
        } else if all.first?.lowered == "explain" {
            tokens = Array(all.dropFirst())
        }
        // Keep the head visible for `let X =` and `explain` so the next word is a table.
        self.tokens = tokens.isEmpty ? all : tokens
        var sources: [Table] = []
        if let first = tokens.first?.word, let t = catalog.table(first) { sources.append(t) }
        var stage: String?
        var aliases: [String] = []
        for (i, token) in tokens.enumerated() {
            let previous = i > 0 ? tokens[i - 1] : nil
            guard let k = token.lowered else { continue }
            if k == "join", i + 1 < tokens.count, let name = tokens[i + 1].word, let t = catalog.table(name) {
                sources.append(t)
            }
            if (k == "as" || (k == "derive")), i + 1 < tokens.count, let name = tokens[i + 1].word {
                aliases.append(name)
            }
            let isStage = Parser.stageKeywords.contains(k) || k == "on"
            let inExpression = previous == .symbol(",") || previous == .symbol("(") || previous?.lowered == "compute"
                || previous?.lowered == "by"
            if isStage && i > 0 && !inExpression { stage = k == "left" ? "join" : k }
        }
        self.sources = sources
        self.currentStage = stage
        var columns: [String] = []
        for t in sources {
            for name in t.columnNames + DerivedColumns.names(for: t) where !columns.contains(name) { columns.append(name) }
        }
        self.columns = columns + aliases.filter { !columns.contains($0) }
    }

    /// The column compared with the string being typed: `library = "…`, `library in ("a", "…`.
    func comparedColumn() -> String? {
        var sawComparison = false
        for token in tokens.reversed() {
            switch token {
            case .string:
                continue
            case .symbol(let s):
                if ["=", "!=", "<>", "<", "<=", ">", ">="].contains(s) { sawComparison = true; continue }
                if s == "," || s == "(" { continue }
                return nil
            case .word(let w):
                let k = w.lowercased()
                if ["in", "contains", "starts", "with", "matches"].contains(k) { sawComparison = true; continue }
                if k == "not" { continue }
                return sawComparison ? w : nil
            case .quotedName(let n):
                return sawComparison ? n : nil
            }
        }
        return nil
    }
}
