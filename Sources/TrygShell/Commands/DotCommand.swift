import TrygEngine

/// A shell command: a line starting with `.`, outside the query language.
public enum DotCommand: Equatable, Sendable {
    case help(topic: String?)
    case tables
    case schema(table: String?)
    /// `.drop NAME`: remove a table, so `let NAME = …` may make it anew.
    case drop(table: String)
    /// `.import FILE [sheet NAME] [as TABLE] [OPTION VALUE …]`.
    case importFile(ImportRequest)
    /// `.sheets FILE`: the sheets of a workbook.
    case sheets(path: String)
    case mode(OutputMode)
    /// `.mode csv DIALECT`: csv in a dialect (`excel-da`).
    case csvMode(CSVDialect)
    /// `.numbers da|standard`: the table view's numbers Danish style or as written.
    case numbers(danish: Bool)
    case timer(Bool)
    /// `.highlight on|off`: colour the line as it is typed (on a colour terminal).
    case highlight(Bool)
    /// `.pager on|off|auto`: show results taller than the screen through a pager.
    case pager(PagerMode)
    case read(path: String)
    /// `.output FILE` sends results to a file; `.output` alone back to the screen.
    case output(path: String?)
    case maxRows(Int)
    /// `.show` lists every setting; `.mode`, `.timer`, `.maxrows`, `.numbers`, `.highlight`, `.pager`…
    /// without an argument show theirs.
    case show(setting: String?)
    /// `.export chart FILE`: the last chart as a PNG, SVG or PDF image.
    case exportChart(path: String)
    /// `.export table FILE.xlsx`: the last result as a workbook.
    case exportTable(path: String)
    /// `.connect URL`: a PostgreSQL-protocol server's tables join the catalog.
    case connect(url: String)
    case quit

    /// One row of the help table: the name, how to call it, and what it does.
    public struct Reference: Sendable {
        public let name: String
        public let usage: String
        public let summary: String
    }

    /// Every command, in the order `.help` lists them; the one place they are described.
    public static let reference: [Reference] = [
        Reference(name: "help", usage: ".help [TOPIC]", summary: "this list, or help on a command, stage or function"),
        Reference(name: "tables", usage: ".tables", summary: "the tables, with their rows and columns"),
        Reference(name: "schema", usage: ".schema [TABLE]", summary: "columns, types, distinct counts and a few values"),
        Reference(name: "drop", usage: ".drop TABLE", summary: "remove a table (then let may make one of that name)"),
        Reference(name: "import", usage: ".import FILE [sheet NAME] [as TABLE] [OPTION VALUE …]",
                  summary: "load a CSV file or an .xlsx sheet as a table (named after the file)"),
        Reference(name: "sheets", usage: ".sheets FILE", summary: "the sheets of an .xlsx workbook"),
        Reference(name: "mode", usage: ".mode [\(OutputMode.names) [excel-da]]",
                  summary: "how results are shown; csv excel-da for Danish Excel; alone: the current mode"),
        Reference(name: "numbers", usage: ".numbers [da|standard]", summary: "the table view's numbers Danish style (1.234,50) or as written"),
        Reference(name: "timer", usage: ".timer [on|off]", summary: "show how long each statement took"),
        Reference(name: "highlight", usage: ".highlight [on|off]",
                  summary: "colour the line as it is typed: keywords, strings, numbers, columns, errors underlined"),
        Reference(name: "pager", usage: ".pager [on|off|auto]",
                  summary: "results through $PAGER (less -SRFX): on, off, or auto (taller than the screen)"),
        Reference(name: "read", usage: ".read FILE", summary: "run the statements in a script file"),
        Reference(name: "output", usage: ".output [FILE]", summary: "write results to FILE; alone: back to the screen"),
        Reference(name: "maxrows", usage: ".maxrows [N]", summary: "rows shown in table mode (0: all)"),
        Reference(name: "show", usage: ".show", summary: "every setting and its value (a command without its argument shows its own)"),
        Reference(name: "export", usage: ".export chart|table FILE",
                  summary: "the last chart as an image (FILE.png, .svg, .pdf), or the last result as a workbook (FILE.xlsx)"),
        Reference(name: "connect", usage: ".connect [URL]",
                  summary: "a PostgreSQL server's tables join the tables and queries over them run there (postgresql://USER@HOST/DB, host=… dbname=…, '' for the PG* variables); alone: the connection"),
        Reference(name: "quit", usage: ".quit", summary: "leave the shell (also .exit or Ctrl-D)"),
    ]

