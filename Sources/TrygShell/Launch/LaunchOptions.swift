import TrygDomain
import TrygEngine
import TrygImport

/// The command line, read: what to load, what to run, and how to show it.
public struct LaunchOptions: Equatable, Sendable {
    /// One piece of input to run, in the order given.
    public enum Script: Equatable, Sendable {
        /// `-c 'QUERY'`.
        case command(String)
        /// `FILE.tryg` or `-f FILE`; `-` is standard input.
        case file(String)
    }

    /// What the invocation asks for.
    public enum Action: Equatable, Sendable {
        /// Run scripts or, with none, read from the terminal or standard input.
        case run
        case help
        case version
        /// `tryg generate --out DIR [--seed N] [--scale N] [--descriptions free|templates]`.
        case generate(out: String, seed: UInt64, scale: Int, descriptions: DescriptionStyle)
    }

    public var action: Action = .run
    /// `--data DIR` (or one file); nil loads the bundled samples.
    public var dataDirectory: String?
    /// `--delimiter`, `--header`, `--encoding`, … : how to read the files of `--data`.
    public var dataOptions = ImportOptions()
    public var scripts: [Script] = []
    /// `--dialect NAME` and the `--delimiter`/`--decimal` given: how csv output is spelled.
    public var csvDialect: CSVDialect?
    /// `--delimiter` and `--decimal` as given, which also spell csv output.
    public var outputDelimiter: Character?
    public var outputDecimalComma: Bool?
    /// `--output-dir DIR`: one file per result.
    public var outputDirectory: String?
    /// `--connect URL`: a PostgreSQL server's tables join the catalog; queries over them run there.
    public var connectURL: String?
    /// `--sql DIALECT`: each query printed as one SQL statement instead of run.
    public var sqlDialect: SQLDialect?
    /// `--suppress N`: small-count suppression on every result.
    public var suppressBelow: Int64?
    /// `--numbers da`: the table view's numbers Danish style.
    public var danishNumbers = false
    /// `--maxrows N`: rows of a table shown on a terminal; nil keeps the default.
    public var maxRows: Int?
    /// `--memory-limit SIZE`: the most memory one result may take; nil: half the physical memory.
    public var memoryLimit: MemoryBudget?
    /// `--format`; nil keeps the default (table).
    public var format: OutputMode?
    /// `--format xlsx`: results as sheets of a workbook (`--output FILE.xlsx`, or one per result with `--output-dir`).
    public var workbook = false
    /// `--output FILE`: results to this file instead of standard output.
    public var output: String?
    public var parameters: [String: String] = [:]
    public var keepGoing = false
    /// `--ascii`: charts and tables in plain ASCII characters.
    public var ascii = false
    /// `--demo`: present the one script step by step on the terminal.
    public var demo = false
    /// `--source TEXT`: the "Kilde: …" line under exported charts (the samples have their own).
    public var source: String?
    /// `--quiet`: no load reports, only errors.
    public var quiet = false

    public init() {}

