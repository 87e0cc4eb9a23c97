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
}