    /// Every name a command may be called by, for completion and suggestions.
    public static var names: [String] { reference.map(\.name) + ["exit"] }
}

extension DotCommand {
    /// Reads a dot-command line; errors point at the offending word.
    ///
    /// `$NAME` in an argument (unquoted or in double quotes) is replaced by the value of
    /// `--param NAME=VALUE`, so `.output $out` writes to the file the caller named; a name
    /// with no value is an error, never a file literally called `$out`.
    public static func parse(_ source: SourceText, parameters: [String: String] = [:]) throws(Diagnostic) -> DotCommand {
        let words = try DotWords.split(source).map { word throws(Diagnostic) in
            try word.substituting(parameters, source: source)
        }
        guard let first = words.first, first.text.hasPrefix(".") else {
            throw Diagnostic(.error, "expected a command after '.'", span: Span(0, 1), label: "try .help", source: source)
        }
        let name = String(first.text.dropFirst()).lowercased()
        let args = Array(words.dropFirst())
        func arity(_ range: ClosedRange<Int>) throws(Diagnostic) {
            guard range.contains(args.count) else {
                let usage = reference.first { $0.name == name }?.usage ?? "." + name
                let span = args.count > range.upperBound ? args[range.upperBound].span : first.span
                let what = args.count > range.upperBound ? "too many arguments" : "missing argument"
                throw Diagnostic(.error, "\(what) for .\(name)", span: span, label: "usage: \(usage)", source: source)
            }
        }
        switch name {
        case "help":
            try arity(0...1)
            return .help(topic: args.first?.text)
        case "tables":
            try arity(0...0)
            return .tables
        case "schema":
            try arity(0...1)
            return .schema(table: args.first?.text)
        case "drop":
            try arity(1...1)
            return .drop(table: args[0].text)
        case "import":
            return .importFile(try ImportRequest.parse(args, command: first, source: source))
        case "sheets":
            try arity(1...1)
            return .sheets(path: args[0].text)
        case "show":
            try arity(0...0)
            return .show(setting: nil)
        case _ where args.isEmpty && ["mode", "timer", "maxrows", "numbers", "highlight", "pager"].contains(name):
            return .show(setting: name)
        case "mode":
            try arity(1...2)
            guard let mode = OutputMode(rawValue: args[0].text.lowercased()) else {
                throw Diagnostic(.error, "unknown mode '\(args[0].text)'", span: args[0].span,
                                 label: "expected \(OutputMode.names)", source: source)
            }
            if args.count == 2 {
                guard mode == .csv, let dialect = CSVDialect.named(args[1].text) else {
                    throw Diagnostic(.error, "unknown csv dialect '\(args[1].text)'", span: args[1].span,
                                     label: "expected .mode csv \(CSVDialect.names.joined(separator: "|"))", source: source)
                }
                return .csvMode(dialect)
            }
            return .mode(mode)
        case "numbers":
            try arity(1...1)
            switch args[0].text.lowercased() {
            case "da", "danish": return .numbers(danish: true)
            case "standard", "en", "plain": return .numbers(danish: false)
            default:
                throw Diagnostic(.error, "unknown number style '\(args[0].text)'", span: args[0].span,
                                 label: "expected .numbers da|standard", source: source)
            }
        case "timer":
            try arity(1...1)
            switch args[0].text.lowercased() {
            case "on": return .timer(true)
            case "off": return .timer(false)
            default:
                throw Diagnostic(.error, "expected on or off", span: args[0].span, label: "usage: .timer on|off", source: source)
            }
        case "highlight":
            try arity(1...1)
            switch args[0].text.lowercased() {
            case "on": return .highlight(true)
            case "off": return .highlight(false)
            default:
                throw Diagnostic(.error, "expected on or off", span: args[0].span, label: "usage: .highlight on|off", source: source)
            }
        case "pager":
            try arity(1...1)
            guard let mode = PagerMode(rawValue: args[0].text.lowercased()) else {
                throw Diagnostic(.error, "expected on, off or auto", span: args[0].span,
                                 label: "usage: .pager on|off|auto", source: source)
            }
            return .pager(mode)
        case "read":
            try arity(1...1)
            return .read(path: args[0].text)
        case "output":
            try arity(0...1)
            return .output(path: args.first?.text)
        case "maxrows":
            try arity(1...1)
            guard let n = Int(args[0].text), n >= 0 else {
                throw Diagnostic(.error, "expected a number of rows", span: args[0].span,
                                 label: "usage: .maxrows N (0 shows all)", source: source)
            }
            return .maxRows(n)
        case "export":
            try arity(2...2)
            let what = args[0].text.lowercased()
            guard what == "chart" || what == "table" else {
                throw Diagnostic(.error, "cannot export '\(args[0].text)'", span: args[0].span,
                                 label: "usage: .export chart FILE or .export table FILE.xlsx", source: source)
            }
            if what == "table" {
                guard QueryResult.isWorkbookName(args[1].text) else {
                    throw Diagnostic(.error, "'.export table' writes a workbook", span: args[1].span,
                                     label: "end the file name in .xlsx", source: source)
                }
                return .exportTable(path: args[1].text)
            }
            guard ChartHint.imageFormat(of: args[1].text) != nil else {
                throw Diagnostic(.error, "cannot tell the image format of '\(args[1].text)'", span: args[1].span,
                                 label: "end the file name in .png, .svg or .pdf", source: source)
            }
            return .exportChart(path: args[1].text)
        case "connect":
            // Alone it shows the connection; a key=value connection string may run over several words.
            guard let firstArg = args.first, let lastArg = args.last else { return .show(setting: "connection") }
            if args.count == 1 { return .connect(url: firstArg.text) }
            return .connect(url: source.slice(Span(firstArg.span.start, lastArg.span.end)))
        case "quit", "exit":
            try arity(0...0)
            return .quit
        default:
            let hint = Suggest.nearest(name, in: names).map { "did you mean '.\($0)'?" }
            throw Diagnostic(.error, "unknown command '.\(name)'", span: first.span, label: hint ?? "try .help",
                             source: source)
        }
    }
}

