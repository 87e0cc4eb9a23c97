/// Short help on the language's stages and functions, for `.help` and `.help TOPIC`.
enum LanguageHelp {
    struct Entry {
        let name: String
        let usage: String
        let example: String
    }

    /// The stages as LANGUAGE.md lists them.
    static let stages: [Entry] = [
        Entry(name: "where", usage: "where EXPR — keep rows where EXPR is true; after group by it filters groups",
              example: "incidents where severity >= 4 and police_called"),
        Entry(name: "group", usage: "group by KEY [as NAME], … [compute AGG [as NAME], …] — one row per key; the measure is count unless given",
              example: "incidents group by library, season compute count, avg(severity) as mean"),
        Entry(name: "compute", usage: "compute AGG [as NAME], … — aggregate the whole input into one row",
              example: "incidents compute count, max(reported_at)"),
        Entry(name: "count", usage: "count — short for compute count", example: "incidents where hour >= 20 count"),
        Entry(name: "select", usage: "select ITEM, … — keep or compute columns: *, EXPR [as NAME], * except COL, …",
              example: "incidents select library, reported_at, category"),
        Entry(name: "derive", usage: "derive NAME = EXPR, … — add computed columns, keep the rest",
              example: "incidents derive late = hour >= 20"),
        Entry(name: "order", usage: "order by EXPR [asc|desc], … — sort; periods in period order, text by Danish collation",
              example: "incidents group by library order by count desc"),
        Entry(name: "limit", usage: "limit N — the first N rows", example: "incidents limit 10"),
        Entry(name: "top", usage: "top N by EXPR [asc|desc] — the N rows with the highest EXPR",
              example: "incidents group by library top 5 by count"),
        Entry(name: "join", usage: "[left] join SOURCE [as ALIAS] on COL [= COL], … — equi-join; a name both sides have "
                  + "is SOURCE.COL (as: join a table with itself)",
              example: "incidents join libraries on library = name"),
        Entry(name: "pivot", usage: "pivot COL [compute M, …] — a column per value of COL (and measure, with several)",
              example: "incidents group by library, halfyear pivot halfyear"),
        Entry(name: "compare", usage: "compare COL A to B — the measure at A and at B (COL of any type), change and change_pct",
              example: "incidents group by library, halfyear compare halfyear \"2022/23\" to \"2024/25\""),
        Entry(name: "trend", usage: "trend — change and change_pct against the previous period in the calendar; "
                  + "missing periods appear (counts 0)",
              example: "incidents group by halfyear trend"),
        Entry(name: "chart", usage: "chart bar|line [COL] [title \"…\"] [to \"FILE\"] — draw the result as a chart "
                  + "(to: also as a .png, .svg or .pdf image)",
              example: "incidents where library = \"Vesterbro\" group by halfyear chart line title \"Vesterbro\""),
    ]

    /// Scalar functions, then aggregates.
    static let functions: [Entry] = [
        Entry(name: "year", usage: "year(t) — the calendar year of a date or timestamp", example: "incidents group by year(reported_at)"),
        Entry(name: "month", usage: "month(t) — 1…12", example: "incidents where month(reported_at) = 12 count"),
        Entry(name: "week", usage: "week(t) — the ISO week (uge)", example: "incidents where week = 43 count"),
        Entry(name: "weekday", usage: "weekday(t) — mandag … søndag, in that order", example: "incidents group by weekday"),
        Entry(name: "hour", usage: "hour(t) — 0…23", example: "incidents where hour >= 20 count"),
        Entry(name: "date", usage: "date(t) — the day of a timestamp", example: "incidents group by date(reported_at)"),
        Entry(name: "halfyear", usage: "halfyear(t) — vinter 2024/25, sommer 2025 …", example: "incidents group by halfyear"),
        Entry(name: "season", usage: "season(t) — vinter or sommer", example: "incidents group by season"),
        Entry(name: "lower", usage: "lower(text)", example: "incidents select lower(category)"),
        Entry(name: "upper", usage: "upper(text)", example: "incidents select upper(library)"),
        Entry(name: "length", usage: "length(text) — in characters", example: "incidents select length(description)"),
        Entry(name: "trim", usage: "trim(text) — without surrounding spaces", example: "incidents select trim(description)"),
        Entry(name: "round", usage: "round(x [, digits])", example: "incidents compute round(avg(severity), 1)"),
        Entry(name: "abs", usage: "abs(x)", example: "incidents select abs(severity - 3)"),
        Entry(name: "coalesce", usage: "coalesce(a, b, …) — the first non-null", example: "libraries select coalesce(effort_start, 2099-01-01)"),
        Entry(name: "if", usage: "if(cond, a, b)", example: "incidents derive late = if(hour >= 20, \"late\", \"day\")"),
        Entry(name: "count", usage: "count, count(EXPR), count(distinct EXPR) — rows, non-null values, distinct values",
              example: "incidents compute count(distinct library)"),
        Entry(name: "sum", usage: "sum(x)", example: "incidents compute sum(severity)"),
        Entry(name: "avg", usage: "avg(x)", example: "incidents group by library compute avg(severity)"),
        Entry(name: "min", usage: "min(x)", example: "incidents compute min(reported_at)"),
        Entry(name: "max", usage: "max(x)", example: "incidents compute max(reported_at)"),
        Entry(name: "median", usage: "median(x)", example: "incidents group by library compute median(severity)"),
        Entry(name: "pct", usage: "pct(PREDICATE) — percent of rows where it holds",
              example: "survey group by year compute pct(safety in (\"tryg\", \"meget tryg\"))"),
        Entry(name: "share", usage: "share — this group's count as a percent of all rows", example: "incidents group by library compute share"),
    ]

    /// The names of every function, for completion.
    static var functionNames: [String] { functions.map(\.name) }
}
