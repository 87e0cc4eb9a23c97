/// Recursive-descent parser: one method per precedence level, every node with its span.
/// Its words and operators come from `Vocabulary`.
struct Parser {
    var tokens: [Token]
    var pos = 0
    let parameters: [String: String]
    var depth = 0

    /// How deeply expressions and sub-queries may nest before the parser stops with an error.
    static let maxDepth = 200

    /// The stage keywords, in the order `.help` lists them.
    static var stageKeywords: [String] { Vocabulary.stageKeywords }

    init(tokens: [Token], parameters: [String: String]) {
        self.tokens = tokens
        self.parameters = parameters
    }

    /// Parses one statement (`QUERY`, `let NAME = QUERY` or `explain QUERY`), optionally ended by `;`.
    static func parse(_ source: SourceText, parameters: [String: String] = [:]) throws(Diagnostic) -> Statement {
        var p = Parser(tokens: try Lexer.tokenize(source), parameters: parameters)
        let s = try p.statement()
        while p.current.isSymbol(";") { p.advance() }
        guard p.current.kind == .end else {
            if p.current.isSymbol(")") || p.current.isSymbol("]") {
                throw Diagnostic(.error, "unmatched '\(p.current.isSymbol(")") ? ")" : "]")'", code: .unexpectedToken,
                                 span: p.current.span, label: "nothing opened it; remove it")
            }
            throw p.unexpected("expected the end of the statement or a stage (\(Parser.stageKeywords.joined(separator: ", ")))")
        }
        return s
    }

    var current: Token { tokens[min(pos, tokens.count - 1)] }
    func peek(_ k: Int) -> Token { tokens[min(pos + k, tokens.count - 1)] }
    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    var previousEnd: Int { pos > 0 ? tokens[pos - 1].span.end : 0 }

    func unexpected(_ expectation: String) -> Diagnostic {
        let t = current
        let what = t.kind == .end ? "unexpected end of input" : "unexpected \(t.describe)"
        if t.kind == .end {
            return Diagnostic(.error, what, code: .unexpectedEnd, span: Span(previousEnd, previousEnd + 1), label: expectation)
        }
        return Diagnostic(.error, what, code: .unexpectedToken, span: t.span, label: expectation)
    }

    /// Expects the `)` or `]` that closes `open`; at the end of input the error points at the opening.
    mutating func expectClosing(_ s: String, opened open: Span, _ why: String) throws(Diagnostic) -> Span {
        if current.kind == .end {
            throw Diagnostic(.error, "'\(s == ")" ? "(" : "[")' is never closed", code: .unclosedBracket, span: open,
                             label: "opened here; add a '\(s)'")
        }
        return try expectSymbol(s, why)
    }

    /// After a `,` in a list: a stage word there means the comma is one too many.
    func checkTrailingComma() throws(Diagnostic) {
        guard case .word(let w) = current.kind, Vocabulary.stage(w) != nil, pos > 0, tokens[pos - 1].isSymbol(",") else { return }
        // `count` is also an aggregate, and a list may go on with it.
        if w.lowercased() == "count" { return }
        throw Diagnostic(.error, "a comma before the stage '\(w)'", code: .unexpectedToken, span: tokens[pos - 1].span,
                         label: "the list ends here; remove the comma",
                         notes: ["help: a list (of columns, keys or measures) ends at the next stage word without a comma"])
    }

    mutating func expectKeyword(_ k: String, _ why: String? = nil) throws(Diagnostic) -> Span {
        guard current.isKeyword(k) else { throw unexpected(why ?? "expected '\(k)'") }
        let s = current.span
        advance()
        return s
    }

    mutating func expectSymbol(_ s: String, _ why: String? = nil) throws(Diagnostic) -> Span {
        guard current.isSymbol(s) else { throw unexpected(why ?? "expected '\(s)'") }
        let sp = current.span
        advance()
        return sp
    }

    mutating func acceptKeyword(_ k: String) -> Bool {
        if current.isKeyword(k) { advance(); return true }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if current.isSymbol(s) { advance(); return true }
        return false
    }

    /// An identifier: a bare word or a back-quoted name.
    mutating func name(_ what: String) throws(Diagnostic) -> Name {
        switch current.kind {
        case .word(let w):
            let n = Name(text: w, span: current.span)
            advance()
            return n
        case .quotedIdentifier(let w):
            let n = Name(text: w, span: current.span)
            advance()
            return n
        default:
            throw unexpected("expected \(what)")
        }
    }

    mutating func enter() throws(Diagnostic) {
        depth += 1
        if depth > Parser.maxDepth {
            throw Diagnostic(.error, "expression nested too deeply", code: .nestingTooDeep, span: current.span,
                             label: "at most \(Parser.maxDepth) levels; use let to split the query")
        }
    }

    mutating func statement() throws(Diagnostic) -> Statement {
        var s = try statementBody()
        if case .explain = s.kind { return s }
        if current.isKeyword("to") {
            advance()
            let file = try chartText("a file name in quotes: to \"result.csv\"")
            guard QueryResult.resultFileKind(file.text) != nil else {
                throw Diagnostic(.error, "'to' after a query writes a .csv, .json or .xlsx file", code: .unexpectedToken, span: file.span,
                                 label: "name the file .csv, .json or .xlsx",
                                 notes: ["help: e.g. incidents group by library to \"hændelser.xlsx\"; "
                                         + "a chart's image goes in the chart stage: chart bar to \"chart.png\""])
            }
            s.output = file
        }
        return s
    }

    private mutating func statementBody() throws(Diagnostic) -> Statement {
        let start = current.span.start
        if current.isKeyword("let"), case .word = peek(1).kind, peek(2).isSymbol("=") {
            advance()
            let n = try name("a table name")
            advance()
            let q = try query()
            return Statement(kind: .let(n, q), span: Span(start, previousEnd))
        }
        if current.isKeyword("let") || current.isKeyword("explain") {
            let isLet = current.isKeyword("let")
            advance()
            if isLet {
                let n = try name("a table name after 'let'")
                _ = try expectSymbol("=", "expected '=' after the name: let \(n.text) = QUERY")
                let q = try query()
                return Statement(kind: .let(n, q), span: Span(start, previousEnd))
            }
            let dialect = try explainSQL()
            let q = try query()
            return Statement(kind: .explain(q, sql: dialect), span: Span(start, previousEnd))
        }
        if case .symbol(let s) = current.kind, s == "." {
            throw Diagnostic(.error, "dot commands are for the shell", code: .unexpectedToken, span: current.span,
                             label: "a line starting with '.' must stand alone, outside let and queries")
        }
        let q = try query()
        return Statement(kind: .query(q), span: Span(start, previousEnd))
    }

    /// After `explain`: `sql [DIALECT]`, when the words are that and not a table named `sql`
    /// (a table comes before a stage or the end, a dialect before a table).
    private mutating func explainSQL() throws(Diagnostic) -> SQLDialect? {
        func startsQuery(_ t: Token) -> Bool {
            if t.isSymbol("(") { return true }
            if case .quotedIdentifier = t.kind { return true }
            guard case .word = t.kind, let k = t.keyword else { return false }
            return !Parser.stageKeywords.contains(k) && k != "to"
        }
        guard current.isKeyword("sql"), startsQuery(peek(1)) else { return nil }
        advance()
        guard case .word(let w) = current.kind, startsQuery(peek(1)) else { return .standard }
        guard let dialect = SQLDialect.named(w) else {
            throw Diagnostic(.error, "unknown SQL dialect '\(w)'", code: .invalidValue, span: current.span,
                             label: "expected \(SQLDialect.names.joined(separator: ", ")) or a table",
                             notes: ["help: e.g. explain sql duckdb incidents group by halfyear"])
        }
        advance()
        return dialect
    }

    mutating func query() throws(Diagnostic) -> QueryAST {
        try enter()
        defer { depth -= 1 }
        let start = current.span.start
        let source: SourceRef
        if current.isSymbol("(") {
            let open = current.span
            advance()
            let inner = try query()
            let close = try expectClosing(")", opened: open, "expected ')' to close the query opened here")
            source = .query(inner, open.to(close))
        } else {
            guard case .word = current.kind else {
                if case .quotedIdentifier = current.kind {
                    source = .table(try name("a table name"))
                    return try stages(source: source, start: start)
                }
                throw unexpected("expected a table name to start the query")
            }
            if let stage = current.keyword.flatMap(Vocabulary.stage) {
                throw Diagnostic(.error, "a query starts with a table", code: .missingSource, span: current.span,
                                 label: "'\(stage.keyword)' is a stage; write a table before it",
                                 notes: ["help: e.g. incidents \(stage.words) …; a table named '\(stage.keyword)' goes in back-quotes"])
            }
            source = .table(try name("a table name"))
        }
        return try stages(source: source, start: start)
    }

    mutating func stages(source: SourceRef, start: Int) throws(Diagnostic) -> QueryAST {
        var stages: [Stage] = []
        while true {
            if acceptSymbol("|"), current.kind == .end { throw unexpected("expected a stage after '|'") }
            guard case .word = current.kind, let k = current.keyword, Parser.stageKeywords.contains(k) else {
                if current.kind == .end || current.isSymbol(";") || current.isSymbol(")") { break }
                // `to "FILE.xlsx"` ends the statement's query (not a query in brackets).
                if depth == 1, current.isKeyword("to") { break }
                if case .word(let w) = current.kind, Vocabulary.statementWords.contains(w.lowercased()) {
                    throw Diagnostic(.error, "'\(w.lowercased())' starts a statement", code: .unknownStage, span: current.span,
                                     label: "it goes before the query, not after it",
                                     notes: ["help: e.g. \(w.lowercased() == "let" ? "let x = incidents count" : "explain incidents count")"])
                }
                if case .word(let w) = current.kind, ["like", "ilike", "glob", "regexp", "rlike", "similar"].contains(w.lowercased()) {
                    throw Diagnostic(.error, "'\(w)' is SQL, not tryg", code: .unknownStage, span: current.span,
                                     label: "match text with contains, starts with, ends with or matches",
                                     notes: ["help: name like \"Bl%\" is name starts with \"Bl\" (any case); "
                                             + "name like \"%bro\" is name ends with \"bro\"; a pattern: name matches \"^Bl.*bro$\""])
                }
                if case .word(let w) = current.kind, let (stage, example) = Parser.otherLanguagesStages[w.lowercased()] {
                    throw Diagnostic(.error, "unknown stage '\(w)'", code: .unknownStage, span: current.span,
                                     label: "tryg writes '\(stage)'", notes: ["help: e.g. \(example)"])
                }
                if case .word(let w) = current.kind {
                    let hint = Suggest.nearest(w.lowercased(), in: Parser.stageKeywords).map { "did you mean '\($0)'?" }
                    throw Diagnostic(.error, "unknown stage '\(w)'", code: .unknownStage, span: current.span,
                                     label: hint ?? "expected a stage: \(Parser.stageKeywords.joined(separator: ", "))")
                }
                throw unexpected("expected a stage (\(Parser.stageKeywords.joined(separator: ", "))) or the end of the query")
            }
            stages.append(try stage())
        }
        return QueryAST(source: source, stages: stages, span: Span(start, previousEnd))
    }

    /// Stage words of KQL, PRQL and SQL that tryg spells otherwise: the tryg stage, and an example.
    static let otherLanguagesStages: [String: (String, String)] = [
        "sort": ("order by", "incidents group by library order by count desc"),
        "take": ("limit", "incidents limit 10"),
        "summarize": ("group by … compute", "incidents group by library compute count, avg(severity)"),
        "aggregate": ("compute", "incidents compute count, avg(severity)"),
        "project": ("select", "incidents select library, reported_at"),
        "extend": ("derive", "incidents derive late = hour >= 20"),
        "filter": ("where", "incidents where severity >= 4"),
        "having": ("where", "incidents group by library where count > 100"),
    ]
}
