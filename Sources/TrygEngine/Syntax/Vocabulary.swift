/// The language's words and operators, defined once.
///
/// The parser, the lenient lexer (and through it the shell's statement-completeness check),
/// completion, help and readline's word breaks all read these tables; nothing else lists them.
public enum Vocabulary {
    /// A stage: its keyword(s), how it is written, what it does, and an example that runs on the samples.
    public struct Stage: Sendable {
        /// The first word, which starts the stage (`group`).
        public let keyword: String
        /// The words it is written with before its arguments (`group by`).
        public let words: String
        public let usage: String
        public let summary: String
        public let example: String
    }

    /// The stages, in the order help lists them.
    public static let stages: [Stage] = [
        Stage(keyword: "where", words: "where", usage: "where EXPR",
              summary: "keep rows where EXPR is true; after group by it filters groups",
              example: "incidents where severity >= 4 and police_called count"),
        Stage(keyword: "group", words: "group by", usage: "group by KEY [as NAME], … [compute AGG [as NAME], …]",
              summary: "one row per key; the measure is count unless given",
              example: "incidents group by library, season compute count, avg(severity) as mean"),
        Stage(keyword: "compute", words: "compute", usage: "compute AGG [as NAME], …",
              summary: "aggregate the whole input into one row",
              example: "incidents compute count, max(reported_at)"),
        Stage(keyword: "count", words: "count", usage: "count", summary: "short for compute count",
              example: "incidents where hour >= 20 count"),
        Stage(keyword: "select", words: "select", usage: "select ITEM, …",
              summary: "keep or compute columns: *, EXPR [as NAME], * except COL, …",
              example: "incidents select library, reported_at, category limit 3"),
        Stage(keyword: "distinct", words: "distinct", usage: "distinct [COL, …]",
              summary: "one row per distinct combination of the columns (all columns when none)",
              example: "incidents distinct library, season order by library limit 4"),
        Stage(keyword: "derive", words: "derive", usage: "derive NAME = EXPR, …",
              summary: "add computed columns, keep the rest",
              example: "incidents derive late = hour >= 20 group by late"),
        Stage(keyword: "order", words: "order by", usage: "order by EXPR [asc|desc], …",
              summary: "sort; periods in period order, text by Danish collation",
              example: "incidents group by library order by count desc"),
        Stage(keyword: "limit", words: "limit", usage: "limit N", summary: "the first N rows",
              example: "incidents limit 10"),
        Stage(keyword: "top", words: "top", usage: "top N by EXPR [asc|desc]",
              summary: "the N rows with the highest EXPR (lowest with asc)",
              example: "incidents group by library top 5 by count"),
        Stage(keyword: "join", words: "join", usage: "[left] join SOURCE [as ALIAS] on COL [= COL], …",
              summary: "equi-join; a name both sides have is SOURCE.COL; as: join a table with itself; left join keeps unmatched rows of the left side",
              example: "incidents join libraries on library = name group by libraries.district"),
        Stage(keyword: "left", words: "left join", usage: "left join SOURCE on COL [= COL], …",
              summary: "join that keeps every row of the left side",
              example: "libraries left join (incidents group by library) on name = library select name, count"),
        Stage(keyword: "pivot", words: "pivot", usage: "pivot COL [compute AGG, …]",
              summary: "a column per value of COL (and measure, with several)",
              example: "incidents group by library, halfyear pivot halfyear"),
        Stage(keyword: "compare", words: "compare", usage: "compare COL A to B",
              summary: "the measure at A and at B (COL of any type), change and change_pct",
              example: "incidents group by library, halfyear compare halfyear \"2022/23\" to \"2024/25\""),
        Stage(keyword: "trend", words: "trend", usage: "trend",
              summary: "change and change_pct against the previous period in the calendar; missing periods appear (counts 0)",
              example: "incidents group by halfyear trend"),
        Stage(keyword: "suppress", words: "suppress below", usage: "suppress below N",
              summary: "for publishing: counts under N shown <N (null in csv/json), plus further cells so none "
                  + "can be computed back from totals",
              example: "incidents group by library, halfyear pivot halfyear suppress below 5"),
        Stage(keyword: "chart", words: "chart", usage: "chart bar|line [COL] [title \"…\"] [to \"FILE\"]",
              summary: "draw the result as a chart (to: also as a .png, .svg or .pdf image)",
              example: "incidents where library = \"Vesterbro\" group by halfyear chart line title \"Vesterbro\""),
    ]

