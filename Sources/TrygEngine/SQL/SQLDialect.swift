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

    /// The value at the lower middle of the ordered values (an ordered category's median).
    func discreteMedian(_ x: String) -> String {
        switch self {
        case .postgres, .spark: return "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY \(x))"
        case .duckdb: return "QUANTILE_DISC(\(x), 0.5)"
        }
    }

    /// A date plus a number of days.
    func addDays(_ d: String, _ n: String, subtract: Bool) -> String {
        switch self {
        case .postgres: return "(\(d) \(subtract ? "-" : "+") CAST(\(n) AS INTEGER))"
        case .duckdb: return "(\(d) \(subtract ? "-" : "+") CAST(\(n) AS INTEGER))"
        case .spark: return "\(subtract ? "DATE_SUB" : "DATE_ADD")(\(d), \(n))"
        }
    }

    /// The days from `a` to `b` (dates), an int.
    func daysBetween(_ a: String, _ b: String) -> String {
        self == .spark ? "CAST(DATEDIFF(\(b), \(a)) AS BIGINT)" : "CAST((\(b) - \(a)) AS BIGINT)"
    }

    /// The number of characters of a text.
    func length(_ s: String) -> String { self == .duckdb ? "LENGTH(\(s))" : "CHAR_LENGTH(\(s))" }

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
