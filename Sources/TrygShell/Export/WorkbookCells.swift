import TrygDomain
import TrygEngine

/// What one cell of a workbook holds, decided from a value and its column's type.
///
/// Numbers stay numbers (an Excel number is a double: an int beyond 2^53 or a decimal with
/// more than 15 significant digits would lose digits, so it is written as text); dates and
/// timestamps are Excel serials shown with a Danish date format, a date before 1900 (which
/// Excel cannot show) as ISO text; booleans are booleans; everything else is text.
enum WorkbookCell: Equatable {
    case empty
    case number(Double)
    case text(String)
    case bool(Bool)

    /// The most characters Excel holds in a cell.
    static let maxTextLength = 32_767
    /// The largest whole number a double holds exactly (2^53).
    static let maxExactInt: Int64 = 9_007_199_254_740_992
    /// The most significant digits a decimal may have to be written as a number.
    static let maxDecimalDigits = 15
    /// The first day Excel's 1900 date system shows, and the last.
    static let firstDay = Int64(CivilDate.dayNumber(year: 1900, month: 1, day: 1))
    static let lastDay = Int64(CivilDate.dayNumber(year: 9999, month: 12, day: 31))
    /// Day number of serial 0 (1899-12-30, counting the 29 February 1900 Excel believes in).
    static let serialEpoch = Int64(CivilDate.dayNumber(year: 1899, month: 12, day: 30))

    /// The cell for a value.
    init(_ value: Value) {
        switch value {
        case .null: self = .empty
        case .int(let v): self = v.magnitude <= WorkbookCell.maxExactInt.magnitude ? .number(Double(v)) : .text(String(v))
        case .decimal(let d): self = WorkbookCell.significantDigits(d.units) <= WorkbookCell.maxDecimalDigits ? .number(d.double) : .text(d.description)
        case .float(let d): self = d.isFinite ? .number(d) : .text(Value.float(d).display)
        case .bool(let b): self = .bool(b)
        case .date(let d): self = WorkbookCell.serial(day: d).map { .number(Double($0)) } ?? .text(value.display)
        case .timestamp(let t):
            let day = LocalTime.dayNumber(ofTimestamp: t)
            let seconds = t &- day &* LocalTime.secondsPerDay
            self = WorkbookCell.serial(day: day).map { .number(Double($0) + Double(seconds) / 86_400) } ?? .text(value.display)
        default: self = .text(value.display)
        }
    }

    /// The Excel serial of a day (1900 date system), nil outside the dates Excel shows.
    static func serial(day: Int64) -> Int64? {
        guard day >= firstDay, day <= lastDay else { return nil }
        let serial = day - serialEpoch
        // Before 1 March 1900 the serials count one day less (Excel's 29 February 1900 never was).
        return serial < 61 ? serial - 1 : serial
    }

    /// Digits of a decimal's units without leading zeros (0 has one).
    static func significantDigits(_ units: Int64) -> Int {
        var n = units.magnitude, digits = 1
        while n >= 10 { n /= 10; digits += 1 }
        return digits
    }
}

/// How a column's cells are shown: a number format, and the width of the column.
struct WorkbookColumnFormat: Equatable {
    /// Excel's number format code; nil is General.
    let numberFormat: String?
    /// Width in characters.
    let width: Double
    /// Every value is written as text: an int column with a value beyond 2^53, or a decimal
    /// column with one of more than 15 digits, which a number cell would change. (The whole
    /// column, so it reads back as one type, not numbers and text mixed.)
    var asText = false

    /// Whether some value of an int or decimal column would lose digits as a number cell.
    static func needsText(_ column: Column) -> Bool {
        switch column.storage {
        case .ints(let v) where column.type == .int:
            return v.indices.contains { v[$0].magnitude > WorkbookCell.maxExactInt.magnitude && !column.isNull($0) }
        case .decimals(let v, _):
            return v.indices.contains {
                WorkbookCell.significantDigits(v[$0]) > WorkbookCell.maxDecimalDigits && !column.isNull($0)
            }
        default: return false
        }
    }

    /// The format of a column: ints without decimals, decimals with their scale, dates and
    /// timestamps Danish style (`31-01-2025`, `31-01-2025 08:30`), seconds only when a value has some.
    static func of(_ column: Column, name: String, sampleRows: Int = 1000) -> WorkbookColumnFormat {
        let rows = min(column.count, sampleRows)
        var widest = DisplayWidth.of(name) + 2
        for r in 0..<rows where !column.isNull(r) { widest = max(widest, DisplayWidth.of(column.value(at: r).display)) }
        let format: String?
        switch column.type {
        case .int: format = "0"
        case .decimal:
            if case .decimals(_, let scale) = column.storage, scale > 0 {
                format = "0." + String(repeating: "0", count: scale)
            } else {
                format = "0"
            }
        case .date:
            format = "dd-mm-yyyy"
        case .timestamp:
            var seconds = false
            if let v = column.wideIntegers {
                seconds = v.indices.contains { !column.isNull($0) && (v[$0] % 60 != 0) }
            }
            format = seconds ? "dd-mm-yyyy hh:mm:ss" : "dd-mm-yyyy hh:mm"
        default: format = nil
        }
        let width = Double(min(max(widest + 1, 8), 60))
        if needsText(column) { return WorkbookColumnFormat(numberFormat: nil, width: width, asText: true) }
        return WorkbookColumnFormat(numberFormat: format, width: width)
    }
}
