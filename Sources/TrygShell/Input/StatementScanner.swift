/// Scans query text the way the lexer would, without failing, to tell where statements end.
///
/// It tracks brackets, strings, back-quoted names and comments, finds top-level `;`, and
/// remembers the last significant token so a line ending in `|`, `,`, an operator, `and`,
/// `or` or `by` can be recognised as unfinished.
struct StatementScanner {
    /// The state at the end of the scanned text.
    struct Result {
        /// Scalar offsets of top-level `;` outside strings and comments.
        var semicolons: [Int] = []
        /// `(` and `[` not yet closed (never below zero).
        var depth = 0
        /// The quote of an open string or back-quoted name.
        var openQuote: Unicode.Scalar?
        /// The last token after the last `;`, lower-cased when a word; nil when there is none.
        var lastToken: String?

        /// True when the text after the last `;` cannot end here.
        var isOpen: Bool {
            if openQuote != nil || depth > 0 { return true }
            guard let lastToken else { return false }
            return StatementScanner.continuationTokens.contains(lastToken)
        }
    }

    /// Tokens after which a statement cannot end: LANGUAGE.md's `|`, `,`, operators, `and`,
    /// `or`, `by`, plus the word operators and keywords that always need something after them.
    static let continuationTokens: Set<String> = [
        "|", ",", "=", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "(", "[", ".",
        "and", "or", "by", "not", "in", "between", "is", "contains", "starts", "with", "matches",
        "where", "select", "derive", "join", "on", "as", "compute", "to", "let", "explain", "except",
    ]

    /// Scans the text from the start.
    static func scan(_ scalars: [Unicode.Scalar]) -> Result {
        var r = Result()
        var i = 0
        let n = scalars.count
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? scalars[k] : nil }
        while i < n {
            let c = scalars[i]
            if let q = r.openQuote {
                if c == q {
                    if q != "`", at(i + 1) == q { i += 2; continue }   // doubled quote
                    r.openQuote = nil
                    r.lastToken = q == "`" ? "name" : "literal"
                } else if c == "\\", q != "`", let next = at(i + 1), next == q || next == "\\" {
                    i += 1
                }
                i += 1
                continue
            }
            switch c {
            case " ", "\t", "\n", "\r", "\u{FEFF}":
                i += 1
            case "#":
                while i < n, scalars[i] != "\n" { i += 1 }
            case "-" where at(i + 1) == "-":
                while i < n, scalars[i] != "\n" { i += 1 }
            case "\"", "'", "`":
                r.openQuote = c
                i += 1
            case ";":
                r.semicolons.append(i)
                r.depth = 0
                r.lastToken = nil
                i += 1
            case "(", "[":
                r.depth += 1
                r.lastToken = String(c)
                i += 1
            case ")", "]":
                r.depth = max(0, r.depth - 1)
                r.lastToken = String(c)
                i += 1
            default:
                if isWordScalar(c) {
                    let start = i
                    while i < n, isWordScalar(scalars[i]) { i += 1 }
                    var word = String.UnicodeScalarView()
                    word.append(contentsOf: scalars[start..<i])
                    r.lastToken = String(word).lowercased()
                } else {
                    var op = String(c)
                    if let next = at(i + 1), ["!=", "<>", "<=", ">="].contains(op + String(next)) {
                        op += String(next)
                        i += 1
                    }
                    r.lastToken = op
                    i += 1
                }
            }
        }
        return r
    }

    /// Letters, digits, `_`, `$` and combining marks: the parts of words, numbers, dates and parameters.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s == "$" || s.properties.isAlphabetic || s.properties.numericType != nil
            || s.properties.generalCategory == .nonspacingMark
            || (s == ":")   // inside timestamps such as 2025-01-01T08:30
    }

    /// True when the scalars hold nothing but white space and comments.
    static func isBlank(_ scalars: some Collection<Unicode.Scalar>) -> Bool {
        let a = Array(scalars)
        var i = 0
        while i < a.count {
            switch a[i] {
            case " ", "\t", "\n", "\r", "\u{FEFF}":
                i += 1
            case "#":
                while i < a.count, a[i] != "\n" { i += 1 }
            case "-" where i + 1 < a.count && a[i + 1] == "-":
                while i < a.count, a[i] != "\n" { i += 1 }
            default:
                return false
            }
        }
        return true
    }
}