    /// The words that start a stage.
    public static let stageKeywords: [String] = stages.map(\.keyword)

    /// The stage that starts with a word, if any (case-insensitive).
    public static func stage(_ word: String) -> Stage? {
        let w = word.lowercased()
        return stages.first { $0.keyword == w }
    }

    /// Words that start a statement other than a query.
    public static let statementWords = ["let", "explain"]

    /// The word after `explain` that asks for SQL (`explain sql [DIALECT] QUERY`).
    public static let explainSQLWord = "sql"

    /// How tightly an operator binds; loosest first.
    public enum Precedence: Int, Sendable, Comparable {
        case or = 1, and, not, comparison, concatenation, additive, multiplicative, unary

        public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
    }

    /// An operator: how it is spelled, how tightly it binds, and what it means.
    public struct Operator: Sendable {
        /// As written, lower-case; a word pair is written with one space (`starts with`).
        public let spelling: String
        public let precedence: Precedence
        /// Whether a line may end right after it (never for an operator: it wants its right side).
        public let lineMayEnd: Bool
        public let summary: String
        /// More than the summary, for `.help OPERATOR`, one line a sentence (empty when the summary
        /// says it all).
        public var details: String = ""

        /// True for operators spelled with letters (`and`, `contains`, `starts with`).
        public var isWord: Bool { spelling.first?.isLetter ?? false }
        /// The words of a word operator (`["starts", "with"]`).
        public var parts: [String] { spelling.split(separator: " ").map(String.init) }
    }

    /// Every operator of the expression language, loosest first.
    public static let operators: [Operator] = [
        Operator(spelling: "or", precedence: .or, lineMayEnd: false, summary: "either holds (three-valued)"),
        Operator(spelling: "and", precedence: .and, lineMayEnd: false, summary: "both hold (three-valued)"),
        Operator(spelling: "not", precedence: .not, lineMayEnd: false, summary: "negation"),
        Operator(spelling: "=", precedence: .comparison, lineMayEnd: false, summary: "equal"),
        Operator(spelling: "!=", precedence: .comparison, lineMayEnd: false, summary: "not equal"),
        Operator(spelling: "<>", precedence: .comparison, lineMayEnd: false, summary: "not equal"),
        Operator(spelling: "<", precedence: .comparison, lineMayEnd: false, summary: "less than"),
        Operator(spelling: "<=", precedence: .comparison, lineMayEnd: false, summary: "at most"),
        Operator(spelling: ">", precedence: .comparison, lineMayEnd: false, summary: "greater than"),
        Operator(spelling: ">=", precedence: .comparison, lineMayEnd: false, summary: "at least"),
        Operator(spelling: "in", precedence: .comparison, lineMayEnd: false, summary: "one of a list: in (\"a\", \"b\")"),
        Operator(spelling: "between", precedence: .comparison, lineMayEnd: false, summary: "between A and B, both included"),
        Operator(spelling: "is", precedence: .comparison, lineMayEnd: false, summary: "is [not] null"),
        Operator(spelling: "contains", precedence: .comparison, lineMayEnd: false, summary: "text holds a part, ignoring case"),
        Operator(spelling: "starts with", precedence: .comparison, lineMayEnd: false, summary: "text begins with, ignoring case"),
        Operator(spelling: "ends with", precedence: .comparison, lineMayEnd: false, summary: "text ends with, ignoring case"),
        Operator(spelling: "matches", precedence: .comparison, lineMayEnd: false, summary: "regular expression (PCRE syntax)",
                 details: "text matches \"PATTERN\": the pattern is found anywhere in the text (anchor it with ^ and $);\n"
                    + "case-sensitive unless it starts with (?i); \\w, \\d and (?i) know Danish and other Unicode letters.\n"
                    + "Matching one value may take at most \(RegularExpression.limitsInWords);\n"
                    + "past that the statement stops with an error, never a silent no-match."),
        Operator(spelling: "||", precedence: .concatenation, lineMayEnd: false, summary: "text concatenation"),
        Operator(spelling: "+", precedence: .additive, lineMayEnd: false, summary: "add; date + days"),
        Operator(spelling: "-", precedence: .additive, lineMayEnd: false, summary: "subtract; date - days, date - date"),
        Operator(spelling: "*", precedence: .multiplicative, lineMayEnd: false, summary: "multiply"),
        Operator(spelling: "/", precedence: .multiplicative, lineMayEnd: false, summary: "divide (null for division by zero)"),
        Operator(spelling: "%", precedence: .multiplicative, lineMayEnd: false, summary: "remainder"),
    ]

