import TrygDomain
import TrygEngine

/// The default title of a chart image: a sentence made from the query, not its text.
///
/// What is measured, per which keys, for which named values: `incidents where library =
/// "Vesterbro" group by halfyear chart bar` is titled "Hændelser pr. halvår, Vesterbro". The
/// query is read through the lenient lexer's tokens and the stage rule completion uses; the
/// words come from `DanishLabels`, a name it does not know stays as written.
enum ChartTitle {
    static func sentence(_ source: SourceText, tokens all: [Token], hint: ChartHint) -> String {
        let tokens = queryTokens(all)
        guard let first = tokens.first else { return "" }
        // Each token's stage, by the keyword that started it (nil for the source).
        var stages: [String?] = []
        var stage: String?
        for i in tokens.indices {
            if let k = QueryContext.stage(startingAt: i, in: tokens) { stage = k }
            stages.append(stage)
        }
        let measure = hint.column.map(DanishLabels.column) ?? computed(source, tokens, stages)
            ?? DanishLabels.table(first.name ?? "")
        var keys = hint.keys
        if let p = tokens.indices.first(where: { tokens[$0].isKeyword("pivot") && stages[$0] == "pivot" }),
           p + 1 < tokens.count, let pivoted = tokens[p + 1].name, !keys.contains(pivoted) {
            keys.append(pivoted)
        }
        var values: [String] = []
        for (i, token) in tokens.enumerated() where stages[i] == "where" {
            if case .string(let s) = token.kind, !values.contains(s) { values.append(s) }
        }
        var text = measure
        if !keys.isEmpty { text += " pr. " + listed(keys.map(DanishLabels.column)) }
        if !values.isEmpty { text += ", " + listed(values) }
        return capitalised(text)
    }

    /// The statement's query: without `let NAME =` or `explain`, and without its chart stage.
    static func queryTokens(_ tokens: [Token]) -> [Token] {
        var kept = tokens.filter { $0.kind != .end }
        if let chart = kept.lastIndex(where: { $0.isKeyword("chart") }) { kept.removeSubrange(chart...) }
        while let last = kept.last, last.isSymbol("|") || last.isSymbol(";") { kept.removeLast() }
        if kept.first?.isKeyword("let") == true, let eq = kept.firstIndex(where: { $0.isSymbol("=") }) {
            kept.removeSubrange(...eq)
        } else if kept.first?.isKeyword("explain") == true {
            kept.removeFirst()
        }
        return kept
    }

    /// The first measure of the last `compute` list: its `as` name, `avg(severity)` in words,
    /// else its text; nil when it is the count (or there is none).
    private static func computed(_ source: SourceText, _ tokens: [Token], _ stages: [String?]) -> String? {
        guard let start = tokens.lastIndex(where: { $0.isKeyword("compute") }) else { return nil }
        var item: [Token] = []
        var depth = 0
        for i in (start + 1)..<tokens.count {
            let t = tokens[i]
            if depth == 0 && (t.isSymbol(",") || QueryContext.stage(startingAt: i, in: tokens) != nil) { break }
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            item.append(t)
        }
        if let a = item.lastIndex(where: { $0.isKeyword("as") }), a + 1 < item.count, let alias = item[a + 1].name {
            return DanishLabels.column(alias)
        }
        if item.count == 1, item[0].isKeyword("count") { return nil }
        if item.count == 3, item[0].isKeyword("count"), item[1].isSymbol("("), item[2].isSymbol(")") { return nil }
        if item.count == 4, let f = item[0].keyword, let word = DanishLabels.aggregates[f], item[1].isSymbol("("),
           let column = item[2].name, item[3].isSymbol(")") {
            return word + " " + DanishLabels.column(column)
        }
        guard let firstToken = item.first, let lastToken = item.last else { return nil }
        return source.slice(Span(firstToken.span.start, lastToken.span.end))
    }

    /// `a`, `a og b`, `a, b og c`.
    static func listed(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " og " + last
    }

    private static func capitalised(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
