import TrygEngine

/// Help on the language's stages, operators and functions, for `.help` and `.help TOPIC`,
/// formatted from the engine's `Vocabulary` and `FunctionCatalog`; no lists of its own.
enum LanguageHelp {
    struct Entry {
        let name: String
        let usage: String
        let example: String
    }

    /// The stages, in the vocabulary's order (`left` is told under `join`).
    static var stages: [Entry] {
        Vocabulary.stages.filter { $0.keyword != "left" }
            .map { Entry(name: $0.keyword, usage: "\($0.usage) — \($0.summary)", example: $0.example) }
    }

    /// Scalar functions, then aggregates, as the catalog defines them.
    static var functions: [Entry] {
        FunctionCatalog.help.map { Entry(name: $0.name, usage: "\($0.usage) — \($0.summary)", example: $0.example) }
    }

    /// The names of every function, for completion and topics.
    static var functionNames: [String] { FunctionCatalog.help.map(\.name) }

    /// The operators, loosest first, on one line each.
    static var operators: String {
        var lines: [String] = []
        var level: Vocabulary.Precedence?
        for op in Vocabulary.operators {
            if op.precedence != level {
                level = op.precedence
                lines.append("")
            }
            lines[lines.count - 1] += (lines[lines.count - 1].isEmpty ? "  " : "   ") + op.spelling
        }
        return lines.joined(separator: "\n")
    }

    /// The types, and the literal forms of dates, timestamps and half-years (one line an
    /// entry; `.help` wraps them to the screen).
    static let types = """
    Types:
      int        64-bit whole numbers: 42
      decimal    exact numbers with a scale: 3.50 (+ - * sum min max stay exact)
      float      computed ratios (/ avg pct median) and scientific notation
      text       "text" or 'text'
      bool       true, false
      date       2025-01-01
      timestamp  2025-01-01T08:30
      halfyear   a period, ordered in time (vinter 2022/23 < sommer 2023 < vinter 2023/24): "vinter 2024/25" (also "2024/25", "2024/2025", "V24/25", "vinter 2024/2025"), "sommer 2025" (also "2025", "S25")
      category   an ordered category: a fixed list in its own order, e.g. the survey scale
      null       no value; aggregates skip it, count counts rows
    A text literal compared with a half-year or an ordered category is converted to it; one that cannot be is an error listing the valid forms.
    """
}
