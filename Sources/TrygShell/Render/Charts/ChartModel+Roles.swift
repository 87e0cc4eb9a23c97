import TrygDomain
import TrygEngine

/// What a column is to a chart.
enum ChartColumnRole: Equatable {
    /// Half-years, dates, timestamps, or an int column named `year`: an axis of time.
    case time
    /// An ordered category (weekday, the survey scale), or a group key of numbers (`hour`,
    /// `month`, `severity`): an axis in its own order, labelled with its values.
    case ordinal
    /// Text or truth values: what a bar or a line is called.
    case label
    /// Numbers: what is measured.
    case measure
}

extension ChartModel {
    /// The most bars a chart draws; the rest are counted in `omitted`.
    static let maxCategories = 60

    /// Decides the roles of the result's columns and reads the values to draw.
    ///
    /// Bar charts: one bar per row, labelled by the columns that are not numbers; the measures
    /// are the chart's column or every number column (without `change` and `change_pct` of
    /// `compare` and `trend` when other numbers are there). Line charts: the x axis is the first
    /// time column (else an ordered category); one line per combination of the other key columns,
    /// of the chart's column or the first measure. A pivoted result whose columns are half-years
    /// or years is read the other way round: the columns are the x axis and each row a line.
    static func build(_ table: Table, hint: ChartHint, context: ChartContext) throws(ChartProblem) -> ChartModel {
        guard table.rowCount > 0 else { throw ChartProblem(message: "no rows to chart") }
        let roles = table.columnNames.indices.map { role(of: table, column: $0, keys: hint.keys) }
        let measures = try measureColumns(table, roles: roles, hint: hint)
        var model: ChartModel
        switch hint.kind {
        case .bar: model = bars(table, roles: roles, measures: measures, context: context)
        case .line: model = lines(table, roles: roles, measures: measures, hint: hint, context: context)
        }
        model.marks = TimelineMarks.place(context.timeline, on: model,
                                          libraries: shownLibraries(table, roles: roles, context: context))
        return model
    }

    /// A column's role; `keys` are the result's group keys, which are never measures.
    static func role(of table: Table, column: Int, keys: [String] = []) -> ChartColumnRole {
        let isKey = keys.contains(table.columnNames[column])
        switch table.columns[column].type {
        case .halfYear, .date, .timestamp: return .time
        case .category: return .ordinal
        case .int where isYearName(table.columnNames[column]): return .time
        case .int, .decimal, .float: return isKey ? .ordinal : .measure
        default: return .label
        }
    }

    static func isYearName(_ name: String) -> Bool { ["year", "år"].contains(name.lowercased()) }

    /// The measure columns to draw, in table order.
    static func measureColumns(_ table: Table, roles: [ChartColumnRole], hint: ChartHint) throws(ChartProblem) -> [Int] {
        if let name = hint.column {
            guard let c = table.columnIndex(name) else { throw ChartProblem(message: "no column '\(name)' to chart") }
            guard table.columns[c].type.isNumeric else {
                throw ChartProblem(message: "'\(name)' is \(table.columns[c].type), not a number to chart")
            }
            return [c]
        }
        let numbers = roles.indices.filter { roles[$0] == .measure }
        guard !numbers.isEmpty else { throw ChartProblem(message: "the result has no numbers to chart") }
        let derived: Set<String> = ["change", "change_pct"]
        let primary = numbers.filter { !derived.contains(table.columnNames[$0]) }
        return primary.isEmpty ? numbers : primary
    }

    /// The columns of a pivot or `compare` whose names are half-years or years, in table order.
    static func periodColumns(_ table: Table, _ measures: [Int]) -> [Int] {
        let periods = measures.filter { ChartDates.span(columnName: table.columnNames[$0]) != nil }
        return periods.count >= 2 ? periods : []
    }

    private static func bars(_ table: Table, roles: [ChartColumnRole], measures: [Int],
                             context: ChartContext) -> ChartModel {
        let keys = roles.indices.filter { roles[$0] != .measure }
        let rows = min(table.rowCount, maxCategories)
        let labels = (0..<rows).map { r in
            keys.isEmpty ? String(r + 1) : keys.map { CellText.display(table.value(row: r, column: $0)) }.joined(separator: " · ")
        }
        let timeKeys = keys.filter { roles[$0] == .time }
        var periods: [PeriodSpan]?
        if timeKeys.count == 1, let t = timeKeys.first {
            let isYear = table.columns[t].type == .int   // a time key of ints is a year
            let spans = (0..<rows).compactMap { ChartDates.span(table.value(row: $0, column: t), isYear: isYear) }
            if spans.count == rows { periods = spans }
        }
        let periodMeasures = periodColumns(table, measures)
        var model = ChartModel(
            kind: .bar, title: context.title, titleIsExplicit: context.titleIsExplicit,
            categoryName: keys.map { table.columnNames[$0] }.joined(separator: " · "),
            categories: labels, periods: periods,
            series: measures.map { series(table, column: $0, rows: rows) },
            valueName: measures.count == 1 ? table.columnNames[measures[0]] : "",
            sharedScale: measures.count == 1 || periodMeasures.count == measures.count,
            source: context.source)
        model.omitted = table.rowCount - rows
        model.categoryLibraries = libraryColumn(table, roles: roles).map { c in
            (0..<rows).map { context.libraries.shortName(for: table.value(row: $0, column: c).display) }
        }
        return model
    }