    /// The symbol operators of one precedence level.
    public static func symbols(_ level: Precedence) -> Set<String> {
        Set(operators.filter { $0.precedence == level && !$0.isWord }.map(\.spelling))
    }

    /// Word operators that compare (`contains`, `starts with` …), by their first word.
    public static let comparisonWords: [String: Operator] = Dictionary(
        operators.filter { $0.isWord && $0.precedence == .comparison }.map { ($0.parts[0], $0) },
        uniquingKeysWith: { a, _ in a })

    /// The punctuation and operator symbols the lexer knows, longest first.
    public static let symbols: [String] = ["||", "!=", "<>", "<=", ">=",
                                           "(", ")", ",", "|", ";", ".", "=", "<", ">", "+", "-", "*", "/", "%", "[", "]"]

    /// Tokens after which a line does not end the statement: every operator (the last word of a
    /// two-word one: `with`, since `starts` and `ends` are also column names), `|`, `,`, `by`,
    /// and an opening bracket. Nothing else continues a line; a line that ends in a stage word
    /// is complete, and an error.
    public static let continuations: Set<String> = {
        var s: Set<String> = ["|", ",", "by", "(", "["]
        for op in operators where !op.lineMayEnd { s.insert(op.parts.last ?? op.spelling) }
        return s
    }()

    /// `chart` kinds and the words that start its options.
    public static let chartKinds = ["bar", "line"]
    public static let chartOptions: Set<String> = ["title", "to"]

    /// Words after which an expression (a column, a function, a literal) is expected.
    public static let expressionStarters: Set<String> = {
        var s: Set<String> = ["where", "by", "select", "derive", "compute", "on", "pivot", "compare", "to",
                              "except", "distinct"]
        for op in operators where op.isWord { s.formUnion(op.parts.filter { $0 != "starts" && $0 != "ends" }) }
        return s
    }()

    /// Words that may follow a finished operand inside a stage, by the stage's keyword.
    public static func wordsAfterOperand(inStage stage: String?) -> [String] {
        switch stage {
        case "where", "on":
            // `and` and `or` first: the likeliest next words.
            var words = ["and", "or"]
            for op in operators where op.isWord && !words.contains(op.parts[0]) { words.append(op.parts[0]) }
            return words
        case "group": return ["compute", "as"]
        case "compute", "select", "derive": return ["as"]
        case "order", "top": return ["asc", "desc"]
        case "compare": return ["to"]
        case "join": return ["on", "as"]
        case "chart": return Array(chartOptions).sorted()
        default: return []
        }
    }

    /// Words with a fixed meaning inside stages (for completion and highlighting).
    public static let clauseWords = ["by", "as", "on", "compute", "asc", "desc", "except", "to", "title", "distinct"]

    /// Literal words.
    public static let literalWords = ["true", "false", "null"]

    /// Characters that end a word for readline's completion in the language: white space and the
    /// characters of the symbols, `.` among them (`libraries.na` completes the column after the
    /// dot), but not brackets; quotes are told apart by readline itself. A dot-command line
    /// breaks its words at white space only (its paths keep their dots).
    public static let wordBreakCharacters: String = {
        var out = " \t\n"
        for c in symbols.joined() where !"[]".contains(c) && !out.contains(c) { out.append(c) }
        return out
    }()
}
