extension Parser {
    /// expression := or
    mutating func expression() throws(Diagnostic) -> Expr {
        try enter()
        defer { depth -= 1 }
        return try or()
    }

    mutating func or() throws(Diagnostic) -> Expr {
        var terms = [try and()]
        while current.isKeyword("or") {
            advance()
            terms.append(try and())
        }
        return Parser.chain("or", terms)
    }

    mutating func and() throws(Diagnostic) -> Expr {
        var terms = [try not()]
        while current.isKeyword("and") {
            advance()
            terms.append(try not())
        }
        return Parser.chain("and", terms)
    }

    /// The terms of a flat chain of `and` or `or` (associative, in three-valued logic too):
    /// joined left to right when few, as a balanced tree when many, so that a chain of
    /// thousands of terms nests log₂ n deep rather than n (and is no "nesting too deep").
    static func chain(_ op: String, _ terms: [Expr]) -> Expr {
        if terms.count <= chainFoldLimit {
            var l = terms[0]
            for r in terms.dropFirst() { l = Expr(.binary(op: op, l, r), l.span.to(r.span)) }
            return l
        }
        return balanced(op, terms[...])
    }

    /// Chains up to this many terms keep their left-to-right shape (as `explain` shows it).
    static let chainFoldLimit = 16

    private static func balanced(_ op: String, _ terms: ArraySlice<Expr>) -> Expr {
        if terms.count == 1, let only = terms.first { return only }
        let mid = terms.startIndex + terms.count / 2
        let l = balanced(op, terms[..<mid]), r = balanced(op, terms[mid...])
        return Expr(.binary(op: op, l, r), l.span.to(r.span))
    }

    mutating func not() throws(Diagnostic) -> Expr {
        if current.isKeyword("not") {
            let s = current.span
            advance()
            try enter()
            defer { depth -= 1 }
            let e = try not()
            return Expr(.unary(op: "not", e), s.to(e.span))
        }
        return try comparison()
    }

    static let comparisonOps = Vocabulary.symbols(.comparison)
    static let additiveOps = Vocabulary.symbols(.additive)
    static let multiplicativeOps = Vocabulary.symbols(.multiplicative)

    mutating func comparison() throws(Diagnostic) -> Expr {
        let l = try concatenation()
        let t = current
        if case .symbol(let s) = t.kind, Parser.comparisonOps.contains(s) {
            advance()
            let r = try concatenation()
            return Expr(.binary(op: s == "<>" ? "!=" : s, l, r), l.span.to(r.span))
        }
        var negated = false
        if t.isKeyword("not"), peek(1).kind == .end {
            advance()
            throw unexpected("expected in, between, contains, starts with, ends with or matches after 'not'")
        }
        if t.isKeyword("not"), let k = peek(1).keyword, k != "is", Vocabulary.comparisonWords[k] != nil {
            negated = true
            advance()
        }
        switch current.keyword {
        case "in":
            advance()
            _ = try expectSymbol("(", "expected '(' after 'in': in (\"a\", \"b\")")
            let open = tokens[pos - 1].span
            var items: [Expr] = []
            if !current.isSymbol(")") {
                repeat { items.append(try concatenation()) } while acceptSymbol(",")
            }
            let close = try expectClosing(")", opened: open, "expected ',' or ')' in the list")
            return Expr(.inList(l, items, negated: negated), l.span.to(close))
        case "between":
            advance()
            let lo = try concatenation()
            _ = try expectKeyword("and", "expected 'and': between A and B")
            let hi = try concatenation()
            return Expr(.between(l, lo, hi, negated: negated), l.span.to(hi.span))
        case "contains", "matches":
            let op = current.keyword ?? ""
            advance()
            let r = try concatenation()
            let e = Expr(.binary(op: op, l, r), l.span.to(r.span))
            return negated ? Expr(.unary(op: "not", e), e.span) : e
        case "starts", "ends":
            let first = current.keyword ?? ""
            advance()
            _ = try expectKeyword("with", "expected 'with': \(first) with \"…\"")
            let r = try concatenation()
            let e = Expr(.binary(op: "\(first) with", l, r), l.span.to(r.span))
            return negated ? Expr(.unary(op: "not", e), e.span) : e
        case "is":
            advance()
            let neg = acceptKeyword("not")
            let n = try expectKeyword("null", "expected 'null': is [not] null")
            return Expr(.isNull(l, negated: neg), l.span.to(n))
        default:
            return l
        }
    }

    /// concatenation := additive ('||' additive)*
    mutating func concatenation() throws(Diagnostic) -> Expr {
        var l = try additive()
        let saved = depth
        defer { depth = saved }
        while current.isSymbol("||") {
            try enter()
            advance()
            let r = try additive()
            l = Expr(.binary(op: "||", l, r), l.span.to(r.span))
        }
        return l
    }

    mutating func additive() throws(Diagnostic) -> Expr {
        var l = try multiplicative()
        let saved = depth
        defer { depth = saved }
        while case .symbol(let s) = current.kind, Parser.additiveOps.contains(s) {
            try enter()
            advance()
            let r = try multiplicative()
            l = Expr(.binary(op: s, l, r), l.span.to(r.span))
        }
        return l
    }

