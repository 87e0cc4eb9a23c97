/// An error or warning about a query, with where it is and what would be valid.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    /// Whose fault it is: the user's, tryg's (a bug), or nobody's (cancelled).
    public let kind: DiagnosticKind
    /// A stable identity for code that must tell diagnostics apart (never compare `message`).
    public let code: DiagnosticCode
    public let message: String
    /// Where in the source the problem is; nil for problems with no position (a file).
    public let span: Span?
    /// Short text shown after the carets (`did you mean 'library'?`).
    public let label: String?
    /// Further lines shown under the snippet (`help: …`, `note: …`).
    public let notes: [String]
    /// The text the span points into.
    public var source: SourceText?
    /// A position in a data file (CSV, XLSX) for problems found while loading.
    public var file: FilePosition?

    public init(_ severity: Severity = .error, _ message: String, code: DiagnosticCode = .query,
                span: Span? = nil, label: String? = nil,
                notes: [String] = [], source: SourceText? = nil, file: FilePosition? = nil) {
        self.severity = severity
        self.kind = code == .internal ? .internal : code == .cancelled ? .cancelled : .user
        self.code = code
        self.message = message
        self.span = span
        self.label = label
        self.notes = notes
        self.source = source
        self.file = file
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.code == b.code && a.message == b.message && a.span == b.span && a.label == b.label && a.notes == b.notes
    }

    /// A fault in tryg itself: the message says so, and the fuzzers count it as a failure.
    public static func internalError(_ what: String, span: Span? = nil) -> Diagnostic {
        Diagnostic(.error, "internal error: \(what)", code: .internal, span: span,
                   notes: ["note: this is a bug in tryg, not in the query; please report it with the query"])
    }

    /// A name or value as a message quotes it: at most `limit` characters, then `…` (a 10 MB
    /// name typed by mistake is not echoed whole).
    public static func shown(_ text: String, limit: Int = 60) -> String {
        var end = text.startIndex
        var n = 0
        while end < text.endIndex, n < limit {
            end = text.index(after: end)
            n += 1
        }
        return end == text.endIndex ? text : text[..<end] + "…"
    }

    /// The diagnostic for work stopped by the user.
    public static let cancelled = Diagnostic(.error, "query cancelled", code: .cancelled)

    /// The same diagnostic with another code (a throw site that knows more than its helper).
    public func with(code: DiagnosticCode) -> Diagnostic {
        Diagnostic(severity, message, code: code, span: span, label: label, notes: notes, source: source, file: file)
    }

    /// `FILE:LINE:COL` or `LINE:COL`, when the diagnostic has a position.
    public var location: String? {
        if let file { return file.description }
        guard let span, let source else { return source?.name }
        let (line, col) = source.location(of: span.start)
        if let name = source.name { return "\(name):\(line):\(col)" }
        return "\(line):\(col)"
    }

    /// The 1-based line of the diagnostic, if it has one.
    public var line: Int? {
        guard let span, let source else { return nil }
        return source.location(of: span.start).line
    }

    /// The diagnostic with control characters in its message, label and notes made visible.
    func withVisibleControls() -> Diagnostic {
        var d = Diagnostic(severity, VisibleControls.escape(message), code: code, span: span, label: label.map { VisibleControls.escape($0) },
                           notes: notes.map { VisibleControls.escape($0) }, source: source, file: file)
        if let f = file, let snippet = f.snippet {
            d.file = FilePosition(path: VisibleControls.escape(f.path), line: f.line, column: f.column,
                                  snippet: VisibleControls.escape(snippet))
        }
        return d
    }

    public func withSource(_ source: SourceText) -> Diagnostic {
        var d = self
        if d.source == nil { d.source = source }
        return d
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { DiagnosticRenderer(color: false).render(self) }
}

/// The one place that decides how a diagnostic looks.
public struct DiagnosticRenderer: Sendable {
    public let color: Bool
    /// The columns a line may take (a terminal's width): the source line is cut around the span
    /// to fit beside its gutter, so the caret lands under it instead of on a wrapped row. Nil: no limit.
    public let width: Int?

