import TrygDomain
import TrygEngine

/// A cell resolved against the workbook: shared strings looked up and number formats
/// applied, so that a date serial is a date.
enum XLSXValue {
    case int(Int64)
    /// A number with a fraction, or one whose format shows `shown` decimals (`0.00`).
    case decimal(Double, shown: Int)
    case bool(Bool)
    case date(Int64)
    case timestamp(Int64)
    case text(String)
    /// An error cell (`#DIV/0!`); it fits no type.
    case error(String)
    /// A number its cell format cannot show (a date serial outside Excel's dates), with why;
    /// it fits no type, and a rejected row keeps the number.
    case unreadable(Double, reason: String)

    /// The value as text: for a text column, for names in a header and for rejected rows.
    var display: String {
        switch self {
        case .int(let v): return String(v)
        case .decimal(let v, let shown): return XLSXValue.text(of: v, decimals: shown)
        case .bool(let v): return v ? "true" : "false"
        case .date(let d): return Value.date(d).display
        case .timestamp(let t): return Value.timestamp(t).display
        case .text(let s), .error(let s): return s
        case .unreadable(let x, _): return XLSXValue.text(of: x, decimals: 0)
        }
    }

    /// A number as its cell format shows it, without rounding: at least `decimals` decimals
    /// (`7` under `0.00` is `7.00`), more when the value holds more (`2.125` stays `2.125`).
    /// Numbers a double writes with an exponent keep it.
    static func text(of value: Double, decimals: Int) -> String {
        let v = value == 0 ? 0 : value
        let shortest = String(v)
        guard v.isFinite, !shortest.contains("e"), let dot = shortest.firstIndex(of: ".") else { return Value.format(v) }
        var fraction = String(shortest[shortest.index(after: dot)...])
        if fraction == "0" { fraction = "" }
        if fraction.count < decimals { fraction += String(repeating: "0", count: decimals - fraction.count) }
        return fraction.isEmpty ? String(shortest[..<dot]) : shortest[..<dot] + "." + fraction
    }
}

/// Turns the rows of a sheet into a table: finds the header row, gives each column the
/// type nearly all its values have (the same rule as for CSV, `CSVValueCounts`), and
/// rejects the rows whose values do not fit, with the cell and the reason.
struct XLSXTableBuilder {
    let workbook: XLSXWorkbook
    let options: ImportOptions
    let tableName: String
    let sheetName: String
    /// Made once: every cell that does not fit its column is checked against them.
    let markers: CSVNullMarkers

    init(workbook: XLSXWorkbook, options: ImportOptions, tableName: String, sheetName: String) {
        self.workbook = workbook
        self.options = options
        self.tableName = tableName
        self.sheetName = sheetName
        self.markers = CSVNullMarkers(extra: options.nullMarkers)
    }

    /// Rows looked at to find the header.
    static let headerSearchRows = 20

