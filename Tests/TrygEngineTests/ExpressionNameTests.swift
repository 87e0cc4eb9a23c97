import Testing
@testable import TrygEngine

/// The default name of a computed column is its expression written canonically
/// (`Binder.sourceText(of:)`): parsed again it must give the same tree, whatever the
/// precedence, quoting and nesting of the expression.
@Suite struct ExpressionNameTests {
    /// Random expressions written with a parenthesis around every operation, so the tree the
    /// parser builds is the one generated.
    struct Generator {
        var rng: TestTables.Rng

        mutating func pick<T>(_ xs: [T]) -> T { xs[rng.int(xs.count)] }

        mutating func leaf() -> String {
            switch rng.int(7) {
            case 0: return pick(["a", "b", "severity", "t.c", "`x y`", "`and`", "`1st`", "Library"])
            case 1: return String(rng.int(1000))
            case 2: return pick(["1.5", "0.25", "12.50"])
            case 3:
                let parts = (0..<rng.int(4)).map { _ in pick(["a", "\"", "\\", "ø", "'", " ", "\\\""]) }
                let body = parts.joined().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\"\"")
                return "\"" + body + "\""
            case 4: return pick(["true", "false", "null"])
            case 5: return pick(["2025-01-31", "2024-02-29T08:30"])
            default: return pick(["a", "b"])
            }
        }

        mutating func expr(_ depth: Int) -> String {
            guard depth > 0, rng.int(4) != 0 else { return leaf() }
            let d = depth - 1
            switch rng.int(10) {
            case 0: return "(not \(expr(d)))"
            case 1: return "(-\(expr(d)))"
            case 2, 3, 4:
                let op = pick(["or", "and", "=", "!=", "<", "<=", ">", ">=", "contains", "matches", "starts with",
                               "ends with", "||", "+", "-", "*", "/", "%"])
                return "(\(expr(d)) \(op) \(expr(d)))"
            case 5: return "(\(expr(d)) \(pick(["in", "not in"])) (\((0..<(1 + rng.int(3))).map { _ in expr(d) }.joined(separator: ", "))))"
            case 6: return "(\(expr(d)) \(pick(["between", "not between"])) \(expr(d)) and \(expr(d)))"
            case 7: return "(\(expr(d)) is \(pick(["", "not "]))null)"
            case 8: return "round(\(expr(d)), \(rng.int(3)))"
            // (`count()` is written bare, as a compute writes it: outside one that reads as a column.)
            default: return "\(pick(["count(distinct a)", "coalesce(a, b, 0)", "length(b)"]))"
            }
        }
    }

    /// The tree, fully parenthesised, spans left out: what must survive writing and reading.
    static func shape(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let v): return "\(v)"
        case .column(let q, let n): return "col(\(q?.text ?? "").\(n.text))"
        case .unary(let op, let a): return "\(op)[\(shape(a))]"
        case .binary(let op, let a, let b): return "(\(shape(a)) \(op) \(shape(b)))"
        case .call(let n, let args, let distinct): return "\(n.text.lowercased())(\(distinct)|\(args.map(shape).joined(separator: ",")))"
        case .inList(let a, let xs, let neg): return "in\(neg)(\(shape(a))|\(xs.map(shape).joined(separator: ",")))"
        case .between(let a, let b, let c, let neg): return "between\(neg)(\(shape(a)),\(shape(b)),\(shape(c)))"
        case .isNull(let a, let neg): return "isnull\(neg)(\(shape(a)))"
        }
    }

    static func filter(_ text: String) throws -> Expr {
        guard case .query(let q) = try Parser.parse(SourceText("t where \(text)")).kind,
              case .filter(let e) = q.stages.first?.kind else { throw Diagnostic.internalError("no filter", span: Span(0, 0)) }
        return e
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func theTextParsesBackToTheSameTree(seed: UInt64) throws {
        var g = Generator(rng: TestTables.Rng(state: seed))
        for _ in 0..<500 {
            let written = g.expr(4)
            let e = try Self.filter(written)
            let text = Binder.sourceText(of: e)
            guard let again = try? Self.filter(text) else {
                Issue.record("\(written)  →  \(text) does not parse")
                continue
            }
            #expect(Self.shape(again) == Self.shape(e), "\(written)  →  \(text)")
            #expect(Binder.sourceText(of: again) == text, "\(written)  →  \(text)")
        }
    }

    @Test func parenthesesOnlyWherePrecedenceNeedsThem() throws {
        let cases: [(String, String)] = [
            ("((a + b) * 2)", "(a + b) * 2"),
            ("(a + (b * 2))", "a + b * 2"),
            ("((a - b) - 1)", "a - b - 1"),
            ("(a - (b - 1))", "a - (b - 1)"),
            ("(not (a = 1))", "not a = 1"),
            ("((not a) = b)", "(not a) = b"),
            ("-(-a)", "-(-a)"),
            ("(a or b) and c", "(a or b) and c"),
            ("`x y` in (\"a\", 'b\"c')", "`x y` in (\"a\", \"b\"\"c\")"),
            ("\"a\\\\b\" || `and`", "\"a\\\\b\" || `and`"),
            ("(a is not null) = (b between 1 and 2)", "(a is not null) = (b between 1 and 2)"),
        ]
        for (written, canonical) in cases {
            #expect(Binder.sourceText(of: try Self.filter(written)) == canonical, "\(written)")
        }
    }
}
