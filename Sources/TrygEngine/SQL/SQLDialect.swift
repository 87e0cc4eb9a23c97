/// The SQL engines a query can be compiled for: where their SQL differs, and nothing else.
///
/// The compiler writes one statement in the common subset; each difference (quoting, type
/// names, percentiles, date arithmetic, collation) is an entry here, never a string pasted in.
public enum SQLDialect: String, CaseIterable, Sendable {
    case postgres, duckdb, spark

    /// The dialect `explain sql` uses when none is named.
    public static let standard = SQLDialect.postgres

    /// The dialect a word names (case-insensitive), nil for any other word.
    public static func named(_ word: String) -> SQLDialect? { SQLDialect(rawValue: word.lowercased()) }

    /// The names of the dialects, for messages, help and completion.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// How the dialect is called in messages.
    var title: String {
        switch self {
        case .postgres: return "PostgreSQL"
        case .duckdb: return "DuckDB"
        case .spark: return "Spark SQL"
        }
    }

    /// Whether the dialect reads two names that differ only in case as one, quoted or not
    /// (DuckDB, and Spark SQL unless `spark.sql.caseSensitive` is set).
    var namesIgnoreCase: Bool { self != .postgres }

    /// The type of a double.
    var doubleType: String { self == .postgres ? "DOUBLE PRECISION" : "DOUBLE" }

    /// The type an exact decimal is cast to (PostgreSQL's unconstrained numeric keeps any scale).
    var decimalType: String { self == .postgres ? "NUMERIC" : "DECIMAL(38, 9)" }

    /// Text in Danish order (æ, ø, å after z), where the dialect has such a collation.
    func danishOrder(_ sql: String) -> String? {
        switch self {
        case .postgres: return "\(sql) COLLATE \"da-x-icu\""
        case .duckdb: return "\(sql) COLLATE da"
        case .spark: return nil
        }
    }

    /// Integer division, rounding toward zero, of two non-negative ints.
    func intDivide(_ a: String, _ b: String) -> String {
        switch self {
        case .postgres: return "(\(a) / \(b))"
        case .duckdb: return "(\(a) // \(b))"
        case .spark: return "(\(a) DIV \(b))"
        }
    }

    /// The ISO weekday, 1 (Monday) to 7.
    func isoWeekday(_ t: String) -> String {
        self == .spark ? "EXTRACT(DAYOFWEEK_ISO FROM \(t))" : "EXTRACT(ISODOW FROM \(t))"
    }

    /// The interpolated quantile `q` of numbers (a double).
    func continuousQuantile(_ x: String, _ q: String) -> String {
        switch self {
        case .postgres: return "PERCENTILE_CONT(\(q)) WITHIN GROUP (ORDER BY \(x))"
        case .duckdb: return "QUANTILE_CONT(\(x), \(q))"
        case .spark: return "PERCENTILE(\(x), \(q))"
        }
    }

    /// The value at a 1-based rank of a group's non-null values in order (null for no values).
    func element(ofSorted x: String, at rank: String) -> String {
        switch self {
        case .postgres: return "(ARRAY_AGG(\(x) ORDER BY \(x)) FILTER (WHERE \(x) IS NOT NULL))[\(rank)]"
        case .duckdb: return "LIST_SORT(LIST(\(x)) FILTER (WHERE \(x) IS NOT NULL))[\(rank)]"
        case .spark: return "CASE WHEN COUNT(\(x)) > 0 THEN ELEMENT_AT(SORT_ARRAY(COLLECT_LIST(\(x))), \(rank)) END"
        }
    }

    /// Each whole number from lo to hi, one row each (in a select list; none when either is null).
    func series(_ lo: String, _ hi: String) -> String {
        switch self {
        case .postgres: return "GENERATE_SERIES(\(lo), \(hi))"
        case .duckdb: return "UNNEST(GENERATE_SERIES(\(lo), \(hi)))"
        case .spark: return "EXPLODE(SEQUENCE(\(lo), \(hi)))"
        }
    }

    /// Equality under which two nulls are equal (a partition's key may be null).
    func nullSafeEqual(_ a: String, _ b: String) -> String {
        self == .spark ? "(\(a) <=> \(b))" : "(\(a) IS NOT DISTINCT FROM \(b))"
    }

    /// The whole hours since 1970 of a local timestamp, nil where the dialect reads it in a time zone.
    func epochHours(_ t: String) -> String? {
        switch self {
        case .postgres: return "CAST(FLOOR(EXTRACT(EPOCH FROM \(t)) / 3600) AS BIGINT)"
        case .duckdb: return "CAST(FLOOR(EPOCH(\(t)) / 3600) AS BIGINT)"
        case .spark: return nil
        }
    }

