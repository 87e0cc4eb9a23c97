import TrygEngine

/// Colours the line being typed, from the engine's lenient lexer and the statement's scope.
///
/// A pure function of the text and the catalog: no terminal code. The line is read after the
/// earlier lines of the statement it continues, so a string opened on an earlier line is still
/// a string, and the columns of the statement's sources are known on every line.
public struct SyntaxHighlighter {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// The styled runs of `line` (offsets in its NFC scalars), in order, not overlapping.
    ///
    /// - Parameter pending: the lines of the statement typed before this one ("" for none).
    public func spans(line: String, after pending: String = "") -> [HighlightSpan] {
        let lineScalars = Array(line.precomposedForTrygNFC.unicodeScalars)
        if pending.isEmpty, let dot = dotCommandSpans(lineScalars) { return dot }
        let before = pending.isEmpty ? [] : Array(pending.precomposedForTrygNFC.unicodeScalars) + ["\n"]
        let all = before + lineScalars
        let offset = before.count
        var text = String.UnicodeScalarView()
        text.append(contentsOf: all)
        let scan = Lexer.scan(String(text))
        var spans: [HighlightSpan] = []
        func add(_ start: Int, _ end: Int, _ style: HighlightStyle?) {
            guard let style else { return }
            let lo = max(start, offset) - offset, hi = min(end, all.count) - offset
            if lo < hi { spans.append(HighlightSpan(lo, hi, style)) }
        }
        var previousEnd = 0
        for statement in statements(scan) {
            let query = QueryContext(statement, catalog: catalog)
            var brackets = 0
            var stage: String?
            for (i, token) in statement.enumerated() {
                commentSpans(all, from: previousEnd, to: token.span.start).forEach { add($0.0, $0.1, .comment) }
                previousEnd = token.span.end
                stage = QueryContext.stage(startingAt: i, in: statement) ?? stage
                var style = self.style(of: token, at: i, in: statement, stage: stage, query: query)
                if token.isSymbol("(") || token.isSymbol("[") { brackets += 1 }
                if token.isSymbol(")") || token.isSymbol("]") {
                    if brackets == 0 { style = .error } else { brackets -= 1 }
                }
                add(token.span.start, token.span.end, style)
            }
        }
        let textEnd = scan.openQuote?.start ?? all.count
        commentSpans(all, from: previousEnd, to: textEnd).forEach { add($0.0, $0.1, .comment) }
        // A string or back-quoted name left open runs to the end: an error until it is closed.
        if let open = scan.openQuote { add(open.start, all.count, .error) }
        return spans
    }

    /// The tokens of each statement (cut at `;`, which itself is left plain).
    private func statements(_ scan: LexScan) -> [[Token]] {
        var out: [[Token]] = [[]]
        for token in scan.tokens {
            if token.isSymbol(";") { out.append([]) } else { out[out.count - 1].append(token) }
        }
        return out
    }

    private func style(of token: Token, at i: Int, in tokens: [Token], stage: String?,
                       query: QueryContext) -> HighlightStyle? {
        switch token.kind {
        case .string: return .string
        case .int, .decimal, .float, .date, .timestamp: return .constant
        case .invalid: return .error
        case .parameter: return .constant
        case .quotedIdentifier(let name): return query.knows(column: name) ? .column : nil
        case .word(let word): return style(ofWord: word, at: i, in: tokens, stage: stage, query: query)
        case .symbol, .end: return nil
        }
    }