/// The words of a dot-command line, with their spans; quotes group words with spaces.
struct DotWords {
    let text: String
    let span: Span
    /// In single quotes: taken as written, `$` included.
    var literal = false

    static func split(_ source: SourceText) -> [DotWords] {
        let s = source.scalars
        var words: [DotWords] = []
        var i = 0
        while i < s.count {
            if s[i] == " " || s[i] == "\t" || s[i] == "\r" || s[i] == "\n" { i += 1; continue }
            if s[i] == "#" && !words.isEmpty { break }   // a trailing comment
            let start = i
            var word = String.UnicodeScalarView()
            if s[i] == "\"" || s[i] == "'" {
                let quote = s[i]
                i += 1
                while i < s.count, s[i] != quote { word.append(s[i]); i += 1 }
                i = min(i + 1, s.count)
            } else {
                while i < s.count, !(s[i] == " " || s[i] == "\t" || s[i] == "\r" || s[i] == "\n") {
                    word.append(s[i])
                    i += 1
                }
            }
            words.append(DotWords(text: String(word), span: Span(start, i), literal: s[start] == "'"))
        }
        return words
    }
}

extension DotWords {
    /// The word with each `$NAME` replaced by its parameter's value; an unknown name is an error.
    func substituting(_ parameters: [String: String], source: SourceText) throws(Diagnostic) -> DotWords {
        guard !literal, text.contains("$") else { return self }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        while i < s.count {
            guard s[i] == "$", i + 1 < s.count, isNameStart(s[i + 1]) else {
                out.append(s[i])
                i += 1
                continue
            }
            var j = i + 1
            while j < s.count, isNameStart(s[j]) || ("0"..."9").contains(s[j]) { j += 1 }
            let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
            guard let value = parameters[name] else {
                let known = parameters.keys.sorted()
                throw Diagnostic(.error, "no value for parameter $\(name)", span: span,
                                 label: known.isEmpty ? "give one with --param \(name)=VALUE, or quote the word in ' '"
                                                      : "known: \(known.map { "$" + $0 }.joined(separator: ", "))",
                                 source: source)
            }
            out.append(contentsOf: value.unicodeScalars)
            i = j
        }
        return DotWords(text: String(out), span: span, literal: false)
    }
}
