/// Danish words for the names of the sample data's tables and columns (which are English), for
/// sentences people read, such as the default title of a chart image.
///
/// A name not listed is used as it is written.
public enum DanishLabels {
    /// What a table's rows are, in the plural: `incidents` → `hændelser`.
    public static let tables: [String: String] = [
        "incidents": "hændelser", "survey": "besvarelser", "libraries": "biblioteker", "timeline": "begivenheder",
    ]

    /// A column's name: `halfyear` → `halvår`.
    public static let columns: [String: String] = [
        "halfyear": "halvår", "season": "sæson", "year": "år", "month": "måned", "week": "uge",
        "weekday": "ugedag", "hour": "time", "date": "dato", "library": "bibliotek", "district": "bydel",
        "category": "kategori", "severity": "alvorlighed", "police_called": "politi tilkaldt",
        "during_self_service": "selvbetjent åbningstid", "reported_by": "indmeldt af", "safety": "tryghed",
        "competence": "kompetence", "count": "antal", "respondent": "besvarelse",
    ]

    /// An aggregate of a column, before the column's word: `avg(severity)` → `gennemsnitlig alvorlighed`.
    public static let aggregates: [String: String] = [
        "avg": "gennemsnitlig", "median": "median", "sum": "samlet", "max": "højeste", "min": "laveste",
    ]

    /// The word for a table, else the name itself.
    public static func table(_ name: String) -> String { tables[name.lowercased()] ?? name }

    /// The word for a column, else the name itself.
    public static func column(_ name: String) -> String { columns[name.lowercased()] ?? name }
}
