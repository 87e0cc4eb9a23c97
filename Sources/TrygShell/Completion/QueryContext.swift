import TrygEngine

/// What the tokens before the cursor say about the query: its sources, columns and current stage.
///
/// The tokens come from the engine's lenient lexer (`Lexer.scan`); the words it looks for
/// come from `Vocabulary`.
struct QueryContext {
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
    /// The names a column may be qualified with (`libraries.name`): each source's table name and
    /// a join's `as` alias, lower-cased, with the table they stand for.
    let qualifiers: [String: Table]
    /// An aggregate may stand at the cursor: in a `compute` list, not inside another aggregate's brackets.
    let aggregatesAllowed: Bool

    var lastToken: Token? { tokens.last }
    /// The statement so far is `explain sql` or `explain sql DIALECT`: a dialect or a table comes next.
    private(set) var isExplainSQLHead = false

    init(_ all: [Token], catalog: Catalog) {
        var tokens = all
        isLetHead = all.count == 3 && all[0].isKeyword("let") && all[2].isSymbol("=")
        if all.count >= 3, all[0].isKeyword("let"), all[2].isSymbol("=") {
            tokens = Array(all.dropFirst(3))
        } else if all.first?.isKeyword("explain") == true {
            // `explain sql [DIALECT]` is head too: the query starts after it.
            var head = 1
            if all.count > 1, all[1].isKeyword(Vocabulary.explainSQLWord) {
                head = 2
                if all.count > 2, let w = all[2].keyword, SQLDialect.named(w) != nil { head = 3 }
            }
            isExplainSQLHead = head > 1 && all.count == head
            tokens = Array(all.dropFirst(min(head, all.count - 1)))
        }
        // Keep the head visible for `let X =` and `explain` so the next word is a table.
        self.tokens = tokens.isEmpty ? all : tokens
        var sources: [Table] = []
        var qualifiers: [String: Table] = [:]
        if let first = tokens.first?.name, let t = catalog.table(first) {
            sources.append(t)
            qualifiers[first.lowercased()] = t
        }
        var stage: String?
        var stageStart = 0
        var aliases: [String] = []
        // The measures a grouping stage made, which later stages read as columns (`order by count`).
        var measures: [String] = []
        var groupWithoutCompute = false
        for (i, token) in tokens.enumerated() {
            let previous = i > 0 ? tokens[i - 1] : nil
            guard let k = token.keyword else { continue }
            if k == "join", i + 1 < tokens.count, let name = tokens[i + 1].name, let t = catalog.table(name) {
                sources.append(t)
                qualifiers[name.lowercased()] = t
                if i + 3 < tokens.count, tokens[i + 2].isKeyword("as"), let alias = tokens[i + 3].name {
                    qualifiers[alias.lowercased()] = t
                }
            }
            if k == "as" || k == "derive", i + 1 < tokens.count, let name = tokens[i + 1].name,
               previous?.isKeyword("join") != true, !(i >= 2 && tokens[i - 2].isKeyword("join")) {
                aliases.append(name)
            }
            if stage == "compute", k == "count" || k == "share", i + 1 == tokens.count || !tokens[i + 1].isSymbol("(") {
                measures.append(k)
            }
            if QueryContext.stage(startingAt: i, in: tokens) != nil {
                if groupWithoutCompute && k != "compute" { measures.append("count") }
                groupWithoutCompute = k == "group"
                if k == "count" { measures.append("count") }
                stage = k == "left" ? "join" : k
                stageStart = i
            }
        }
        self.sources = sources
        self.qualifiers = qualifiers
        self.currentStage = stage
        var columns: [String] = []
        for t in sources {
            for name in t.columnNames + DerivedColumns.names(for: t) where !columns.contains(name) { columns.append(name) }
        }
        // A stage after a grouping also reads the grouping's measures; inside it, they are aggregates.
        let after = stage == "compute" || stage == "group" ? [] : measures
        self.columns = columns + (aliases + after).reduce(into: []) { out, n in
            if !columns.contains(n) && !out.contains(n) { out.append(n) }
        }
        // Inside `compute`: allowed unless an enclosing bracket belongs to an aggregate (`avg(ma…`).
        var enclosing: [Bool] = []
        if stage == "compute" {
            for i in stageStart..<tokens.count {
                if tokens[i].isSymbol("(") {
                    enclosing.append(i > 0 && tokens[i - 1].keyword.map(FunctionCatalog.isAggregate) == true)
                } else if tokens[i].isSymbol(")") {
                    _ = enclosing.popLast()
                }
            }
        }
        aggregatesAllowed = stage == "compute" && !enclosing.contains(true)
    }

    /// The keyword of the stage (or a join's `on`) that token `i` starts, nil when it starts none:
    /// a stage word not first and not where an expression goes (`count` after `compute` or `,` is
    /// the aggregate). `left` is reported as `join`.
    static func stage(startingAt i: Int, in tokens: [Token]) -> String? {
        guard i > 0, let k = tokens[i].keyword, Vocabulary.stageKeywords.contains(k) || k == "on" else { return nil }
        let previous = tokens[i - 1]
        if previous.isSymbol(",") || previous.isSymbol("(") || previous.isKeyword("compute") || previous.isKeyword("by") {
            return nil
        }
        return k == "left" ? "join" : k
    }

    /// The columns of the source a qualifier names (`libraries` in `libraries.na`), nil when it names none.
    func columns(qualifiedBy name: String) -> [String]? {
        guard let t = qualifiers[name.lowercased()] else { return nil }
        return t.columnNames + DerivedColumns.names(for: t)
    }

    /// The column compared with the string being typed: `library = "…`, `library in ("a", "…`.
    func comparedColumn() -> String? {
        var sawComparison = false
        for token in tokens.reversed() {
            switch token.kind {
            case .string:
                continue
            case .symbol(let s):
                if Vocabulary.symbols(.comparison).contains(s) { sawComparison = true; continue }
                if s == "," || s == "(" { continue }
                return nil
            case .word(let w):
                let k = w.lowercased()
                if Vocabulary.comparisonWords[k] != nil || k == "with" { sawComparison = true; continue }
                if k == "not" { continue }
                return sawComparison ? w : nil
            case .quotedIdentifier(let n):
                return sawComparison ? n : nil
            default:
                return nil
            }
        }
        return nil
    }
}

extension Token {
    /// The name a word or back-quoted identifier spells.
    var name: String? {
        switch kind {
        case .word(let w), .quotedIdentifier(let w): return w
        default: return nil
        }
    }
}