    private static func lines(_ table: Table, roles: [ChartColumnRole], measures: [Int], hint: ChartHint,
                              context: ChartContext) -> ChartModel {
        let periodMeasures = hint.column == nil ? periodColumns(table, measures) : []
        let axis = roles.firstIndex(of: .time) ?? roles.firstIndex(of: .ordinal)
        if let axis {
            return linesOverColumn(table, roles: roles, axis: axis, measure: measures[0], context: context)
        }
        if !periodMeasures.isEmpty {
            return linesOverPivot(table, roles: roles, columns: periodMeasures, context: context)
        }
        // No period anywhere: the rows in their order make the x axis.
        let rows = bars(table, roles: roles, measures: [measures[0]], context: context)
        return ChartModel(kind: .line, title: rows.title, titleIsExplicit: rows.titleIsExplicit,
                          categoryName: rows.categoryName, categories: rows.categories, periods: nil,
                          series: rows.series, valueName: rows.valueName, sharedScale: true, source: rows.source)
    }

    /// One line per group of the key columns other than the axis, over the axis's values in order.
    private static func linesOverColumn(_ table: Table, roles: [ChartColumnRole], axis: Int, measure: Int,
                                        context: ChartContext) -> ChartModel {
        let groups = roles.indices.filter { $0 != axis && roles[$0] != .measure }
        var xValues: [Value] = []
        var xIndex: [Value: Int] = [:]
        var groupNames: [String] = []
        var groupIndex: [String: Int] = [:]
        var cells: [[Int: Double]] = []
        var unplaced = 0
        for r in 0..<table.rowCount {
            let x = table.value(row: r, column: axis)
            // A row with no period has no place on the axis (never an extra period after the last).
            if x.isNull {
                unplaced += 1
                continue
            }
            if xIndex[x] == nil { xIndex[x] = xValues.count; xValues.append(x) }
            let name = groups.map { CellText.display(table.value(row: r, column: $0)) }.joined(separator: " · ")
            if groupIndex[name] == nil { groupIndex[name] = groupNames.count; groupNames.append(name); cells.append([:]) }
            guard let g = groupIndex[name], let xi = xIndex[x], cells[g][xi] == nil else { continue }
            cells[g][xi] = number(table.value(row: r, column: measure))
        }
        // Points go in the axis's own order, whatever order the rows came in.
        let order = xValues.indices.sorted { ChartValueOrder.less(xValues[$0], xValues[$1]) }
        let isYear = roles[axis] == .time && table.columns[axis].type == .int
        let spans = order.compactMap { ChartDates.span(xValues[$0], isYear: isYear) }
        let whole = table.columns[measure].type == .int
        let measureName = table.columnNames[measure]
        let series = groupNames.indices.map { g in
            ChartSeries(name: groupNames[g].isEmpty ? measureName : groupNames[g],
                        values: order.map { cells[g][$0] }, isWhole: whole)
        }
        var model = ChartModel(kind: .line, title: context.title, titleIsExplicit: context.titleIsExplicit,
                               categoryName: table.columnNames[axis], categories: order.map { CellText.display(xValues[$0]) },
                               periods: spans.count == order.count ? spans : nil, series: series,
                               valueName: measureName, sharedScale: true, source: context.source)
        model.unplaced = unplaced
        return model
    }

    /// A pivot's period columns as the x axis, one line per row.
    private static func linesOverPivot(_ table: Table, roles: [ChartColumnRole], columns: [Int],
                                       context: ChartContext) -> ChartModel {
        let keys = roles.indices.filter { roles[$0] != .measure }
        let rows = min(table.rowCount, maxCategories)
        let series = (0..<rows).map { r in
            ChartSeries(name: keys.isEmpty ? String(r + 1)
                            : keys.map { CellText.display(table.value(row: r, column: $0)) }.joined(separator: " · "),
                        values: columns.map { number(table.value(row: r, column: $0)) },
                        isWhole: columns.allSatisfy { table.columns[$0].type == .int })
        }
        var model = ChartModel(kind: .line, title: context.title, titleIsExplicit: context.titleIsExplicit,
                               categoryName: "", categories: columns.map { table.columnNames[$0] },
                               periods: columns.compactMap { ChartDates.span(columnName: table.columnNames[$0]) },
                               series: series, valueName: "", sharedScale: true, source: context.source)
        model.omitted = table.rowCount - rows
        return model
    }

    private static func series(_ table: Table, column: Int, rows: Int) -> ChartSeries {
        ChartSeries(name: table.columnNames[column], values: (0..<rows).map { number(table.value(row: $0, column: column)) },
                    isWhole: table.columns[column].type == .int)
    }

    /// A value to draw; beyond ±1e300 (and not finite) is left out, so no scale can overflow.
    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .decimal(let d): return d.double
        case .float(let d): return d.isFinite && abs(d) <= 1e300 ? d : nil
        default: return nil
        }
    }

    private static func libraryColumn(_ table: Table, roles: [ChartColumnRole]) -> Int? {
        table.columnIndex("library").flatMap { roles[$0] == .label ? $0 : nil }
    }

    /// The libraries the chart is about: its `library` column's values, else the ones the query names.
    static func shownLibraries(_ table: Table, roles: [ChartColumnRole], context: ChartContext) -> [String] {
        guard let c = libraryColumn(table, roles: roles) else { return context.namedLibraries }
        var names: [String] = []
        for r in 0..<table.rowCount {
            if let n = context.libraries.shortName(for: table.value(row: r, column: c).display), !names.contains(n) {
                names.append(n)
            }
        }
        return names
    }
}

/// The order of values along an axis: periods in time, categories on their scale, numbers by size.
enum ChartValueOrder {
    static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.halfYear(let x), .halfYear(let y)): return x < y
        case (.date(let x), .date(let y)), (.timestamp(let x), .timestamp(let y)), (.int(let x), .int(let y)): return x < y
        case (.decimal(let x), .decimal(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.category(let x, _), .category(let y, _)): return x < y
        case (.null, _): return false
        case (_, .null): return true
        default: return false
        }
    }
}