    public init(color: Bool, width: Int? = nil) {
        self.color = color
        self.width = width
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// Columns of a source line shown around the span; a longer line is cut to them.
    static let lineWindow = 160

    /// A long line cut to `lineWindow` terminal columns around the span (`…` marks the cuts),
    /// with the span's column and width in characters of what is shown: a huge literal must not
    /// print megabytes. With `limit` (fewer than `lineWindow` columns) the cut line, ellipses
    /// included, takes at most `limit` columns, and keeps up to a third of them before the span.
    /// Columns are counted as a terminal shows them (`DisplayWidth`: a CJK character takes two).
    static func window(_ text: String, column: Int, width: Int, limit: Int? = nil) -> (String, Int, Int) {
        let room = limit.map { max(12, min(lineWindow, $0) - 2) } ?? lineWindow
        guard DisplayWidth.of(text) > (limit.map { max(12, $0) } ?? lineWindow) else { return (text, column, width) }
        let chars = Array(text)
        let widths = chars.map { DisplayWidth.of($0) }
        let start = min(max(0, column - 1), chars.count)
        let before = min(40, room / 3)
        // Up to `before` columns ahead of the span, then as much after it as fits, then any room
        // left filled from before again (a span near the end shows more of what leads to it).
        var from = start, used = 0
        while from > 0, used + widths[from - 1] <= before {
            from -= 1
            used += widths[from]
        }
        var to = from
        used = 0
        while to < chars.count, used + widths[to] <= room {
            used += widths[to]
            to += 1
        }
        while from > 0, used + widths[from - 1] <= room {
            from -= 1
            used += widths[from]
        }
        let shown = (from > 0 ? "…" : "") + String(chars[from..<to]) + (to < chars.count ? "…" : "")
        let shownColumn = column - from + (from > 0 ? 1 : 0)
        return (shown, shownColumn, max(1, min(width, to - (column - 1))))
    }

    public func render(_ d: Diagnostic) -> String {
        // Colour means a terminal: a message or line quoting data shows its control codes, never sends them.
        let d = color ? d.withVisibleControls() : d
        let head = paint(d.severity.rawValue, d.severity == .error ? "1;31" : "1;33")
        var out = "\(head)\(paint(": \(d.message)", "1"))"
        if let span = d.span, let source = d.source {
            let (line, col) = source.location(of: span.start)
            let endLoc = source.location(of: max(span.start, span.end - 1))
            let fullText = source.line(line)
            let gutter = String(line).count
            let pad = String(repeating: " ", count: gutter)
            let loc = source.name.map { "\($0):\(line):\(col)" } ?? "\(line):\(col)"
            let fullWidth = endLoc.line == line ? max(1, endLoc.column - col + 1) : max(1, fullText.count - col + 1)
            let (text, shownColumn, width) = DiagnosticRenderer.window(color ? VisibleControls.escape(fullText) : fullText,
                                                                        column: col, width: fullWidth,
                                                                        limit: self.width.map { $0 - gutter - 3 })
            out += "\n\(pad)\(paint("-->", "34")) \(loc)"
            out += "\n\(pad) \(paint("|", "34"))"
            out += "\n\(paint(String(line), "34")) \(paint("|", "34")) \(text)"
            // As wide as the terminal shows what is above: a CJK character takes two columns.
            let lead = text.prefix(shownColumn - 1).map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
            let spanText = text.dropFirst(shownColumn - 1).prefix(width)
            let carets = max(1, DisplayWidth.of(String(spanText)))
            var caret = paint(String(repeating: "^", count: carets), d.severity == .error ? "1;31" : "1;33")
            if let label = d.label { caret += " " + paint(label, d.severity == .error ? "1;31" : "1;33") }
            out += "\n\(pad) \(paint("|", "34")) \(lead)\(caret)"
        } else if let file = d.file {
            out += "\n \(paint("-->", "34")) \(file)"
            if let snippet = file.snippet {
                out += "\n  \(paint("|", "34")) \(snippet)"
                if let col = file.column, let line = file.line, line > 0 {
                    let lead = snippet.prefix(max(0, col - 1)).map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
                    out += "\n  \(paint("|", "34")) \(lead)\(paint("^", "1;31"))"
                }
            }
        } else if let name = d.source?.name {
            out += "\n \(paint("-->", "34")) \(name)"
        }
        if d.span == nil, let label = d.label { out += "\n  = \(label)" }
        for note in d.notes { out += "\n  = \(note)" }
        return out
    }
}

/// A place in a data file: path, 1-based line and column (in characters), and the line's text.
public struct FilePosition: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let column: Int?
    /// The offending line (or its start), shown under the message.
    public let snippet: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, snippet: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.snippet = snippet
    }

    /// `path:line:column`, as far as known.
    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        if let line = line, line > 0, let column { s += ":\(column)" }
        return s
    }
}