    mutating func multiplicative() throws(Diagnostic) -> Expr {
        var l = try unary()
        let saved = depth
        defer { depth = saved }
        while case .symbol(let s) = current.kind, Parser.multiplicativeOps.contains(s) {
            try enter()
            advance()
            let r = try unary()
            l = Expr(.binary(op: s, l, r), l.span.to(r.span))
        }
        return l
    }

    mutating func unary() throws(Diagnostic) -> Expr {
        if current.isSymbol("-") {
            let s = current.span
            advance()
            try enter()
            defer { depth -= 1 }
            let e = try unary()
            // Fold a negative number literal here so -9223372036854775808 stays readable.
            if case .literal(.int(let v)) = e.kind { return Expr(.literal(.int(0 &- v)), s.to(e.span)) }
            if case .literal(.decimal(let v)) = e.kind {
                return Expr(.literal(.decimal(DecimalValue(units: 0 &- v.units, scale: v.scale))), s.to(e.span))
            }
            if case .literal(.float(let v)) = e.kind { return Expr(.literal(.float(-v)), s.to(e.span)) }
            return Expr(.unary(op: "-", e), s.to(e.span))
        }
        return try primary()
    }

    /// `$NAME` as written: its name and the text given for it, typed later by its place.
    mutating func parameterText() throws(Diagnostic) -> (LiteralValue, Span) {
        guard case .parameter(let p) = current.kind else { throw unexpected("expected a parameter") }
        let span = current.span
        guard let raw = parameters[p] else { return try parameterLiteral() }
        advance()
        return (.parameter(name: p, text: raw), span)
    }

    mutating func parameterLiteral() throws(Diagnostic) -> (LiteralValue, Span) {
        guard case .parameter(let p) = current.kind else { throw unexpected("expected a parameter") }
        let span = current.span
        guard let raw = parameters[p] else {
            let known = parameters.keys.sorted()
            throw Diagnostic(.error, "no value for parameter $\(p)", code: .missingParameter, span: span,
                             label: known.isEmpty ? "give one with --param \(p)=VALUE"
                                                  : "known: \(known.map { "$" + $0 }.joined(separator: ", "))")
        }
        advance()
        if let i = Int64(raw) { return (.int(i), span) }
        if raw.contains("."), let d = DecimalValue.parse(raw) { return (.decimal(d), span) }
        if let d = Double(raw), d.isFinite, d != 0, raw.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
           raw.allSatisfy({ $0.isASCII }) { return (.float(d), span) }
        return (.text(raw), span)
    }

    mutating func primary() throws(Diagnostic) -> Expr {
        let t = current
        switch t.kind {
        case .int(let v): advance(); return Expr(.literal(.int(v)), t.span)
        case .decimal(let v): advance(); return Expr(.literal(.decimal(v)), t.span)
        case .float(let v): advance(); return Expr(.literal(.float(v)), t.span)
        case .string(let v): advance(); return Expr(.literal(.text(v)), t.span)
        case .date(let v): advance(); return Expr(.literal(.date(v)), t.span)
        case .timestamp(let v): advance(); return Expr(.literal(.timestamp(v)), t.span)
        case .parameter:
            let (lit, span) = try parameterText()
            return Expr(.literal(lit), span)
        case .symbol("("):
            advance()
            let e = try expression()
            let close = try expectClosing(")", opened: t.span, "expected ')' to close the '(' here")
            return Expr(e.kind, t.span.to(close))
        case .quotedIdentifier:
            return try columnOrCall()
        case .word(let w):
            switch w.lowercased() {
            case "true": advance(); return Expr(.literal(.bool(true)), t.span)
            case "false": advance(); return Expr(.literal(.bool(false)), t.span)
            case "null": advance(); return Expr(.literal(.null), t.span)
            default: return try columnOrCall()
            }
        case .end:
            throw unexpected("expected an expression")
        default:
            throw unexpected("expected a value, a column or a function call")
        }
    }

    mutating func columnOrCall() throws(Diagnostic) -> Expr {
        let n = try name("a column")
        if current.isSymbol("(") {
            let open = current.span
            advance()
            var args: [Expr] = []
            var distinct = false
            if acceptKeyword("distinct") { distinct = true }
            if current.isSymbol("*") {
                advance()   // count(*) is count
            } else if !current.isSymbol(")") {
                repeat { args.append(try expression()) } while acceptSymbol(",")
            }
            let close = try expectClosing(")", opened: open, "expected ',' or ')' in the argument list")
            return Expr(.call(name: n, args: args, distinct: distinct), n.span.to(close))
        }
        if current.isSymbol("."), case .word = peek(1).kind {
            advance()
            let col = try name("a column after '.'")
            return Expr(.column(qualifier: n, name: col), n.span.to(col.span))
        }
        if current.isSymbol("."), case .quotedIdentifier = peek(1).kind {
            advance()
            let col = try name("a column after '.'")
            return Expr(.column(qualifier: n, name: col), n.span.to(col.span))
        }
        return Expr(.column(qualifier: nil, name: n), n.span)
    }
}
