/// A lexical token with its span.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A bare word: keyword or identifier (keywords are recognised by the parser, case-insensitively).
        case word(String)
        /// A back-quoted identifier.
        case quotedIdentifier(String)
        case int(Int64)
        /// `1.05`: exact.
        case decimal(DecimalValue)
        /// `1e-3`, `2.5E6`: scientific notation is a double.
        case float(Double)
        case string(String)
        /// `2025-01-01`: days since 1970-01-01.
        case date(Int64)
        /// `2025-01-01T08:30`: seconds since 1970-01-01T00:00.
        case timestamp(Int64)
        /// `$NAME`, replaced by a parameter's value as a literal.
        case parameter(String)
        /// Punctuation and operators, as `Vocabulary.symbols` lists them.
        case symbol(String)
        /// Text the strict lexer rejects (only from the lenient `Lexer.scan`), with the fault's code.
        case invalid(DiagnosticCode)
        case end
    }

    public let kind: Kind
    public let span: Span

    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    /// The lower-cased word, when this is a bare word.
    public var keyword: String? {
        if case .word(let w) = kind { return w.lowercased() }
        return nil
    }

    public func isKeyword(_ k: String) -> Bool { keyword == k }

    public func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    /// How the token reads in messages.
    public var describe: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .quotedIdentifier(let w): return "`\(w)`"
        case .int(let i): return "\(i)"
        case .decimal(let d): return "\(d)"
        case .float(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .date, .timestamp: return "a date"
        case .parameter(let p): return "$\(p)"
        case .symbol(let s): return "'\(s)'"
        case .invalid: return "text that is not part of the language"
        case .end: return "end of input"
        }
    }
}
