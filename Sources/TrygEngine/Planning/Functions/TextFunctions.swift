import Foundation

/// Text functions, and the text operators `||` and `ends with`.
enum TextFunctions {
    static let family = "text"
    static let isText: @Sendable (DataType) -> Bool = { $0 == .text || $0.isCategory }

    /// A text argument as text: a category's value becomes its text.
    static func asText(_ x: BoundExpr, _ span: Span) -> BoundExpr {
        x.type.isCategory ? .call(.lower, [x], .text, span) : x
    }

    static func simple(_ name: String, _ op: ScalarOp, _ usage: String, _ summary: String, _ example: String,
                       result: DataType, acceptsCategory: Bool) -> ScalarFunction {
        ScalarFunction(
            help: FunctionHelp(name: name, usage: usage, summary: summary, example: example, isAggregate: false, family: family),
            arity: 1...1,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "text", acceptsCategory ? isText : { $0 == .text })
                return .call(op, [asText(c.args[0], c.span)], result, c.span)
            },
            evaluate: nil)
    }

    static let all: [ScalarFunction] = [
        simple("lower", .lower, "lower(text)", "in lower case", "incidents select lower(category) limit 3", result: .text, acceptsCategory: true),
        simple("upper", .upper, "upper(text)", "in upper case", "incidents select upper(library) limit 3", result: .text, acceptsCategory: true),
        simple("length", .length, "length(text)", "the number of characters (code points, as SQL counts them)", "incidents select length(description) limit 3",
               result: .int, acceptsCategory: false),
        simple("trim", .trim, "trim(text)", "without surrounding white space (spaces, tabs, line breaks, no-break spaces)", "incidents select trim(description) limit 3",
               result: .text, acceptsCategory: true),
        ScalarFunction(
            help: FunctionHelp(name: "concat", usage: "concat(a, b, …)",
                               summary: "the values as text, one after the other; a null counts as empty (a || b is null then)",
                               example: "libraries select concat(name, \" (\", district, \")\") as label",
                               isAggregate: false, family: family),
            arity: 1...64,
            bind: { c throws(Diagnostic) in
                for i in c.args.indices { try c.expect(i, "a value", { _ in true }) }
                return c.call(c.args, .text)
            },
            evaluate: { args in .text(args.map(\.display).joined()) },
            nullPropagating: false),
        ScalarFunction(
            help: FunctionHelp(name: "substr", usage: "substr(s, start [, length])",
                               summary: "the part of s from character start (1 is the first; negative counts from the end)",
                               example: "libraries select name, substr(name, 1, 4) as short", isAggregate: false, family: family),
            arity: 2...3,
            bind: { c throws(Diagnostic) in
                try c.expect(0, "text", isText)
                try c.expect(1, "a whole number", { $0 == .int })
                if c.args.count == 3 { try c.expect(2, "a whole number", { $0 == .int }) }
                return c.call([asText(c.args[0], c.span)] + c.args.dropFirst(), .text)
            },
            evaluate: { args in
                guard case .text(let s) = args[0], case .int(let start) = args[1] else { return .null }
                var length: Int64?
                if args.count == 3, case .int(let l) = args[2] { length = l }
                return .text(substring(s, start, length))
            }),
    ]

    /// Text operators evaluated like functions; the parser knows their spelling from `Vocabulary`.
    static let operators: [ScalarFunction] = [
        ScalarFunction(
            help: FunctionHelp(name: "||", usage: "a || b", summary: "text concatenation; null when either side is null",
                               example: "libraries select name || \", \" || district as label", isAggregate: false, family: family),
            arity: 2...2,
            bind: { c throws(Diagnostic) in c.call(c.args, .text) },
            evaluate: { args in .text(args[0].display + args[1].display) }),
        ScalarFunction(
            help: FunctionHelp(name: "ends with", usage: "s ends with t", summary: "whether s ends with t, ignoring case",
                               example: "libraries where name ends with \"bro\" select name", isAggregate: false, family: family),
            arity: 2...2,
            bind: { c throws(Diagnostic) in
                for i in 0..<2 { try c.expect(i, "text", isText) }
                // An op of its own, so that the text kernels answer it as they answer `starts with`.
                return .call(.endsWith, c.args.map { asText($0, c.span) }, .bool, c.span)
            },
            evaluate: { args in
                guard case .text(let s) = args[0], case .text(let t) = args[1] else { return .null }
                return .bool(TextFold.answer(s, t, .endsWith))
            }),
    ]

    /// The white space `trim` removes from both ends: Unicode's spaces and line breaks (the
    /// space, tab, line ends, the no-break spaces of exports, U+2000–U+200A, U+3000 …). The SQL
    /// that `trim` compiles to removes exactly these too.
    static let trimmedScalars: [Unicode.Scalar] = (0x09...0x0D).compactMap(Unicode.Scalar.init)
        + [" ", "\u{85}", "\u{A0}", "\u{1680}"] + (0x2000...0x200A).compactMap(Unicode.Scalar.init)
        + ["\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
    private static let trimmedSet = Set(trimmedScalars)

    /// `s` without `trimmedScalars` at either end.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmedSet.contains($0) }),
              let last = scalars.lastIndex(where: { !trimmedSet.contains($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// SQLite's substr over characters (code points, as SQL engines count them: a flag emoji
    /// is two): 1-based; a negative start counts from the end; start 0 is a place before the
    /// first character; a negative length takes the characters before start.
    static func substring(_ s: String, _ start: Int64, _ length: Int64?) -> String {
        let chars = Array(s.unicodeScalars)
        let n = Int64(chars.count)
        // Clamped so that no arithmetic below can overflow, whatever the user wrote.
        var p1 = max(-(1 << 40), min(1 << 40, start))
        var p2 = max(-(1 << 40), min(1 << 40, length ?? (1 << 40)))
        let negative = p2 < 0
        if negative { p2 = -p2 }
        if p1 < 0 {
            p1 += n
            if p1 < 0 { p2 = max(0, p2 + p1); p1 = 0 }
        } else if p1 > 0 {
            p1 -= 1
        } else if p2 > 0 {
            p2 -= 1
        }
        if negative {
            p1 -= p2
            if p1 < 0 { p2 += p1; p1 = 0 }
        }
        let from = min(p1, n), to = min(n, from + max(0, p2))
        var out = String.UnicodeScalarView()
        out.append(contentsOf: chars[Int(from)..<Int(to)])
        return String(out)
    }
}
