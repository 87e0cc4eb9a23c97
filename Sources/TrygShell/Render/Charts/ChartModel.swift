import TrygEngine

/// A result ready to draw: the roles of its columns decided, its values read, its marks placed.
///
/// The terminal renderers and the image renderer draw the same model, so a chart on the screen
/// and its exported image always agree. Building one is `ChartModel.build` (ChartModel+Roles).
struct ChartModel: Sendable {
    enum Kind: Sendable { case bar, line }

    let kind: Kind
    /// What the chart is about: the `title "…"` option, else a sentence made from the query
    /// ("Hændelser pr. halvår, Vesterbro").
    var title: String
    /// True when the title came from `title "…"` (the terminal shows only such titles).
    var titleIsExplicit: Bool
    /// The name of what the categories are (`library`, `halfyear`), for an axis label.
    var categoryName: String
    /// Bar charts: one label per bar (or group of bars). Line charts: the points of the x axis.
    var categories: [String]
    /// For each category its days, when the categories are periods or dates; marks are placed by them.
    var periods: [PeriodSpan]?
    /// Bar charts: one series per measure. Line charts: one per group (or the measure alone).
    var series: [ChartSeries]
    /// The name of what the values measure, for the value axis; empty when it is not known.
    var valueName: String
    /// Bar charts: all series share one scale (the same quantity, e.g. periods of a pivot).
    var sharedScale: Bool
    /// Bar charts with a `library` column: each bar's library, so a mark lands on its own library's bars.
    var categoryLibraries: [String?]?
    /// Events of the timeline on this chart's axis, numbered in order.
    var marks: [TimelineMark] = []
    /// "Kilde: …" under an image; nil draws no source line.
    var source: String?
    /// Categories left out because there were too many to draw.
    var omitted: Int = 0
    /// Rows of a line chart with no value on its axis (a null period): they have no place on it.
    var unplaced: Int = 0

    /// Every value of every series (nulls left out).
    var allValues: [Double] { series.flatMap { $0.values.compactMap { $0 } } }
}

/// One measure (bar charts) or one group's line (line charts), a value per category.
struct ChartSeries: Sendable, Equatable {
    let name: String
    var values: [Double?]
    /// Whether the measure holds whole numbers, so values print without decimals.
    var isWhole: Bool
}

/// The days a category covers, for placing timeline marks: a half-year, a year, or one day.
struct PeriodSpan: Sendable, Equatable {
    /// Day numbers (days since 1970-01-01), both inclusive.
    let first: Int
    let last: Int
}

/// One entry of a chart's legend of timeline events, with the days it marks.
struct TimelineMark: Sendable, Equatable {
    /// The legend's number (1, 2, …); nil when the chart has a single mark.
    var number: Int?
    /// What happened where: `indsats, relationsmedarbejder Vesterbro`.
    let label: String
    /// The periods of the event: a start day and, for a period that ended, its last day.
    let spans: [Span]
    /// The libraries (short names) the event happened at.
    let libraries: [String]
    /// The effort itself started: drawn as a rule across the plot, not just a mark on the axis.
    let isEffortStart: Bool
    /// The effort itself started: drawn as a rule across the plot, not just a mark on the axis.

    struct Span: Sendable, Equatable {
        let start: Int
        let end: Int?
    }

    /// The symbol on the axis: `▲1`, or `▲` alone when the chart has one mark.
    func symbol(_ glyphs: ChartGlyphs) -> String { glyphs.mark + (number.map(String.init) ?? "") }

    /// The legend line without its symbol: `indsats Vesterbro (2022-10-01)`; several periods
    /// of one event as their whole stretch and count: `(2024-11-04 – 2025-03-16, 3 perioder)`.
    var legend: String {
        guard let first = spans.first, let last = spans.last else { return label }
        let start = ChartDates.iso(first.start)
        if spans.count > 1 {
            return "\(label) (\(start) – \(ChartDates.iso(last.end ?? last.start)), \(spans.count) perioder)"
        }
        return "\(label) (\(first.end.map { "\(start) – \(ChartDates.iso($0))" } ?? start))"
    }
}

/// Why a result cannot be drawn; shown as a note instead of the chart.
struct ChartProblem: Error, Equatable {
    let message: String
}