    /// A word's style: a qualified column, a function call, a source, a stage, an aggregate in
    /// a `compute` list, a column of the scope, a literal word, another word of the language.
    private func style(ofWord word: String, at i: Int, in tokens: [Token], stage: String?,
                       query: QueryContext) -> HighlightStyle? {
        let k = word.lowercased()
        let previous = i > 0 ? tokens[i - 1] : nil
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        // `SOURCE.column`: the column of that source, the source itself a table.
        if let previous, previous.isSymbol("."), previous.span.end == tokens[i].span.start, i >= 2,
           let qualifier = tokens[i - 2].name {
            let columns = query.columns(qualifiedBy: qualifier) ?? []
            return columns.contains { $0.lowercased() == k } ? .column : nil
        }
        if let next, next.isSymbol("."), next.span.start == tokens[i].span.end, query.columns(qualifiedBy: word) != nil {
            return .table
        }
        if next?.isSymbol("(") == true, FunctionCatalog.scalarNames.contains(k) || FunctionCatalog.isAggregate(k) {
            return .function
        }
        if catalog.table(word) != nil, isSourcePosition(i, in: tokens) { return .table }
        if QueryContext.stage(startingAt: i, in: tokens) != nil || (i == 0 && Vocabulary.statementWords.contains(k)) {
            return .keyword
        }
        let inMeasures = stage == "compute" || stage == "group" || stage == "pivot"
        if FunctionCatalog.isAggregate(k), inMeasures, previous.map({ $0.isKeyword("compute") || $0.isSymbol(",") }) == true {
            return .function
        }
        if query.knows(column: word) { return .column }
        if Vocabulary.literalWords.contains(k) { return .constant }
        if SyntaxHighlighter.keywords.contains(k) { return .keyword }
        return nil
    }

    /// Where a table name reads as a source: first, after `let NAME =`, `explain`, or `join`.
    private func isSourcePosition(_ i: Int, in tokens: [Token]) -> Bool {
        guard i > 0 else { return true }
        let previous = tokens[i - 1]
        if previous.isKeyword("join") || previous.isKeyword("explain") { return true }
        if previous.isSymbol("("), i >= 2, tokens[i - 2].isKeyword("join") { return true }
        if previous.isSymbol("="), i == 3, tokens[0].isKeyword("let") { return true }
        // `explain sql DIALECT SOURCE`
        return i >= 2 && tokens[0].isKeyword("explain") && tokens[1].isKeyword("sql") && i <= 3
    }

    /// Every word the language gives a fixed meaning, from `Vocabulary`.
    static let keywords: Set<String> = {
        var words = Set(Vocabulary.stages.flatMap { $0.words.split(separator: " ").map(String.init) })
        words.formUnion(Vocabulary.clauseWords)
        words.formUnion(Vocabulary.statementWords)
        words.formUnion(Vocabulary.chartKinds)
        words.formUnion(Vocabulary.chartOptions)
        for op in Vocabulary.operators where op.isWord { words.formUnion(op.parts) }
        words.formUnion(["sql", "join", "left", "null", "not"])
        return words
    }()

    /// Comments in the white space between `from` and `to` (nothing but white space and
    /// comments lies there, by the lexer's rules).
    private func commentSpans(_ scalars: [Unicode.Scalar], from: Int, to: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = from
        let end = min(to, scalars.count)
        while i < end {
            if scalars[i] == "#" || (scalars[i] == "-" && i + 1 < end && scalars[i + 1] == "-") {
                let start = i
                while i < end, scalars[i] != "\n" { i += 1 }
                out.append((start, i))
            } else {
                i += 1
            }
        }
        return out
    }

    /// A dot-command line: the command a keyword (when it is one), quoted words strings.
    private func dotCommandSpans(_ scalars: [Unicode.Scalar]) -> [HighlightSpan]? {
        let start = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count
        guard start < scalars.count, scalars[start] == "." else { return nil }
        var end = start
        while end < scalars.count, scalars[end] != " ", scalars[end] != "\t" { end += 1 }
        var spans: [HighlightSpan] = []
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<end])).lowercased()
        if DotCommand.names.contains(name) { spans.append(HighlightSpan(start, end, .keyword)) }
        var i = end
        while i < scalars.count {
            if scalars[i] == "\"" || scalars[i] == "'" {
                let quote = scalars[i], open = i
                i += 1
                while i < scalars.count, scalars[i] != quote { i += 1 }
                spans.append(HighlightSpan(open, min(i + 1, scalars.count), i < scalars.count ? .string : .error))
            } else if scalars[i] == "#", scalars[i - 1] == " " || scalars[i - 1] == "\t" {
                spans.append(HighlightSpan(i, scalars.count, .comment))
                break
            }
            i += 1
        }
        return spans
    }
}

extension QueryContext {
    /// Whether a name is a column of the scope: exactly, or ignoring case (as the binder resolves names).
    func knows(column name: String) -> Bool {
        columns.contains(name) || columns.contains { $0.lowercased() == name.lowercased() }
    }
}
