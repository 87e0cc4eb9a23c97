/// A piece of query text with a name (a file path, or nil for typed input), read as
/// Unicode scalars so that spans and columns count characters, not bytes.
public struct SourceText: Sendable {
    public let name: String?
    public let text: String
    public let scalars: [Unicode.Scalar]
    /// Scalar offset of the first character of each line.
    public let lineStarts: [Int]
    /// The line number of the first line (for a statement cut out of a longer script).
    public let firstLine: Int

    public init(_ text: String, name: String? = nil, firstLine: Int = 1) {
        let normalized = text.precomposedForTrygNFC
        self.name = name
        self.text = normalized
        self.scalars = Array(normalized.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        self.lineStarts = starts
        self.firstLine = firstLine
    }

    /// 1-based line and column of a scalar offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + firstLine, offset - lineStarts[lo] + 1)
    }

    /// The text of a 1-based line (relative to `firstLine`), without its newline.
    public func line(_ number: Int) -> String {
        let i = number - firstLine
        guard i >= 0, i < lineStarts.count else { return "" }
        let start = lineStarts[i]
        var end = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<max(start, end)])
        return String(s)
    }

    /// The text of a span.
    public func slice(_ span: Span) -> String {
        let lo = max(0, min(span.start, scalars.count)), hi = max(lo, min(span.end, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[lo..<hi])
        return String(s)
    }
}

/// A range of scalar offsets in a `SourceText`.
public struct Span: Hashable, Sendable {
    public let start: Int
    public let end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

    public static let none = Span(0, 0)
}
