import TrygDomain
import TrygEngine

/// What a chart needs besides the result's rows: its title, its source line, and the timeline.
struct ChartContext: Sendable {
    var title: String
    var titleIsExplicit: Bool
    /// "Kilde: …" for images; nil draws none.
    var source: String?
    /// The rows of the catalog's `timeline` table, if one is loaded.
    var timeline: [TimelineEntry] = []
    /// Libraries the query names in quotes (short names), for marks when the result has no `library` column.
    var namedLibraries: [String] = []
    /// Turns any spelling of a library into its short name, as the timeline holds it.
    var libraries: LibraryDirectory = .copenhagen

    init(title: String, titleIsExplicit: Bool = false, source: String? = nil) {
        self.title = title
        self.titleIsExplicit = titleIsExplicit
        self.source = source
    }

    /// The context of a query's chart: title from the hint or a sentence made from the query
    /// (`ChartTitle`), timeline from the catalog.
    static func of(_ source: SourceText, hint: ChartHint, session: Session, dataSource: String?) -> ChartContext {
        let tokens = Lexer.scan(source).tokens
        var context = ChartContext(title: hint.title ?? ChartTitle.sentence(source, tokens: tokens, hint: hint),
                                   titleIsExplicit: hint.title != nil,
                                   source: dataSource.map { "Kilde: \($0)" })
        context.libraries = session.domain.libraries
        context.timeline = session.catalog.table("timeline").map(timelineEntries) ?? []
        var named: [String] = []
        for case .string(let s) in tokens.map(\.kind) {
            if let name = session.domain.libraries.shortName(for: s), !named.contains(name) { named.append(name) }
        }
        context.namedLibraries = named
        return context
    }

    /// The entries of a `timeline` table (library, kind, starts, ends, note); rows without a start are skipped.
    static func timelineEntries(_ table: Table) -> [TimelineEntry] {
        guard let library = table.columnIndex("library"), let kind = table.columnIndex("kind"),
              let starts = table.columnIndex("starts") else { return [] }
        let ends = table.columnIndex("ends"), note = table.columnIndex("note")
        var entries: [TimelineEntry] = []
        for row in 0..<table.rowCount {
            guard let start = ChartDates.day(table.value(row: row, column: starts)) else { continue }
            let end = ends.flatMap { ChartDates.day(table.value(row: row, column: $0)) }
            entries.append(TimelineEntry(
                library: table.value(row: row, column: library).display,
                kind: table.value(row: row, column: kind).display,
                starts: CivilDate(dayNumber: start), ends: end.map { CivilDate(dayNumber: $0) },
                note: note.map { table.value(row: row, column: $0).display } ?? ""))
        }
        return entries
    }
}

/// Days as charts use them: day numbers, ISO text, and the days a period value covers.
enum ChartDates {
    static func iso(_ day: Int) -> String { CivilDate(dayNumber: day).iso }

    /// The day of a date or timestamp value.
    static func day(_ value: Value) -> Int? {
        switch value {
        case .date(let d): return Int(d)
        case .timestamp(let t): return Int(LocalTime.dayNumber(ofTimestamp: t))
        case .text(let s): return CivilDate(iso: s)?.dayNumber
        default: return nil
        }
    }

    /// The days a value covers on a time axis: a half-year, a date, a timestamp's day, or a year.
    static func span(_ value: Value, isYear: Bool) -> PeriodSpan? {
        switch value {
        case .halfYear(let h): return PeriodSpan(first: h.firstDay.dayNumber, last: h.lastDay.dayNumber)
        case .int(let y) where isYear: return yearSpan(y)
        default: return day(value).map { PeriodSpan(first: $0, last: $0) }
        }
    }

    /// 1 January to 31 December of a year, for years a calendar can hold.
    static func yearSpan(_ year: Int64) -> PeriodSpan? {
        guard (1000...9999).contains(year) else { return nil }
        let y = Int(year)
        return PeriodSpan(first: CivilDate.dayNumber(year: y, month: 1, day: 1),
                          last: CivilDate.dayNumber(year: y, month: 12, day: 31))
    }

    /// The span of a pivot column's name: a half-year as the language labels it, or a year.
    static func span(columnName name: String) -> PeriodSpan? {
        if let h = HalfYear(parsing: name), h.label == name {
            return PeriodSpan(first: h.firstDay.dayNumber, last: h.lastDay.dayNumber)
        }
        if name.count == 4, let y = Int64(name) { return yearSpan(y) }
        return nil
    }

    /// A half-year's short label, `V22/23` or `S23`, for narrow axes; other labels unchanged.
    static func shortLabel(_ label: String) -> String {
        guard let h = HalfYear(parsing: label), h.label == label else { return label }
        let two = { (y: Int) in format2(y % 100) }
        return h.season == .vinter ? "V\(two(h.startYear))/\(two(h.startYear + 1))" : "S\(two(h.startYear))"
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension CivilDate {
    /// Reads `YYYY-MM-DD`; nil for anything else.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
