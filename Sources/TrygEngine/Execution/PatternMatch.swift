import Synchronization

/// `text matches pattern` in a query: patterns compiled once and kept, values matched with
/// PCRE2's limits, Ctrl-C seen between values, and every failure an error at the query position.
enum PatternMatch {
    /// Compiled patterns by their text, so that a pattern is compiled once (when the query is
    /// planned) and not again for each row, part or later statement.
    private static let compiled = Mutex<[String: RegularExpression]>([:])
    /// Patterns kept at most; past it the store starts again (a pattern is cheap to recompile).
    static let keptPatterns = 256

    /// The pattern compiled, or the error saying what is wrong with it and where.
    static func compile(_ pattern: String, span: Span?) throws(Diagnostic) -> RegularExpression {
        if let kept = compiled.withLock({ $0[pattern] }) { return kept }
        let expression: RegularExpression
        do throws(RegularExpression.CompileError) {
            expression = try RegularExpression(pattern)
        } catch {
            throw invalid(error, pattern: pattern, span: span)
        }
        compiled.withLock { store in
            if store.count >= keptPatterns { store.removeAll(keepingCapacity: true) }
            store[pattern] = expression
        }
        return expression
    }

    /// A matcher for one thread, its failure an error at `span`.
    static func matcher(_ expression: RegularExpression, span: Span?) throws(Diagnostic) -> RegularExpression.Matcher {
        do throws(RegularExpression.Matcher.Failure) {
            return try RegularExpression.Matcher(expression)
        } catch {
            throw failed(error, pattern: expression.pattern, value: nil, span: span)
        }
    }

    /// Whether `value` matches, or the error for the statement.
    static func matches(_ matcher: RegularExpression.Matcher, _ value: String, span: Span?) throws(Diagnostic) -> Bool {
        do throws(RegularExpression.Matcher.Failure) {
            return try matcher.matches(value)
        } catch {
            throw failed(error, pattern: matcher.expression.pattern, value: value, span: span)
        }
    }

    /// The answer for each of `values` (a text column's dictionary), checking for Ctrl-C
    /// between values: each value's work is bounded by the limits, so a stop is prompt.
    static func answers(_ pattern: String, _ values: [String], span: Span?,
                        cancellation: CancellationFlag) throws(Diagnostic) -> [Bool] {
        let matcher = try matcher(try compile(pattern, span: span), span: span)
        var out: [Bool] = []
        out.reserveCapacity(values.count)
        for v in values {
            try cancellation.check()
            out.append(try matches(matcher, v, span: span))
        }
        return out
    }

    /// The error for a pattern PCRE2 rejects. When `span` is the pattern's literal written
    /// without escapes, the caret points at the character PCRE2 names.
    static func invalid(_ error: RegularExpression.CompileError, pattern: String, span: Span?) -> Diagnostic {
        var at = span
        if let span, span.end - span.start == pattern.unicodeScalars.count + 2 {
            let character = min(span.start + 1 + error.offset, span.end - 1)
            at = Span(character, character + 1)
        }
        return Diagnostic(.error, "invalid regular expression: \(error.message)", code: .invalidPattern, span: at,
                          label: "at character \(error.offset + 1) of the pattern",
                          notes: ["note: matches takes PCRE2 syntax; a bracket, dot or star meant literally is written \\(, \\. or \\*"])
    }

    static func failed(_ failure: RegularExpression.Matcher.Failure, pattern: String, value: String?,
                       span: Span?) -> Diagnostic {
        let shown = value.map { " on the value \"\(cut($0))\"" } ?? ""
        switch failure {
        case .tooMuchWork:
            return Diagnostic(.error, "the pattern \"\(cut(pattern))\" needs more work than matches allows\(shown)",
                              code: .patternTooCostly, span: span, label: "stopped past the limits of matches",
                              notes: ["note: matching one value may take at most \(RegularExpression.limitsInWords)",
                                      "help: nested repeats such as (a+)+ try every way to split a value; "
                                      + "write the pattern so that each character can match in one way only"])
        case .engine(let message):
            return Diagnostic(.error, "matches failed\(shown): \(message)", code: .patternFailed, span: span)
        }
    }

    /// A value or pattern as an error quotes it: its first 40 characters.
    static func cut(_ s: String) -> String { Diagnostic.shown(s, limit: 40) }
}
