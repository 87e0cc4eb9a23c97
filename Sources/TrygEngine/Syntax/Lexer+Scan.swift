/// What the lenient lexer saw in a text that may end anywhere: half-way through a word, inside
/// a string, with brackets open.
public struct LexScan: Sendable {
    /// The significant tokens, without `.end`; a fault the strict lexer would throw on is a `.invalid` token.
    public var tokens: [Token] = []
    /// The quote (`"`, `'` or `` ` ``) of a string or back-quoted name still open at the end, and
    /// the scalar offset where it opened.
    public var openQuote: (quote: Unicode.Scalar, start: Int)?
    /// Scalar offsets of the `(` and `[` not yet closed in the last statement, innermost last.
    public var openBrackets: [Int] = []
    /// Scalar offsets of the `;` that end statements.
    public var statementEnds: [Int] = []
    /// The text ends inside a comment.
    public var endsInComment = false

    /// How many brackets are open in the last statement.
    public var bracketDepth: Int { openBrackets.count }

    /// The tokens after the last `;`.
    public var lastStatement: ArraySlice<Token> {
        guard let end = statementEnds.last else { return tokens[...] }
        return tokens[(tokens.firstIndex { $0.span.start > end } ?? tokens.count)...]
    }

    /// True when the last statement cannot end here: a string or bracket is open, or the last
    /// token is one of `Vocabulary.continuations`.
    public var isOpen: Bool {
        if openQuote != nil || !openBrackets.isEmpty { return true }
        let statement = lastStatement
        guard let last = statement.last else { return false }
        // `*` where an operand goes is the star of `select *`, not a multiplication.
        if last.isSymbol("*"), let before = statement.dropLast().last,
           before.isKeyword("select") || before.isSymbol(",") || before.isSymbol("(") || before.isSymbol("|") {
            return false
        }
        return Vocabulary.continuations.contains(last.continuationText)
    }

    /// True when there is nothing but white space, comments and `;`.
    public var isBlank: Bool { tokens.allSatisfy { $0.isSymbol(";") } && openQuote == nil }
}

extension Token {
    /// How the token is looked up in `Vocabulary.continuations`: a word lower-cased, a symbol as is.
    var continuationText: String {
        switch kind {
        case .word(let w): return w.lowercased()
        case .symbol(let s): return s
        default: return ""
        }
    }
}

extension Lexer {
    /// Scans text that may end anywhere, never failing: tokens, the open quote, bracket depth and
    /// statement ends. The shell's input buffer, completion and chart titles read the language
    /// through this, so they cannot drift from the parser.
    public static func scan(_ text: String) -> LexScan {
        scan(SourceText(text))
    }

    /// Scans a source text leniently (see `scan(_:)`); offsets are in the source's scalars.
    public static func scan(_ source: SourceText) -> LexScan {
        var lexer = Lexer(source)
        var r = LexScan()
        let n = source.scalars.count
        while true {
            let token: Token
            do {
                token = try lexer.next()
            } catch {
                let start = error.span?.start ?? lexer.i
                if (error.code == .unterminatedString || error.code == .unterminatedName), lexer.i >= n,
                   start < n {
                    r.openQuote = (source.scalars[start], start)
                    return r
                }
                if error.code == .literalTooLong { lexer.skipString(openedAt: start) }
                // Any other fault becomes one token; the lexer has already moved past it.
                let end = max(lexer.i, min(n, start + 1))
                if end <= start { return r }
                r.tokens.append(Token(.invalid(error.code), Span(start, end)))
                continue
            }
            if token.kind == .end {
                r.endsInComment = Lexer.endsInComment(source.scalars, after: r.tokens.last?.span.end ?? 0)
                return r
            }
            r.tokens.append(token)
            if case .symbol(let s) = token.kind {
                switch s {
                case ";":
                    r.statementEnds.append(token.span.start)
                    r.openBrackets = []
                case "(", "[":
                    r.openBrackets.append(token.span.start)
                case ")", "]":
                    _ = r.openBrackets.popLast()
                default:
                    break
                }
            }
        }
    }

    /// True when the last line's text after `offset` is a comment running to the end.
    static func endsInComment(_ scalars: [Unicode.Scalar], after offset: Int) -> Bool {
        var i = offset
        var inComment = false
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" { inComment = false } else if !inComment && (c == "#" || (c == "-" && i + 1 < scalars.count && scalars[i + 1] == "-")) {
                inComment = true
            }
            i += 1
        }
        return inComment
    }
}
