import TrygDomain

/// Turns source text into tokens. Comments (`#` or `--` to end of line) and white space are skipped.
/// The strict path (`tokenize`) throws at the first fault; the lenient one (`scan`) never throws.
public struct Lexer {
    let source: SourceText
    private var scalars: [Unicode.Scalar] { source.scalars }
    /// The scalar offset of the next character; the lenient scan reads it after a fault.
    private(set) var i = 0

    /// The longest literal the lexer accepts, so a pasted megabyte cannot become one token.
    static let maxLiteralLength = 100_000

    public init(_ source: SourceText) { self.source = source }

    /// All tokens, ending with `.end`.
    public static func tokenize(_ source: SourceText) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        let j = i + k
        return j < scalars.count ? scalars[j] : nil
    }

    static func isIdentStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic
    }

    static func isIdentContinue(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
            || s.properties.generalCategory == .nonspacingMark
    }

    static func isDigit(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return s.value >= 48 && s.value <= 57
    }

    mutating func skipTrivia() {
        i = Lexer.triviaEnd(scalars, from: i)
    }

    /// The offset of the first character at or after `from` that is not white space or a comment.
    public static func triviaEnd(_ scalars: some RandomAccessCollection<Unicode.Scalar>, from: Int) -> Int {
        var i = from
        let n = scalars.count
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? scalars[scalars.index(scalars.startIndex, offsetBy: k)] : nil }
        while let c = at(i) {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{FEFF}" {
                i += 1
            } else if c == "#" || (c == "-" && at(i + 1) == "-") {
                while let d = at(i), d != "\n" { i += 1 }
            } else {
                break
            }
        }
        return i
    }

    /// Moves past the rest of a string literal opened at `start` (the lenient scan, after a
    /// literal too long), so scanning goes on after it rather than inside it.
    mutating func skipString(openedAt start: Int) {
        let quote = scalars[start]
        let all = scalars
        while i < all.count, all[i] != quote { i += 1 }
        if i < all.count { i += 1 }
    }

    /// True when the text holds nothing but white space and comments.
    public static func isBlank(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return triviaEnd(scalars, from: 0) >= scalars.count
    }

    public mutating func next() throws(Diagnostic) -> Token {
        skipTrivia()
        let start = i
        guard let c = peek() else { return Token(.end, Span(i, i)) }

        if Lexer.isIdentStart(c) {
            while let d = peek(), Lexer.isIdentContinue(d) { i += 1 }
            return Token(.word(text(start, i)), Span(start, i))
        }
        if Lexer.isDigit(c) { return try number(start) }
        switch c {
        case "\"", "'": return try string(start, quote: c)
        case "`":
            i += 1
            let bodyStart = i
            while let d = peek(), d != "`", d != "\n" { i += 1 }
            guard peek() == "`" else {
                throw Diagnostic(.error, "unterminated quoted identifier", code: .unterminatedName, span: Span(start, start + 1),
                                 label: "opened here; add a closing ` on the same line")
            }
            let name = text(bodyStart, i)
            i += 1
            guard !name.isEmpty else {
                throw Diagnostic(.error, "empty quoted identifier", code: .invalidLiteral, span: Span(start, i), label: "write a name between the back-quotes")
            }
            return Token(.quotedIdentifier(name), Span(start, i))
        case "$":
            i += 1
            while let d = peek(), Lexer.isIdentContinue(d) { i += 1 }
            guard i > start + 1 else {
                throw Diagnostic(.error, "expected a parameter name after '$'", code: .invalidLiteral, span: Span(start, i), label: "e.g. $library")
            }
            return Token(.parameter(text(start + 1, i)), Span(start, i))
        default:
            break
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if two.unicodeScalars.count == 2, Vocabulary.symbols.contains(two) {
            i += 2
            return Token(.symbol(two), Span(start, i))
        }
        if Vocabulary.symbols.contains(String(c)) {
            i += 1
            return Token(.symbol(String(c)), Span(start, i))
        }
        i += 1
        throw Diagnostic(.error, "unexpected character '\(c)'", code: .invalidCharacter, span: Span(start, i),
                         label: "not part of the language",
                         notes: ["help: text values go in quotes (\"…\"); names with spaces in back-quotes (`…`)"])
    }

    private func text(_ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[a..<b])
        return String(v)
    }

    private mutating func digits() -> Int {
        let s = i
        while Lexer.isDigit(peek()) { i += 1 }
        return i - s
    }

    private mutating func number(_ start: Int) throws(Diagnostic) -> Token {
        let intLen = digits()
        // A date: 4 digits, '-', 2 digits, '-', 2 digits.
        if intLen == 4, peek() == "-", Lexer.isDigit(peek(1)), Lexer.isDigit(peek(2)), peek(3) == "-",
           Lexer.isDigit(peek(4)), Lexer.isDigit(peek(5)) {
            return try dateOrTimestamp(start)
        }
        var isDecimal = false, isFloat = false
        if peek() == ".", Lexer.isDigit(peek(1)) {
            isDecimal = true
            i += 1
            _ = digits()
        }
        if peek() == "e" || peek() == "E" {
            let save = i
            i += 1
            if peek() == "+" || peek() == "-" { i += 1 }
            if digits() > 0 { isFloat = true } else { i = save }
        }
        if let d = peek(), Lexer.isIdentStart(d) {
            while let d = peek(), Lexer.isIdentContinue(d) { i += 1 }
            throw Diagnostic(.error, "a name cannot start with a digit", code: .invalidLiteral, span: Span(start, i),
                             label: "put the name in back-quotes: `\(text(start, i))`")
        }
        let t = text(start, i)
        if isDecimal && !isFloat {
            // A decimal literal is exact or an error, never a silently rounded float.
            guard let d = DecimalValue.parse(t) else {
                throw Diagnostic(.error, "decimal out of range", code: .overflow, span: Span(start, i),
                                 label: "a decimal holds 18 digits, at most 18 after the point; write \(t)e0 for a float")
            }
            return Token(.decimal(d), Span(start, i))
        }
        if isDecimal || isFloat {
            guard let d = Double(t), d.isFinite else {
                throw Diagnostic(.error, "number out of range", code: .overflow, span: Span(start, i), label: "floats go up to about 1.8e308")
            }
            // A number that is not zero but too small for a double is an error, never a silent 0.
            let mantissa = t.prefix { $0 != "e" && $0 != "E" }
            if d == 0, mantissa.contains(where: { $0 >= "1" && $0 <= "9" }) {
                throw Diagnostic(.error, "number too small", code: .invalidLiteral, span: Span(start, i),
                                 label: "floats reach down to about 4.9e-324; this would be 0")
            }
            return Token(.float(d), Span(start, i))
        }
        guard let v = Int64(t) else {
            throw Diagnostic(.error, "integer out of range", code: .overflow, span: Span(start, i),
                             label: "integers go up to 9223372036854775807; write 1e19 for a float")
        }
        return Token(.int(v), Span(start, i))
    }

    private mutating func dateOrTimestamp(_ start: Int) throws(Diagnostic) -> Token {
        i = start + 10
        let ds = text(start, i)
        let parts = ds.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw Diagnostic(.error, "'\(ds)' is not a date", code: .invalidLiteral, span: Span(start, i), label: "write a real day as YYYY-MM-DD")
        }
        let days = Int64(date.dayNumber)
        guard peek() == "T" || peek() == "t", Lexer.isDigit(peek(1)) else { return Token(.date(days), Span(start, i)) }
        i += 1
        let ts = i
        while let d = peek(), Lexer.isDigit(d) || d == ":" { i += 1 }
        let hms = text(ts, i).split(separator: ":", omittingEmptySubsequences: false)
        let nums = hms.compactMap { $0.count == 2 ? Int($0) : nil }
        guard (2...3).contains(hms.count), nums.count == hms.count, nums[0] < 24, nums[1] < 60,
              nums.count < 3 || nums[2] < 60 else {
            throw Diagnostic(.error, "'\(text(start, i))' is not a timestamp", code: .invalidLiteral, span: Span(start, i),
                             label: "write YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS")
        }
        let secs = Int64(nums[0] * 3600 + nums[1] * 60 + (nums.count == 3 ? nums[2] : 0))
        return Token(.timestamp(days * LocalTime.secondsPerDay + secs), Span(start, i))
    }

    private mutating func string(_ start: Int, quote: Unicode.Scalar) throws(Diagnostic) -> Token {
        i += 1
        var value = String.UnicodeScalarView()
        // Counted here: the view's own count walks it, which made long literals quadratic.
        var length = 0
        while true {
            if length > Lexer.maxLiteralLength {
                throw Diagnostic(.error, "string literal too long", code: .literalTooLong, span: Span(start, i),
                                 label: "at most \(Lexer.maxLiteralLength) characters")
            }
            guard let c = peek() else {
                throw Diagnostic(.error, "unterminated string", code: .unterminatedString, span: Span(start, start + 1),
                                 label: "opened here; add a closing \(quote)")
            }
            i += 1
            length += 1
            if c == quote {
                if peek() == quote { value.append(c); i += 1; continue }   // doubled quote
                break
            }
            if c == "\\", let n = peek(), n == quote || n == "\\" {
                value.append(n)
                i += 1
                continue
            }
            value.append(c)
        }
        return Token(.string(String(value)), Span(start, i))
    }
}
