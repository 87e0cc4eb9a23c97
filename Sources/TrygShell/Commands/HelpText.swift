import TrygEngine
import TrygImport

/// The text `.help` prints, built from the command, stage and function tables.
enum HelpText {
    static let firstQuery = "incidents where library = \"Blågården\" group by halfyear"

    static func overview(memoryLimit: MemoryBudget = .standard) -> String {
        let width = DotCommand.reference.map { $0.usage.count }.max() ?? 0
        var lines = ["Shell commands:"]
        for r in DotCommand.reference {
            lines.append("  " + DisplayWidth.pad(r.usage, to: width) + "  " + r.summary)
        }
        lines.append("")
        lines.append("Statements:  QUERY    let NAME = QUERY    explain QUERY    (end with ; or a complete line)")
        lines.append("             QUERY to \"FILE.xlsx\"    the result written to a workbook instead of shown")
        lines.append("Stages:      " + Vocabulary.stages.filter { $0.keyword != "left" }.map(\.words).joined(separator: ", "))
        lines.append("Functions:   " + FunctionCatalog.scalarNames.joined(separator: " "))
        lines.append("Aggregates:  " + FunctionCatalog.aggregateNames.joined(separator: " "))
        lines.append("Try:         " + firstQuery)
        lines.append("More:        .help TOPIC, e.g. .help group, .help pct, .help operators, .help import")
        lines.append("Memory:      a result may take up to \(MemoryBudget.describe(memoryLimit.bytes)) (--memory-limit SIZE)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help on one command, stage or function; nil when nothing has that name.
    static func topic(_ name: String) -> String? {
        let key = name.lowercased().hasPrefix(".") ? String(name.lowercased().dropFirst()) : name.lowercased()
        var parts: [String] = []
        if let r = DotCommand.reference.first(where: { $0.name == key || (key == "exit" && $0.name == "quit") }) {
            parts.append("\(r.usage)\n  \(r.summary)")
            if key == "import" {
                parts.append("Options (each sniffed when not given):\n  " + ImportOptions.usage
                             + "\nRows that cannot be read go to TABLE_rejects; the rules are in docs/import.md.")
            }
        }
        for e in LanguageHelp.stages + LanguageHelp.functions where e.name == key {
            parts.append("\(e.usage)\n  e.g. \(e.example)")
        }
        for op in Vocabulary.operators where op.isWord && (op.spelling == key || op.parts[0] == key) {
            let details = op.details.split(separator: "\n").map { "\n  " + $0 }.joined()
            parts.append("\(op.spelling) — \(op.summary)" + details)
        }
        if key == "operators" {
            parts.append("Operators, loosest first (one level a line):" + LanguageHelp.operators)
        }
        if key == "to" || key == "xlsx" {
            parts.append("QUERY to \"FILE.xlsx\"\n  the result as a workbook (typed cells, bold frozen header, autofilter)"
                         + " instead of shown\n  e.g. incidents group by library, halfyear pivot halfyear to \"hændelser.xlsx\""
                         + "\n  also: .export table FILE.xlsx (the last result), tryg --format xlsx --output FILE.xlsx (a sheet per result)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n") + "\n"
    }

    /// Every topic name, for suggestions.
    static var topics: [String] {
        DotCommand.names + LanguageHelp.stages.map(\.name) + LanguageHelp.functionNames + ["operators", "to", "xlsx"]
            + Vocabulary.operators.filter(\.isWord).map(\.spelling)
    }
}
