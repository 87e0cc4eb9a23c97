extension Parser {
    mutating func stage() throws(Diagnostic) -> Stage {
        let kw = current
        let start = kw.span.start
        advance()
        var keywordSpan = kw.span
        let kind: StageKind
        switch kw.keyword ?? "" {
        case "where":
            kind = .filter(try expression())
        case "group":
            keywordSpan = keywordSpan.to(try expectKeyword("by", "expected 'by' after 'group'"))
            let keys = try namedList()
            var aggs: [NamedExpr] = []
            if acceptKeyword("compute") { aggs = try namedList() }
            kind = .groupBy(keys: keys, aggregates: aggs)
        case "compute":
            kind = .compute(try namedList())
        case "count":
            kind = .count
        case "select":
            kind = .select(try selectItems())
        case "distinct":
            var cols: [Name] = []
            if case .word(let w) = current.kind, Vocabulary.stage(w) == nil {
                cols.append(try name("a column"))
            } else if case .quotedIdentifier = current.kind {
                cols.append(try name("a column"))
            }
            while !cols.isEmpty, acceptSymbol(",") {
                try checkTrailingComma()
                cols.append(try name("a column: distinct COL, …"))
            }
            kind = .distinct(cols)
        case "derive":
            var items: [(Name, Expr)] = []
            repeat {
                let n = try name("a column name: derive NAME = EXPR")
                _ = try expectSymbol("=", "expected '=': derive \(n.text) = EXPR")
                items.append((n, try expression()))
            } while try acceptListComma()
            kind = .derive(items)
        case "order":
            keywordSpan = keywordSpan.to(try expectKeyword("by", "expected 'by' after 'order'"))
            var keys: [SortKey] = []
            repeat { keys.append(try sortKey()) } while try acceptListComma()
            kind = .orderBy(keys)
        case "limit":
            let (n, s) = try count("limit")
            kind = .limit(n, s)
        case "top":
            let (n, s) = try count("top")
            _ = try expectKeyword("by", "expected 'by': top \(n) by EXPR")
            kind = .top(n, s, try sortKey())
        case "left", "join":
            let isLeft = kw.isKeyword("left")
            if isLeft { keywordSpan = keywordSpan.to(try expectKeyword("join", "expected 'join' after 'left'")) }
            let source: SourceRef
            if current.isSymbol("(") {
                let open = current.span
                advance()
                let inner = try query()
                source = .query(inner, open.to(try expectClosing(")", opened: open, "expected ')' to close the query")))
            } else {
                source = .table(try name("a table to join"))
            }
            // `join t as t2`: a name for the right side, so a table can join itself.
            let alias = acceptKeyword("as") ? try name("a name for the joined table") : nil
            _ = try expectKeyword("on", "expected 'on': join TABLE [as NAME] on COLUMN [= COLUMN]")
            var on: [(Expr, Expr?)] = []
            repeat {
                let l = try additive()
                var r: Expr?
                if acceptSymbol("=") { r = try additive() }
                on.append((l, r))
            } while acceptSymbol(",") || acceptKeyword("and")
            kind = .join(left: isLeft, source: source, alias: alias, on: on)
        case "pivot":
            let col = try name("the column whose values become columns")
            var measures: [NamedExpr] = []
            if acceptKeyword("compute") {
                repeat { measures.append(try namedExpr()) } while acceptSymbol(",")
            }
            kind = .pivot(column: col, measures: measures)
        case "compare":
            let col = try name("the period column to compare")
            let a = try additive()
            _ = try expectKeyword("to", "expected 'to': compare \(col.text) A to B")
            let b = try additive()
            kind = .compare(column: col, from: a, to: b)
        case "trend":
            kind = .trend
        case "suppress":
            _ = try expectKeyword("below", "expected 'below': suppress below 5")
            let at = current.span
            guard case .int(let n) = current.kind, n >= 1 else {
                throw Diagnostic(.error, "expected a count", code: .unexpectedToken, span: at, label: "e.g. suppress below 5")
            }
            advance()
            kind = .suppress(below: n, span: at)
        case "chart":
            kind = try chartStage()
        default:
            throw Diagnostic(.error, "unknown stage", code: .unknownStage, span: kw.span)
        }
        return Stage(kind: kind, keywordSpan: keywordSpan, span: Span(start, previousEnd))
    }

    /// `chart bar|line [COL] [title "…"] [to "FILE"]`; the options come in either order.
    ///
    /// `title` and `to` are never read as the column, so a column of that name is back-quoted.
    /// A stage word is the column when it ends the chart (`chart bar count`, `chart bar count
    /// title "…"`): chart is the last stage, so nothing else could follow there.
    mutating func chartStage() throws(Diagnostic) -> StageKind {
        let k = try name("'bar' or 'line'")
        var col: Name?
        let next = peek(1)
        let endsChart = next.kind == .end || next.isSymbol(";") || next.keyword.map(Vocabulary.chartOptions.contains) == true
        if case .word(let w) = current.kind, !Vocabulary.chartOptions.contains(w.lowercased()),
           !Parser.stageKeywords.contains(w.lowercased()) || endsChart {
            col = try name("a column")
        } else if case .quotedIdentifier = current.kind {
            col = try name("a column")
        }
        var title: Name?, file: Name?
        while let option = current.keyword, Vocabulary.chartOptions.contains(option) {
            let keyword = current.span
            advance()
            let isTitle = option == "title"
            let value = try chartText(isTitle ? "the title in quotes: title \"Hændelser pr. halvår\""
                                              : "a file name in quotes: to \"chart.png\"")
            guard (isTitle ? title : file) == nil else {
                throw Diagnostic(.error, "'\(option)' given twice", code: .duplicateName, span: keyword.to(value.span),
                                 label: "a chart has one \(isTitle ? "title" : "file")")
            }
            if isTitle { title = value } else { file = value }
        }
        return .chart(kind: k, column: col, title: title, file: file)
    }

    /// A text in quotes, or a parameter, with its span.
    mutating func chartText(_ expectation: String) throws(Diagnostic) -> Name {
        switch current.kind {
        case .string(let s):
            let n = Name(text: s, span: current.span)
            advance()
            return n
        case .parameter:
            let (literal, span) = try parameterLiteral()
            switch literal {
            case .text(let s): return Name(text: s, span: span)
            case .int(let i): return Name(text: String(i), span: span)
            case .decimal(let d): return Name(text: d.description, span: span)
            case .float(let d): return Name(text: String(d), span: span)
            default: return Name(text: "", span: span)
            }
        default:
            throw unexpected("expected \(expectation)")
        }
    }

    mutating func count(_ stage: String) throws(Diagnostic) -> (Int64, Span) {
        let t = current
        if case .parameter = t.kind {
            let (lit, span) = try parameterLiteral()
            guard case .int(let n) = lit, n >= 0 else {
                throw Diagnostic(.error, "\(stage) needs a whole number of rows", code: .unexpectedToken, span: span,
                                 label: "the parameter's value is not a whole number ≥ 0")
            }
            return (n, span)
        }
        guard case .int(let n) = t.kind, n >= 0 else {
            throw unexpected("expected a whole number of rows: \(stage) 10")
        }
        advance()
        return (n, t.span)
    }

    mutating func namedExpr() throws(Diagnostic) -> NamedExpr {
        let e = try expression()
        var alias: Name?
        if acceptKeyword("as") { alias = try name("a name after 'as'") }
        return NamedExpr(expr: e, alias: alias)
    }

    mutating func namedList() throws(Diagnostic) -> [NamedExpr] {
        var items: [NamedExpr] = []
        repeat { items.append(try namedExpr()) } while try acceptListComma()
        return items
    }

    /// Takes a `,` that continues a list; a stage word right after it is an error with a hint.
    mutating func acceptListComma() throws(Diagnostic) -> Bool {
        guard acceptSymbol(",") else { return false }
        try checkTrailingComma()
        return true
    }

    mutating func sortKey() throws(Diagnostic) -> SortKey {
        let e = try expression()
        if acceptKeyword("desc") { return SortKey(expr: e, direction: true) }
        if acceptKeyword("asc") { return SortKey(expr: e, direction: false) }
        return SortKey(expr: e, direction: nil)
    }

    mutating func selectItems() throws(Diagnostic) -> [SelectItem] {
        var items: [SelectItem] = []
        repeat {
            if current.isSymbol("*") {
                let star = current.span
                advance()
                if acceptKeyword("except") {
                    var names: [Name] = [try name("a column to leave out")]
                    while current.isSymbol(","), case .word = peek(1).kind, !peek(2).isSymbol("(") {
                        advance()
                        names.append(try name("a column to leave out"))
                    }
                    items.append(.starExcept(names, star.to(names.last?.span ?? star)))
                } else {
                    items.append(.star(star))
                }
            } else {
                items.append(.expr(try namedExpr()))
            }
        } while try acceptListComma()
        return items
    }
}
