import TrygEngine
import TrygImport

/// The text `.help` prints, built from the command, stage and function tables.
enum HelpText {
    static let firstQuery = "incidents where library = \"Blågården\" group by halfyear"

    /// The overview; on a screen narrower than `screenWidth` each command's summary goes under it.
    static func overview(memoryLimit: MemoryBudget = .standard, screenWidth: Int? = nil) -> String {
        let width = DotCommand.reference.map { DisplayWidth.of($0.usage) }.max() ?? 0
        let narrow = screenWidth.map { width + 4 + 30 > $0 } ?? false
        var lines = ["Shell commands:"]
        for r in DotCommand.reference {
            if narrow {
                lines.append("  " + r.usage)
                lines.append("      " + r.summary)
            } else {
                lines.append("  " + DisplayWidth.pad(r.usage, to: width) + "  " + r.summary)
            }
        }
        lines.append("")
        lines.append("Statements:  QUERY    let NAME = QUERY    explain QUERY    explain sql [DIALECT] QUERY    (end with ; or a complete line)")
        lines.append("             QUERY to \"FILE\"    the result written to FILE.csv, .json or .xlsx as well as shown")
        lines.append("Stages:      " + Vocabulary.stages.filter { $0.keyword != "left" }.map(\.words).joined(separator: ", "))
        lines.append("Functions:   " + FunctionCatalog.scalarNames.joined(separator: " "))
        lines.append("Aggregates:  " + FunctionCatalog.aggregateNames.joined(separator: " "))
        lines.append("Try:         " + firstQuery)
        lines.append("More:        .help TOPIC, e.g. .help group, .help pct, .help operators, .help types, .help import")
        lines.append("Memory:      a result may take up to \(MemoryBudget.describe(memoryLimit.bytes)) (--memory-limit SIZE)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help on one command, stage or function; nil when nothing has that name.
    static func topic(_ name: String) -> String? {
        let key = name.lowercased().hasPrefix(".") ? String(name.lowercased().dropFirst()) : name.lowercased()
        var parts: [String] = []
        if let r = DotCommand.reference.first(where: { $0.name == key || (key == "exit" && $0.name == "quit") }) {
            parts.append("\(r.usage)\n  \(r.summary)")
            if let more = commandDetails[key] { parts.append(more) }
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
        if let statement = statementTopics[key] { parts.append(statement) }
        if key == "stages" {
            parts.append("Stages (each reads the rows before it; | between them is optional):\n"
                         + LanguageHelp.stages.map { "  \($0.usage)" }.joined(separator: "\n"))
        }
        if key == "functions" || key == "aggregates" {
            let aggregates = key == "aggregates"
            parts.append((aggregates ? "Aggregates (in compute, or alone after a source):\n" : "Functions:\n")
                         + FunctionCatalog.help.filter { $0.isAggregate == aggregates }
                             .map { "  \($0.usage) — \($0.summary)" }.joined(separator: "\n")
                         + (aggregates ? "" : "\nAggregates: .help aggregates"))
        }
        if key == "types" || key == "halfyear" || key == "literals" { parts.append(LanguageHelp.types) }
        if key == "operators" {
            parts.append("Operators, loosest first (one level a line):\n" + LanguageHelp.operators)
        }
        if key == "to" || key == "xlsx" {
            parts.append("QUERY to \"FILE\"\n  the result written as well as shown: FILE.csv, FILE.json, or FILE.xlsx, a workbook"
                         + " (typed cells, bold frozen header, autofilter)\n  e.g. incidents group by library, halfyear pivot halfyear to \"hændelser.xlsx\""
                         + "\n  also: .export table FILE.xlsx (the last result), tryg --format xlsx --output FILE.xlsx (a sheet per result)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n") + "\n"
    }

    /// More on the commands whose summary does not say it all.
    static let commandDetails: [String: String] = [
        "connect": "e.g. .connect postgresql://ann@db.example.org/tryg   .connect host=/run/postgresql dbname=tryg   .connect ''"
            + "\nThe server's tables (its search path's schemas) join the tables, types mapped (others read as text,"
            + " with a note); a query over them is compiled to SQL (explain sql postgres shows it) and sent whole;"
            + " only the result comes back. let NAME = QUERY keeps a server's result in tryg, where it joins tryg's"
            + " own tables (a query mixing the two is an error). Value warnings and completion of values ask the server."
            + "\nCtrl-C cancels the query on the server; a timeout, a lost connection or a server error is an error"
            + " and the shell goes on. A password is shown as *** and a line holding one is not kept in the history.",
        "highlight": "Keywords green, tables bold, columns the query can use cyan, functions blue, strings yellow,"
            + " numbers and dates magenta, comments grey; what cannot be read (a string not closed, an unknown"
            + " character, a ) that closes nothing) red and underlined.\nOnly on a colour terminal: off when NO_COLOR"
            + " is set or TERM is dumb. Alone: the setting.",
        "pager": "on: every result shown on a terminal; auto (the default): results taller than the terminal; off: never."
            + "\nThe pager is $PAGER, else less -SRFX (q leaves it, the prompt comes back). Only the shell at a"
            + " terminal pages: results going to a pipe or a file (.output), scripts and -c print without it; a pager"
            + " that cannot start leaves the result printed. Alone: the setting.",
    ]

    /// The statements other than a query, by `Vocabulary.statementWords`.
    static let statementTopics: [String: String] = [
        "let": "let NAME = QUERY — keeps the query's result as a table NAME for the session"
            + "\n  e.g. let vinter = incidents where season = \"vinter\"\n  then: vinter group by library; .drop NAME removes it",
        "explain": "explain QUERY — the plan instead of the rows: the stages as they run, the rewrites applied"
            + " (by name) and the kernels chosen\n  e.g. explain incidents where library = \"Blågården\" group by halfyear"
            + "\nexplain sql [DIALECT] QUERY — the query as one SQL statement for \(SQLDialect.names.joined(separator: ", "))"
            + " (postgres when none is named); a stage or function the dialect cannot express is an error naming both"
            + "\n  e.g. explain sql duckdb incidents where library = \"Blågården\" group by halfyear",
    ]

    /// Every topic name, for suggestions and completion.
    static var topics: [String] {
        DotCommand.names + Vocabulary.statementWords + LanguageHelp.stages.map(\.name) + LanguageHelp.functionNames
            + ["operators", "stages", "functions", "aggregates", "types", "to", "xlsx"]
            + Vocabulary.operators.filter(\.isWord).map(\.spelling)
    }
}