    func build(_ allRows: [XLSXRow], findings: [LoadReport.Finding]) throws(Diagnostic) -> TableLoad {
        var findings = findings
        // Rows without cells are skipped; a row of blank cells between rows with values, or
        // inside the autofilter's range, is a row of nulls (a table's row of nulls written to
        // a workbook is such a row).
        let first = allRows.firstIndex { !$0.cells.isEmpty }
        let last = allRows.lastIndex { !$0.cells.isEmpty || ($0.hasBlankCells && $0.inAutoFilter) }
        let rows = first.flatMap { f in last.map { l in allRows[f...l].filter { !$0.cells.isEmpty || $0.hasBlankCells } } } ?? []
        guard !rows.isEmpty else {
            throw Diagnostic(.error, "sheet '\(sheetName)' is empty: expected a header row with column names",
                             file: FilePosition(path: workbook.path))
        }
        var rejects = CSVRejects()
        var warnings: [Diagnostic] = []
        let path = workbook.path
        let unsaved = rows.flatMap { row in row.unsavedFormulas.map { (row.number, $0) } }
        if let (row, column) = unsaved.first {
            let n = unsaved.count
            warnings.append(Diagnostic(.warning, "\(LoadReport.grouped(n)) formula \(n == 1 ? "cell has" : "cells have") no saved result "
                                       + "(the first: \(XLSXTableBuilder.columnLetters(column))\(row)), read as blank; the workbook was "
                                       + "written by a program that does not calculate: open and save it in Excel or LibreOffice first",
                                       file: FilePosition(path: path)))
        }
        let resolved = try rows.map { row throws(Diagnostic) in try resolve(row) }

        var dataStart = 0
        var names: [String] = []
        var notes: [String] = []
        let width = min(LoadLimits.columns, (rows.map { ($0.cells.map(\.column).max() ?? -1) + 1 }.max() ?? 0))
        if options.header == false {
            names = (0..<width).map { "column_\($0 + 1)" }
            findings.append(LoadReport.Finding(part: "header", value: "no", given: options.header != nil))
        } else {
            // Given, the header is the first row with cells; found, it may be below a title.
            let h = options.header == true ? 0 : headerIndex(rows)
            for k in 0..<h where !rows[k].cells.isEmpty {
                rejects.add(line: rows[k].number, raw: raw(resolved[k]), reason: "above the header row (a title?)")
            }
            let above = h == 0 ? nil : "row\(h == 1 ? "" : "s") above it \(h == 1 ? "holds" : "hold") a title"
            findings.append(LoadReport.Finding(part: "header", value: "row \(rows[h].number)", given: options.header != nil,
                                               evidence: above))
            if let twice = XLSXTableBuilder.repeatedCell(resolved[h], row: rows[h].number) {
                throw XLSXArchive.damaged(path, "sheet '\(sheetName)' gives \(twice) in its header row")
            }
            names = headerNames(resolved[h], row: rows[h].number, width: width, warnings: &warnings, notes: &notes)
            dataStart = h + 1
        }
        let data = Array(resolved[dataStart...])
        let dataRows = Array(rows[dataStart...])
        let declared = try checkTypeOverrides(names)
        let types = columnTypes(data, names: names, declared: declared, notes: &notes)

        // Numbers arrive as doubles; a column of short decimals becomes exact `decimal` at the end.
        var builders = types.map { ColumnBuilder(type: $0.type == .decimal ? .float : $0.type, capacity: data.count) }
        var misfits = Array(repeating: 0, count: width)
        // Missing-value markers read as null in columns that are not text, for the report.
        var markerNulls = Array(repeating: 0, count: width)
        var timestampForms = Array(repeating: CSVTimestampForms(), count: width)
        var loaded = 0
        for (r, values) in data.enumerated() {
            if r & 4095 == 0, options.cancellation?.isRaised == true {
                throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: path))
            }
            // A cell given twice would keep one of its values silently: the row is rejected.
            if let twice = XLSXTableBuilder.repeatedCell(values, row: dataRows[r].number) {
                rejects.add(line: dataRows[r].number, raw: raw(values), reason: "the sheet gives \(twice)")
                continue
            }
            var row: [Value] = Array(repeating: .null, count: width)
            var reasons: [String] = []
            for (column, value) in values where column < width {
                if let v = convert(value, to: types[column]) {
                    row[column] = v
                    if v.isNull, case .text(let s) = value, !s.isEmpty { markerNulls[column] += 1 }
                    if case .timestamp = v, case .text(let s) = value { timestampForms[column].note(s) }
                } else {
                    misfits[column] += 1
                    if reasons.count < 3 {
                        reasons.append(reason(value, column: column, row: dataRows[r].number, names[column], types[column]))
                    }
                }
            }
            if !reasons.isEmpty {
                rejects.add(line: dataRows[r].number, raw: raw(values), reason: reasons.joined(separator: "; "))
                continue
            }
            for c in 0..<width { builders[c].append(row[c]) }
            loaded += 1
        }
        // The decimals the cells' formats show: a column of amounts formatted `0.00` keeps two.
        var shown = Array(repeating: 0, count: width)
        for row in data {
            for case let (c, .decimal(_, d)) in row where c < width { shown[c] = max(shown[c], d) }
        }
        let columns = builders.enumerated().map { c, b in
            categorized(XLSXTableBuilder.exact(b.finish(), scale: shown[c]), names[c], types[c])
        }
        for (c, name) in names.enumerated() where markerNulls[c] > 0 && columns[c].type != .text {
            let n = markerNulls[c]
            notes.append("\(name): \(LoadReport.grouped(n)) missing-value \(n == 1 ? "marker" : "markers") "
                         + "(\(markers.shown)) read as null")
        }
        for (c, name) in names.enumerated() where columns[c].type == .timestamp {
            notes += timestampForms[c].notes(name)
        }
        let blankData = data.count { $0.isEmpty }
        if blankData > 0 {
            notes.append("\(LoadReport.grouped(blankData)) \(blankData == 1 ? "row" : "rows") of blank cells between the data's "
                         + "rows read as \(blankData == 1 ? "a row" : "rows") of nulls")
        }
        let table = Table(name: tableName, columnNames: names, columns: columns, rowCount: loaded, origin: path)
        let report = LoadReport(format: "XLSX", findings: findings, misfits: misfits, warnings: warnings, notes: notes)
        return TableLoad(table: table, rejects: rejects.table(for: tableName, path: path), rowsLoaded: loaded,
                         rowsRejected: rejects.count, report: report)
    }

    // MARK: Cells

    /// Each cell of a row as a value, by column.
    private func resolve(_ row: XLSXRow) throws(Diagnostic) -> [(Int, XLSXValue)] {
        var out: [(Int, XLSXValue)] = []
        out.reserveCapacity(row.cells.count)
        for (column, cell) in row.cells {
            switch cell {
            case .shared(let i):
                guard i < workbook.sharedStrings.count else {
                    throw XLSXArchive.damaged(workbook.path, "row \(row.number) uses shared string \(i), which it lacks")
                }
                out.append((column, .text(workbook.sharedStrings[i])))
            case .text(let s): out.append((column, .text(s)))
            case .bool(let b): out.append((column, .bool(b)))
            case .error(let e): out.append((column, .error(e)))
            case .number(let x, let format): out.append((column, number(x, format)))
            }
        }
        return out
    }

    /// A number as its format shows it: a date, a date and time, a time of day, or a number.
    private func number(_ x: Double, _ format: Int) -> XLSXValue {
        switch workbook.format(format) {
        case .number(let decimals):
            if decimals == 0, x == x.rounded(), abs(x) <= 9_007_199_254_740_992 { return .int(Int64(x)) }
            return .decimal(x, shown: decimals)
        case .date, .dateTime:
            guard let (day, seconds) = XLSXDates.dayAndSeconds(x, date1904: workbook.date1904) else {
                // Serial 60 is 29 February 1900, a day Excel counts (as Lotus 1-2-3 did) that never was.
                let why = x >= 60 && x < 61 && !workbook.date1904 ? "is 29 February 1900, a day Excel counts that never was"
                    : "is not a date Excel can show"
                return .unreadable(x, reason: why)
            }
            if workbook.format(format) == .date, seconds == 0 { return .date(day) }
            return .timestamp(day &* LocalTime.secondsPerDay &+ seconds)
        case .time(let s, let elapsed):
            return XLSXDates.timeText(x, seconds: s, elapsed: elapsed).map { .text($0) } ?? .unreadable(x, reason: "is not a time")
        case .zeroPadded(let width):
            // The digits Excel shows (`0900`); a fraction or a negative number is no identifier.
            guard x >= 0, x == x.rounded(), x < 1e18 else { return .decimal(x, shown: 0) }
            let digits = String(Int64(x))
            return .text(String(repeating: "0", count: max(0, width - digits.count)) + digits)
        }
    }

    // MARK: Header

    /// The first of the first rows with more than half as many cells as the fullest of them:
    /// a title above the header has fewer.
    private func headerIndex(_ rows: [XLSXRow]) -> Int {
        let head = rows.prefix(XLSXTableBuilder.headerSearchRows)
        let most = head.map(\.cells.count).max() ?? 0
        return head.firstIndex { $0.cells.count * 2 > most } ?? 0
    }

    /// The header row's names (see `ColumnNames`), with a warning for each empty, repeated or
    /// error cell, and a note listing the names that held a line break.
    private func headerNames(_ cells: [(Int, XLSXValue)], row: Int, width: Int, warnings: inout [Diagnostic],
                             notes: inout [String]) -> [String] {
        var byColumn: [Int: String] = [:]
        for (c, v) in cells { byColumn[c] = String(v.display.trimmingCSVSpaces()) }
        var names: [String] = []
        var namer = ColumnNames(reserving: (0..<width).map { String((byColumn[$0] ?? "").prefix(LoadLimits.nameBytes)) })
        let file = FilePosition(path: workbook.path)
        for c in 0..<width {
            let reference = XLSXTableBuilder.columnLetters(c) + String(row)
            let named = namer.name(String((byColumn[c] ?? "").prefix(LoadLimits.nameBytes)), column: c + 1)
            if named.warnEmpty {
                warnings.append(Diagnostic(.warning, "cell \(reference) of the header is empty; column \(c + 1) is called \(named.given)",
                                           file: file))
            }
            if named.warnRepeat {
                warnings.append(Diagnostic(.warning, "cell \(reference) repeats the name '\(named.given)'; it is called \(named.name)",
                                           file: file))
            }
            if let (_, value) = cells.first(where: { $0.0 == c }), case .error(let e) = value {
                warnings.append(Diagnostic(.warning, "cell \(reference) of the header holds the error \(e); the column is called \(named.name)",
                                           file: file))
            }
            names.append(named.name)
        }
        warnings += namer.foldedWarnings.map { Diagnostic(.warning, $0, file: file) }
        if let note = namer.lineBreakNote { notes.append(note) }
        return names
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
    static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// Declared types must name columns the sheet has (as written, or ignoring case); returns
    /// them keyed by the column names.
    private func checkTypeOverrides(_ names: [String]) throws(Diagnostic) -> [String: DataType] {
        let (declared, unmatched) = options.resolvedTypes(names)
        if let name = unmatched.first {
            throw Diagnostic(.error, "a type is given for column '\(name)', which the sheet lacks",
                             notes: ["note: the columns are \(names.joined(separator: ", "))"],
                             file: FilePosition(path: workbook.path))
        }
        return declared
    }

    // MARK: Types

    /// The type of each column and whether it was declared.
    struct ColumnType {
        let type: DataType
        let declared: Bool
    }

    private func columnTypes(_ rows: [[(Int, XLSXValue)]], names: [String], declared: [String: DataType],
                             notes: inout [String]) -> [ColumnType] {
        var counts = Array(repeating: CSVValueCounts(), count: names.count)
        for row in rows {
            for (c, value) in row where c < names.count {
                switch value {
                case .int(let v): counts[c].add(.int(v))
                case .decimal(let v, _): counts[c].add(.decimal(v))
                case .bool(let v): counts[c].add(.bool(v))
                case .date(let d): counts[c].add(.date(d))
                case .timestamp(let t): counts[c].add(.timestamp(t))
                // A cell stored as text stays text (a column formatted as Text keeps its
                // zeros); an empty one, or a missing-value marker, is null.
                case .text(let s):
                    if isNull(s) {
                        counts[c].nulls += 1
                    } else {
                        counts[c].add(XLSXTableBuilder.classifyText(s), example: s)
                    }
                case .error, .unreadable: break
                }
            }
        }
        for c in names.indices where declared[names[c]] == nil && counts[c].rule == .text {
            if let why = counts[c].textReason { notes.append("\(names[c]): \(why)") }
        }
        return names.indices.map { c in
            if let t = declared[names[c]] { return ColumnType(type: t, declared: true) }
            switch counts[c].rule {
            // Cells are all read before typing, so a column widens here rather than while loading.
            case .sniffed(.int) where counts[c].decimals > 0: return ColumnType(type: .decimal, declared: false)
            case .sniffed(.date) where counts[c].timestamps > 0: return ColumnType(type: .timestamp, declared: false)
            case .sniffed(let t): return ColumnType(type: t, declared: false)
            case .declared(let t): return ColumnType(type: t, declared: true)
            case .text, .inferred: return ColumnType(type: .text, declared: false)
            }
        }
    }

    /// A text cell's kind for a column's type: a date, timestamp or boolean it spells, or
    /// text; a number stored as text stays text (a column formatted as Text keeps `0900`).
    static func classifyText(_ s: String) -> CSVValue {
        switch classify(s) {
        case .int, .decimal: return .text
        case let value: return value
        }
    }

    /// A text cell read like a CSV field: a number with a decimal point, an ISO or Danish
    /// date or timestamp, a boolean, or text.
    static func classify(_ s: String) -> CSVValue {
        var s = s
        return s.withUTF8 { CSVValueParser.classify($0, .plain) }
    }

    /// A text cell in a column the user declared: read as a CSV field would be under that
    /// type. An int takes every whole number of 64 bits, leading zeros too (`0042` is 42); a
    /// decimal a number written with a point, or, failing that, with a decimal comma and `.`
    /// between thousands (`1.234,50`, `12,50`: a workbook's text cells carry no format of their
    /// own, so a value only Danish style reads is read so; `1.234` stays 1.234).
    static func classify(_ s: String, declared type: DataType) -> CSVValue {
        var s = s
        return s.withUTF8 { b in
            let inner = CSVValueParser.unpadded(b) ?? b
            switch type {
            case .int:
                if let v = CSVValueParser.typedInt(inner) { return .int(v) }
            case .decimal, .float:
                if let v = CSVValueParser.number(inner, .plain) ?? CSVValueParser.number(inner, .danish) { return v }
            default:
                break
            }
            return CSVValueParser.classify(b, .plain)
        }
    }

    /// True for an empty text cell or a missing-value marker (`NULL`, `N/A`, …).
    private func isNull(_ s: String) -> Bool {
        if s.isEmpty { return true }
        var s = s
        return s.withUTF8 { markers.matches($0) }
    }

    /// The value of a cell in a column of `type`; nil when it does not fit.
    private func convert(_ value: XLSXValue, to column: ColumnType) -> Value? {
        if case .error = value { return nil }
        if case .unreadable = value { return nil }
        if case .text(let s) = value, s.isEmpty { return .null }
        switch column.type {
        case .text: return .text(value.display)
        case .category(let scale):
            guard case .text(let s) = value, let i = scale.index(of: s) else { return nil }
            return .category(i, scale)
        case .halfYear:
            guard case .text(let s) = value, let h = HalfYear(parsing: s) else { return nil }
            return .halfYear(h)
        default: break
        }
        var parsed = value
        if case .text(let s) = value, isNull(s) { return .null }
        if case .text(let s) = value {
            switch column.declared ? XLSXTableBuilder.classify(s, declared: column.type) : XLSXTableBuilder.classifyText(s) {
            case .int(let v): parsed = .int(v)
            case .decimal(let v): parsed = .decimal(v, shown: 0)
            case .bool(let v): parsed = .bool(v)
            case .date(let d): parsed = .date(d)
            case .timestamp(let t): parsed = .timestamp(t)
            case .text: return nil
            }
        }
        switch (column.type, parsed) {
        case (.int, .int(let v)): return .int(v)
        case (.decimal, .int(let v)): return .float(Double(v))
        case (.decimal, .decimal(let v, _)): return .float(v)
        case (.bool, .bool(let v)): return .bool(v)
        case (.bool, .int(let v)) where v == 0 || v == 1: return .bool(v == 1)
        case (.date, .date(let d)): return .date(d)
        case (.timestamp, .date(let d)): return .timestamp(d &* LocalTime.secondsPerDay)
        case (.timestamp, .timestamp(let t)): return .timestamp(t)
        default: return nil
        }
    }

    private func reason(_ value: XLSXValue, column: Int, row: Int, _ name: String, _ type: ColumnType) -> String {
        let cell = XLSXTableBuilder.columnLetters(column) + String(row)
        if case .error(let e) = value {
            return e.hasPrefix("#") ? "cell \(cell) (\(name)) holds the error \(e)" : "cell \(cell) (\(name)): \(e)"
        }
        if case .unreadable(_, let why) = value { return "cell \(cell) (\(name)): \(value.display) \(why)" }
        var shown = value.display
        if shown.count > 60 { shown = String(shown.prefix(60)) + "…" }
        let rule: CSVColumnRule = type.declared ? .declared(type.type) : .sniffed(type.type)
        let hint = type.type == .date || type.type == .timestamp ? CSVDateHints.impossibleDay(shown).map { ": \($0)" } ?? "" : ""
        return "cell \(cell) (\(name)): '\(shown)' is not \(CSVLoader.describe(type.type, rule))\(hint)"
    }

    /// `cell B2 twice ('x' and 'y')` when a row names one cell more than once (no spreadsheet
    /// program writes that); nil otherwise. Cells come in column order, so this is one pass.
    static func repeatedCell(_ values: [(Int, XLSXValue)], row: Int) -> String? {
        var increasing = true
        for k in values.indices.dropFirst() where values[k].0 <= values[k - 1].0 { increasing = false }
        guard !increasing else { return nil }
        var first: [Int: XLSXValue] = [:]
        for (column, value) in values {
            if let earlier = first[column] {
                let shown = [earlier, value].map { "'\($0.display.prefix(40))'" }.joined(separator: " and ")
                return "cell \(columnLetters(column))\(row) twice (\(shown))"
            }
            first[column] = value
        }
        return nil
    }

    /// A rejected row's cells as text, `;` between them (as in a Danish CSV export).
    private func raw(_ values: [(Int, XLSXValue)]) -> String {
        var byColumn: [Int: String] = [:]
        for (c, v) in values { byColumn[c] = v.display }
        let last = byColumn.keys.max() ?? -1
        var text = (0...max(0, last)).map { byColumn[$0] ?? "" }.joined(separator: ";")
        if text.utf8.count > LoadLimits.rawBytes { text = String(text.prefix(LoadLimits.rawBytes)) + "…" }
        return text
    }

    /// A column of numbers read as doubles, as exact decimals when they all are short decimals.
    /// `scale`: the decimals the column's formats show, kept when every value fits them.
    static func exact(_ column: Column, scale: Int = 0) -> Column {
        guard case .floats(let v) = column.storage else { return column }
        return Column.decimalsIfExact(v, nulls: column.nulls, scale: scale)
    }

    /// A text column whose values are all half-years as tryg labels them (`HalfYear.inferred`),
    /// empty cells aside, as a half-year column: a sheet tryg wrote reads back in calendar order.
    static func halfYears(_ column: Column) -> Column {
        guard case .text(let codes, let dictionary) = column.storage else { return column }
        var ordinals: [Int64] = []
        var halfYears = 0
        for (code, value) in dictionary.values.enumerated() {
            if let h = HalfYear.inferred(from: value) {
                ordinals.append(Int64(h.ordinal))
                halfYears += 1
            } else if value.isEmpty, codes.indices.allSatisfy({ codes[$0] != Int32(code) || column.isNull($0) }) {
                ordinals.append(0)
            } else {
                return column
            }
        }
        guard halfYears > 0 else { return column }
        return Column(type: .halfYear, storage: .ints(codes.map { ordinals[Int($0)] }), nulls: column.nulls)
    }

    /// A text column named like a domain scale whose values all belong to it, as a category;
    /// else, when its values are all half-years, a half-year column.
    private func categorized(_ column: Column, _ name: String, _ type: ColumnType) -> Column {
        guard !type.declared, type.type == .text, case .text(let codes, let dictionary) = column.storage else { return column }
        guard let scale = options.scales[name] else { return XLSXTableBuilder.halfYears(column) }
        var indices: [Int64] = []
        for (code, value) in dictionary.values.enumerated() {
            if let i = scale.index(of: value) {
                indices.append(Int64(i))
            } else if value.isEmpty, codes.indices.allSatisfy({ codes[$0] != Int32(code) || column.isNull($0) }) {
                indices.append(0)
            } else {
                return column
            }
        }
        return Column(type: .category(scale), storage: .ints(codes.map { indices[Int($0)] }), nulls: column.nulls)
    }
}
