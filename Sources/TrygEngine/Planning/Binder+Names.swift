import TrygDomain

/// Default names of computed columns: what a `select`, `group by`, `compute`, `derive`-less item
/// is called when it has no `as NAME`.
///
/// The rule (as in DuckDB and KQL): a column keeps its name, a function of one column is
/// `function_column`, a literal is its value, and any other expression is named by its own
/// text, written canonically (`severity * 2`, `hour >= 20`, `library in ("Vesterbro")`), so a
/// computed column never passes for the column it reads.
extension Binder {
    /// The default name of a selected or grouped expression: a column keeps its own name as the
    /// table spells it (`Library` finds and shows `library`); otherwise `name(of:)`.
    static func outputName(_ e: Expr, _ bound: BoundExpr, _ scope: Scope) -> String {
        if case .column = e.kind, case .column(let source, _) = bound, let f = scope.field(named: source) { return f.bareName }
        return name(of: e)
    }

    /// The default output name of an expression: a column's own name, `f_col` for a function of one
    /// column (`count_distinct_col` with `distinct`), the function's name for other calls, a
    /// literal's value, and otherwise the expression's canonical text (`sourceText(of:)`).
    static func name(of e: Expr) -> String {
        switch e.kind {
        case .column(_, let n): return n.text
        case .call(let n, let args, let distinct):
            let f = n.text.lowercased()
            if args.count == 1, case .column(_, let c) = args[0].kind {
                return distinct ? "\(f)_distinct_\(c.text)" : "\(f)_\(c.text)"
            }
            return f
        case .literal(let v):
            switch v {
            case .text(let s): return s
            case .int(let i): return String(i)
            case .null: return "null"
            default: return sourceText(of: e)
            }
        default:
            return sourceText(of: e)
        }
    }

    /// The expression written back in the language, canonically: one space around operators,
    /// lower-case words, parentheses only where precedence needs them, text in double quotes
    /// (`"` doubled, `\` written `\\`), and names that are not plain identifiers in back-quotes.
    /// Parsing the result gives the same tree, except that `count()` and `share()` are written
    /// bare, as a compute writes them.
    static func sourceText(of e: Expr) -> String {
        render(e).text
    }

    /// How tightly an operator binds (`Vocabulary.Precedence`); a leaf binds tightest.
    private static func precedence(ofBinary op: String) -> Int {
        Vocabulary.operators.first { $0.spelling == op }?.precedence.rawValue ?? Vocabulary.Precedence.comparison.rawValue
    }

    private static let leaf = Vocabulary.Precedence.unary.rawValue + 1

    private static func render(_ e: Expr) -> (text: String, precedence: Int) {
        /// The operand's text, in parentheses when it binds looser than `level` (or as loose, when `strict`).
        func operand(_ x: Expr, _ level: Int, strict: Bool = false) -> String {
            let r = render(x)
            return r.precedence < level || (strict && r.precedence == level) ? "(\(r.text))" : r.text
        }
        let comparison = Vocabulary.Precedence.comparison.rawValue
        switch e.kind {
        case .literal(let v): return (literalText(v), leaf)
        case .column(let q, let n):
            return ((q.map { identifier($0.text) + "." } ?? "") + identifier(n.text), leaf)
        case .call(let n, let args, let distinct):
            // `count` and `share` as written in a compute (`count * 2`), not `count() * 2`.
            if args.isEmpty, !distinct, ["count", "share"].contains(n.text.lowercased()) { return (n.text.lowercased(), leaf) }
            let inner = args.map { render($0).text }.joined(separator: ", ")
            return ("\(n.text.lowercased())(\(distinct ? "distinct " : "")\(inner))", leaf)
        case .unary(let op, let a):
            if op == "not" {
                let p = Vocabulary.Precedence.not.rawValue
                return ("not \(operand(a, p))", p)
            }
            let p = Vocabulary.Precedence.unary.rawValue
            let inner = operand(a, p)
            // `--` would start a comment.
            return (inner.hasPrefix("-") ? "\(op)(\(inner))" : "\(op)\(inner)", p)
        case .binary(let op, let a, let b):
            let p = precedence(ofBinary: op)
            // Comparisons do not chain (`a = b = c` is no expression): both sides bind tighter.
            let left = operand(a, p, strict: p == comparison)
            let right = operand(b, p, strict: true)
            return ("\(left) \(op) \(right)", p)
        case .inList(let a, let xs, let negated):
            let list = xs.map { operand($0, comparison + 1) }.joined(separator: ", ")
            return ("\(operand(a, comparison, strict: true))\(negated ? " not" : "") in (\(list))", comparison)
        case .between(let a, let lo, let hi, let negated):
            return ("\(operand(a, comparison, strict: true))\(negated ? " not" : "") between "
                    + "\(operand(lo, comparison, strict: true)) and \(operand(hi, comparison, strict: true))", comparison)
        case .isNull(let a, let negated):
            return ("\(operand(a, comparison, strict: true)) is \(negated ? "not " : "")null", comparison)
        }
    }

    private static func literalText(_ v: LiteralValue) -> String {
        switch v {
        case .int(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return Value.format(d)
        case .text(let s):
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .date(let d): return Value.date(d).display
        case .timestamp(let t): return Value.timestamp(t).display
        case .parameter(let name, _): return "$" + name
        }
    }

    /// A name as written in a query: bare when it is an identifier, else in back-quotes.
    private static func identifier(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, Lexer.isIdentStart(first),
              name.unicodeScalars.allSatisfy(Lexer.isIdentContinue),
              !reservedWords.contains(name.lowercased()) else { return "`\(name)`" }
        return name
    }

    /// Words that mean something of their own where an expression may stand.
    private static let reservedWords: Set<String> = Set(Vocabulary.operators.flatMap(\.parts))
        .union(Vocabulary.stageKeywords).union(Vocabulary.clauseWords).union(Vocabulary.literalWords)
        .union(Vocabulary.statementWords).union(["by", "with", "asc", "desc", "limit"])
}