    /// The first day of a month of a year.
    func date(year: String, month: String) -> String {
        "MAKE_DATE(CAST(\(year) AS INTEGER), CAST(\(month) AS INTEGER), 1)"
    }

    /// Where `needle` first stands in `text`, from 1; 0 when it does not.
    func position(of needle: String, in text: String) -> String {
        self == .spark ? "INSTR(\(text), \(needle))" : "STRPOS(\(text), \(needle))"
    }

    /// A date plus a number of days.
    func addDays(_ d: String, _ n: String, subtract: Bool) -> String {
        switch self {
        case .postgres: return "(\(d) \(subtract ? "-" : "+") CAST(\(n) AS INTEGER))"
        case .duckdb: return "(\(d) \(subtract ? "-" : "+") CAST(\(n) AS INTEGER))"
        case .spark: return "\(subtract ? "DATE_SUB" : "DATE_ADD")(\(d), CAST(\(n) AS INT))"
        }
    }

    /// The days from `a` to `b` (dates), an int.
    func daysBetween(_ a: String, _ b: String) -> String {
        self == .spark ? "CAST(DATEDIFF(\(b), \(a)) AS BIGINT)" : "CAST((\(b) - \(a)) AS BIGINT)"
    }

    /// The number of characters of a text.
    func length(_ s: String) -> String { self == .duckdb ? "LENGTH(\(s))" : "CHAR_LENGTH(\(s))" }

    /// The least (or greatest) of a group's values. PostgreSQL has no MIN or MAX of booleans:
    /// there the least is BOOL_AND (false before true) and the greatest BOOL_OR.
    func extreme(_ x: String, _ type: DataType, least: Bool) -> String {
        if self == .postgres && type == .bool { return least ? "BOOL_AND(\(x))" : "BOOL_OR(\(x))" }
        return least ? "MIN(\(x))" : "MAX(\(x))"
    }

    /// A regular expression in PCRE syntax as the dialect writes it. PostgreSQL's `\b` is a
    /// backspace and `\y` its word boundary (`\Y` not one); DuckDB (RE2) and Spark SQL (Java)
    /// read `\b` and `\B` outside brackets as PCRE does. Inside a bracket expression PCRE's `\b`
    /// is a backspace, which RE2 and Java refuse there: every dialect gets `\x08`.
    func regularExpression(_ pattern: String) -> String {
        guard pattern.contains("\\b") || pattern.contains("\\B") else { return pattern }
        var out = ""
        var inBracket = false
        var chars = pattern[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.popFirst() {
                if inBracket, next == "b" {
                    // A backspace, as PCRE reads `[\b]`; RE2 and Java refuse `\b` in a bracket.
                    out += "\\x08"
                } else if !inBracket, self == .postgres, next == "b" || next == "B" {
                    out += next == "b" ? "\\y" : "\\Y"
                } else {
                    out.append(c)
                    out.append(next)
                }
                continue
            }
            out.append(c)
            if !inBracket {
                guard c == "[" else { continue }
                inBracket = true
                // A `]` first in the bracket (after a `^`) is one of its characters.
                if chars.first == "^" { out.append("^"); chars.removeFirst() }
                if chars.first == "]" { out.append("]"); chars.removeFirst() }
            } else if c == "[", let kind = chars.first, ":.=".contains(kind) {
                // A class `[:alpha:]`, collating element `[.a.]` or equivalence `[=a=]`, to its close.
                out.append(kind)
                chars.removeFirst()
                while let d = chars.popFirst() {
                    out.append(d)
                    if d == kind && chars.first == "]" { out.append("]"); chars.removeFirst(); break }
                }
            } else if c == "]" {
                inBracket = false
            }
        }
        return out
    }

    /// Whether `s` matches a regular expression.
    func matches(_ s: String, _ pattern: String) -> String {
        switch self {
        case .postgres: return "(\(s) ~ \(pattern))"
        case .duckdb: return "REGEXP_MATCHES(\(s), \(pattern))"
        case .spark: return "(\(s) RLIKE \(pattern))"
        }
    }

    /// Texts one after the other, a null counting as empty.
    func concat(_ parts: [String]) -> String {
        self == .spark ? "CONCAT_WS('', \(parts.joined(separator: ", ")))" : "CONCAT(\(parts.joined(separator: ", ")))"
    }

    /// A value as text (for concatenation and labels).
    func text(_ x: String) -> String { "CAST(\(x) AS \(self == .postgres ? "TEXT" : self == .duckdb ? "VARCHAR" : "STRING"))" }
}