    /// A mistake on the command line; exit status 2.
    public struct UsageError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// Reads the arguments (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> LaunchOptions {
        var options = LaunchOptions()
        if arguments.first == "generate" { return try parseGenerate(Array(arguments.dropFirst())) }
        var rest = arguments[...]
        var onlyFiles = false
        func value(_ flag: String, _ inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            guard let v = rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            return v
        }
        while let argument = rest.popFirst() {
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") {
                options.scripts.append(.file(argument))
                continue
            }
            let (flag, inline) = splitInline(argument)
            switch flag {
            case "--": onlyFiles = true
            case "-h", "--help": options.action = .help
            case "-V", "--version": options.action = .version
            case "-c", "--command": options.scripts.append(.command(try value(flag, inline)))
            case "-f", "--file": options.scripts.append(.file(try value(flag, inline)))
            case "--data":
                let given = try value(flag, inline)
                if let first = options.dataDirectory {
                    throw UsageError(message: "--data given twice ('\(first)' and '\(given)'); give one folder or file,"
                                     + " and load more with .import FILE")
                }
                options.dataDirectory = given
            case "--sheet", "--delimiter", "--quoting", "--header", "--encoding", "--decimal", "--thousands", "--null", "--type":
                let name = String(flag.dropFirst(2))
                var values = [try value(flag, inline)]
                if name == "type" {
                    // --type COLUMN=TYPE
                    guard let eq = values[0].lastIndex(of: "="), eq != values[0].startIndex else {
                        throw UsageError(message: "--type needs COLUMN=TYPE, not '\(values[0])'")
                    }
                    values = [String(values[0][..<eq]), String(values[0][values[0].index(after: eq)...])]
                }
                // The same spelling of numbers and fields also goes for csv output.
                if name == "delimiter" { options.outputDelimiter = CSVDialect.delimiter(named: values[0]) }
                if name == "decimal" {
                    switch values[0].lowercased() {
                    case "comma", ",": options.outputDecimalComma = true
                    case "point", "period", ".": options.outputDecimalComma = false
                    default: break
                    }
                }
                do throws(ImportOptionError) {
                    try options.dataOptions.set(name, values)
                } catch {
                    // `--delimiter must be …`, and `--encoding: unknown encoding 'x'; …`.
                    throw UsageError(message: error.message.hasPrefix(name + " ") ? "--\(error.message)" : "--\(name): \(error.message)")
                }
            case "--keep-going": options.keepGoing = true
            case "-q", "--quiet": options.quiet = true
            case "--ascii": options.ascii = true
            case "--demo": options.demo = true
            case "--source": options.source = try value(flag, inline)
            case "--format":
                let name = try value(flag, inline)
                if name.lowercased() == "xlsx" {
                    options.workbook = true
                    options.format = nil
                    continue
                }
                guard let mode = OutputMode(rawValue: name.lowercased()) else {
                    throw UsageError(message: "unknown format '\(name)'; expected \(OutputMode.names)|xlsx")
                }
                options.format = mode
                options.workbook = false
            case "--memory-limit":
                let text = try value(flag, inline)
                guard let budget = MemoryBudget.parse(text) else {
                    throw UsageError(message: "--memory-limit needs a size such as 8G or 512M, not '\(text)'")
                }
                options.memoryLimit = budget
            case "--dialect":
                let name = try value(flag, inline)
                guard let dialect = CSVDialect.named(name) else {
                    throw UsageError(message: "unknown csv dialect '\(name)'; expected \(CSVDialect.names.joined(separator: "|"))")
                }
                options.csvDialect = dialect
            case "--output-dir": options.outputDirectory = try value(flag, inline)
            case "-o", "--output": options.output = try value(flag, inline)
            case "--connect": options.connectURL = try value(flag, inline)
            case "--sql":
                let name = try value(flag, inline)
                guard let dialect = SQLDialect.named(name) else {
                    throw UsageError(message: "unknown SQL dialect '\(name)'; expected \(SQLDialect.names.joined(separator: "|"))")
                }
                options.sqlDialect = dialect
            case "--suppress":
                let text = try value(flag, inline)
                guard let n = Int64(text), n >= 1 else {
                    throw UsageError(message: "--suppress needs a count (counts below it are suppressed), not '\(text)'")
                }
                options.suppressBelow = n
            case "--numbers":
                let name = try value(flag, inline)
                switch name.lowercased() {
                case "da", "danish": options.danishNumbers = true
                case "standard", "en", "plain": options.danishNumbers = false
                default: throw UsageError(message: "unknown number style '\(name)'; expected da|standard")
                }
            case "--maxrows":
                let text = try value(flag, inline)
                guard let n = Int(text), n >= 0 else {
                    throw UsageError(message: "--maxrows needs a count of rows (0 shows all), not '\(text)'")
                }
                options.maxRows = n
            case "-p", "--param":
                let pair = try value(flag, inline)
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                    throw UsageError(message: "--param needs NAME=VALUE, not '\(pair)'")
                }
                var name = String(pair[..<eq])
                if name.hasPrefix("$") { name.removeFirst() }
                options.parameters[name] = String(pair[pair.index(after: eq)...])
            default:
                let known = ["--help", "--version", "--command", "--file", "--data", "--keep-going", "--format", "--param",
                             "--ascii", "--demo", "--source", "--maxrows", "--memory-limit", "--dialect", "--numbers",
                             "--suppress", "--output-dir", "--output", "--quiet", "--sheet", "--delimiter", "--quoting", "--header",
                             "--encoding", "--decimal", "--thousands", "--null", "--type", "--sql", "--connect"]
                let hint = Suggest.nearest(flag, in: known).map { "; did you mean \($0)?" } ?? ""
                throw UsageError(message: "unknown option '\(flag)'\(hint)")
            }
        }
        if options.workbook {
            guard options.outputDirectory != nil || options.output.map(QueryResult.isWorkbookName) == true else {
                throw UsageError(message: "--format xlsx writes a workbook: give --output FILE.xlsx (or --output-dir DIR)")
            }
        }
        if options.demo {
            guard options.scripts.count == 1, case .file(let path) = options.scripts[0], path != "-" else {
                throw UsageError(message: "--demo needs one script file: tryg --demo FILE.tryg")
            }
        }
        return options
    }

    private static func parseGenerate(_ arguments: [String]) throws(UsageError) -> LaunchOptions {
        var out: String?
        var seed: UInt64 = 1
        var scale = 1
        var descriptions = DescriptionStyle.freeText
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let (flag, inline) = splitInline(argument)
            guard let v = inline ?? rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--out": out = v
            case "--seed":
                guard let n = UInt64(v) else { throw UsageError(message: "--seed needs a whole number, not '\(v)'") }
                seed = n
            case "--scale":
                guard let n = Int(v), n >= 1 else { throw UsageError(message: "--scale needs a whole number of at least 1, not '\(v)'") }
                scale = n
            case "--descriptions":
                guard let style = DescriptionStyle(rawValue: v) else {
                    throw UsageError(message: "--descriptions needs free or templates, not '\(v)'")
                }
                descriptions = style
            default:
                throw UsageError(message: "unknown option '\(flag)' for generate; expected --out DIR [--seed N] [--scale N] [--descriptions free|templates]")
            }
        }
        guard let out else { throw UsageError(message: "generate needs --out DIR") }
        var options = LaunchOptions()
        options.action = .generate(out: out, seed: seed, scale: scale, descriptions: descriptions)
        return options
    }

    /// `--format=csv` as (`--format`, `csv`).
    private static func splitInline(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<eq]), String(argument[argument.index(after: eq)...]))
    }

    /// `tryg --help`.
    public static let usage = """
        tryg — an analytics shell for safety figures at Copenhagen's libraries

        Usage:
          tryg                              interactive shell on the bundled samples
          tryg --data DIR                   tables from every *.csv, *.tsv and *.xlsx in DIR (file name =
                                            table name); --data FILE loads one file
          tryg -c 'QUERY' [-c …]            run, print, exit
          tryg FILE.tryg | -f FILE          run a saved script (a #! first line is allowed)
          … | tryg                          standard input that is not a terminal is a script
          tryg --demo FILE.tryg             present a script step by step (Enter, b back, r again, q quit)
          tryg generate --out DIR [--seed N] [--scale N] [--descriptions free|templates]
                                            write the synthetic sample CSVs (descriptions as free
                                            text, or the few hundred short templates of old)

        Options:
          --format table|csv|json|markdown|line  table is the default; csv and json keep full
                                            precision; json with several results is JSON Lines,
                                            one object each; line gives one column = value a line
          --format xlsx --output FILE.xlsx  a workbook, one sheet per result, with typed cells
          -o, --output FILE                 results to FILE instead of standard output
          --delimiter ,|;|tab|pipe  --quoting yes|no  --header yes|no  --encoding utf-8|windows-1252|…
          --decimal comma|point  --thousands .|,|space|none  --type COLUMN=TYPE  --sheet NAME
          --null TEXT                       how to read the files of --data (sniffed when not given)
          -q, --quiet                       no load reports on standard error, only errors
          --maxrows N                       rows of a table shown on a terminal (files and pipes get all)
          --memory-limit SIZE               the most memory one result may take, e.g. 8G (default: half of RAM)
          --dialect excel-da                csv for Danish Excel: ';', decimal comma, UTF-8 BOM, CRLF
                                            (without --data, --delimiter and --decimal spell csv output)
          --numbers da                      the table view's numbers Danish style (1.234,50)
          --output-dir DIR                  each result in a file of its own: DIR/result-1.csv, …
                                            (.json with --format json, .xlsx with --format xlsx)
          --suppress N                      counts under N suppressed in every result, with
                                            complementary cells (shown <N; null in csv and json)
          --connect URL                     a PostgreSQL server's tables (postgresql://USER@HOST/DB, or the
                                            PG* variables with ''); queries over them run there
          --sql postgres|duckdb|spark       print each query as one SQL statement instead of running it
          --param NAME=VALUE                $NAME in the script, substituted as a literal
          --keep-going                      run the remaining statements after a failing one
          --ascii                           draw charts and tables in plain ASCII
          --source TEXT                     the "Kilde: TEXT" line under exported chart images
          -h, --help                        this text
          -V, --version                     the version

        Exit status: 0 when every statement ran, 1 when one failed, 2 for a usage error.
        In the shell, .help lists commands, stages and functions.

        """

    /// `tryg --version`.
    public static let version = "tryg 0.1.0"
}
