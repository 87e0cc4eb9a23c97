import TrygDomain
import TrygEngine

/// How a file writes numbers: the decimal mark and the thousands separator, if any.
struct CSVNumberFormat: Equatable, Sendable {
    /// `3,5` rather than `3.5`.
    var decimalComma: Bool
    /// The byte grouping thousands (`12.345`), nil when numbers are not grouped.
    var thousands: UInt8?

    /// Decimal point, no grouping: the format of the query language and of ISO data.
    static let plain = CSVNumberFormat(decimalComma: false, thousands: nil)
    /// Decimal comma, `.` between thousands: `1.234,50`.
    static let danish = CSVNumberFormat(decimalComma: true, thousands: UInt8(ascii: "."))

    var mark: UInt8 { decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".") }
}

extension Array where Element == CSVNumberFormat {
    /// The format of column `c`; plain past the last column the sample saw.
    subscript(safe c: Int) -> CSVNumberFormat { c < count ? self[c] : .plain }
}

extension CSVValueParser {
    /// The longest number spelled with separators that is read; longer ones are text.
    static let maxGroupedNumberLength = 96

    /// An int or a decimal in the file's number format; nil when the bytes are not a number.
    /// With a decimal comma, `3.5` is not a number (a dot only groups thousands there).
    @inline(__always)
    static func number(_ b: Bytes, _ format: CSVNumberFormat) -> CSVValue? {
        if let v = int(b) { return .int(v) }
        if !format.decimalComma, let v = decimal(b) { return .decimal(v) }
        guard format.decimalComma || format.thousands != nil else { return nil }
        return groupedNumber(b, format)
    }

    /// The number as a decimal (an int widened), or nil.
    static func decimal(_ b: Bytes, _ format: CSVNumberFormat) -> Double? {
        switch number(b, format) {
        case .int(let v)?: return Double(v)
        case .decimal(let v)?: return v
        default: return nil
        }
    }

    /// An int in the file's number format (`12.345` with a decimal comma), or nil.
    static func int(_ b: Bytes, _ format: CSVNumberFormat) -> Int64? {
        if case .int(let v)? = number(b, format) { return v }
        return nil
    }

    /// A number with a decimal comma or thousands separators, rewritten to plain digits and
    /// parsed as such. Groups after the first must hold three digits (`1.234.567`), so a
    /// date such as `24.11.2025` is never read as a number.
    /// The length of a no-break space at `i` in UTF-8 (U+00A0: 2 bytes, the narrow U+202F: 3),
    /// 0 for anything else.
    @inline(__always)
    static func noBreakSpace(_ b: Bytes, at i: Int) -> Int {
        if b[i] == 0xC2, i &+ 1 < b.count, b[i &+ 1] == 0xA0 { return 2 }
        if b[i] == 0xE2, i &+ 2 < b.count, b[i &+ 1] == 0x80, b[i &+ 2] == 0xAF { return 3 }
        return 0
    }

    static func groupedNumber(_ b: Bytes, _ format: CSVNumberFormat) -> CSVValue? {
        let n = b.count
        guard n > 0, n <= maxGroupedNumberLength else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { out -> CSVValue? in
            var o = 0, i = 0
            func emit(_ c: UInt8) {
                out[o] = c
                o &+= 1
            }
            if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
                if b[0] == UInt8(ascii: "-") { emit(b[0]) }
                i = 1
            }
            // The whole part: digits, grouped or not.
            var digits = 0, groupDigits = 0, grouped = false
            while i < n {
                let c = b[i]
                if c &- UInt8(ascii: "0") < 10 {
                    emit(c)
                    digits &+= 1
                    groupDigits &+= 1
                } else if let t = format.thousands, c == t || (t == UInt8(ascii: " ") && noBreakSpace(b, at: i) > 0), c != format.mark {
                    // The first group holds one to three digits, every later one three.
                    guard grouped ? groupDigits == 3 : (groupDigits >= 1 && groupDigits <= 3) else { return nil }
                    grouped = true
                    groupDigits = 0
                    // A no-break space is the space of grouped numbers in many exports.
                    if c != t { i &+= noBreakSpace(b, at: i) &- 1 }
                } else {
                    break
                }
                i &+= 1
            }
            if grouped, groupDigits != 3 { return nil }
            var fraction = false
            if i < n, b[i] == format.mark {
                fraction = true
                emit(UInt8(ascii: "."))
                i &+= 1
                var fractionDigits = 0
                while i < n, b[i] &- UInt8(ascii: "0") < 10 {
                    emit(b[i])
                    fractionDigits &+= 1
                    i &+= 1
                }
                digits &+= fractionDigits
            }
            guard digits > 0 else { return nil }
            if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
                // Excel writes large numbers as `1,5E+12` in Danish.
                fraction = true
                emit(UInt8(ascii: "e"))
                i &+= 1
                if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                    emit(b[i])
                    i &+= 1
                }
                var exponentDigits = 0
                while i < n, b[i] &- UInt8(ascii: "0") < 10 {
                    emit(b[i])
                    exponentDigits &+= 1
                    i &+= 1
                }
                guard exponentDigits > 0 else { return nil }
            }
            guard i == n else { return nil }
            let plain = UnsafeBufferPointer(rebasing: out[0..<o])
            if !fraction, let v = int(plain) { return .int(v) }
            return decimal(plain).map { .decimal($0) }
        }
    }

    /// `true`/`false`, `ja`/`nej` and Excel's Danish `sand`/`falsk`, in any case; with
    /// `digits`, also `1`/`0` (a column of only 0 and 1 is a count until declared bool).
    static func bool(_ b: Bytes, digits: Bool) -> Bool? {
        if digits, b.count == 1 {
            if b[0] == UInt8(ascii: "1") { return true }
            if b[0] == UInt8(ascii: "0") { return false }
        }
        return bool(b)
    }

    /// A Danish date, day first: `24-11-2025`, `24.11.2025` or `24/11/2025` (day and month
    /// of one or two digits), optionally followed by a time `14:05`, `14:05:33` or `14.05`.
    static func danishDateOrTimestamp(_ b: Bytes) -> CSVValue? {
        let n = b.count
        guard n >= 8, n <= 19 else { return nil }
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var v = 0, k = 0
            while i < n, k < maxDigits, b[i] &- UInt8(ascii: "0") < 10 {
                v = v &* 10 &+ Int(b[i] &- UInt8(ascii: "0"))
                i &+= 1
                k &+= 1
            }
            return k > 0 ? v : nil
        }
        guard let day = number(maxDigits: 2), i < n else { return nil }
        let separator = b[i]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/") else {
            return nil
        }
        i &+= 1
        guard let month = number(maxDigits: 2), i < n, b[i] == separator else { return nil }
        i &+= 1
        let yearStart = i
        guard let year = number(maxDigits: 4), i &- yearStart == 4,
              let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let dayNumber = Int64(date.dayNumber)
        if i == n { return .date(dayNumber) }
        guard b[i] == UInt8(ascii: " ") else { return nil }
        i &+= 1
        // 24:00 (and 24:00:00) is the end of the day: the next day's midnight, as in ISO 8601.
        guard let hour = number(maxDigits: 2), hour <= 24, i < n else { return nil }
        let timeSeparator = b[i]
        guard timeSeparator == UInt8(ascii: ":") || timeSeparator == UInt8(ascii: ".") else { return nil }
        i &+= 1
        let minuteStart = i
        guard let minute = number(maxDigits: 2), i &- minuteStart == 2, minute < 60 else { return nil }
        var second = 0
        if i < n {
            guard b[i] == timeSeparator else { return nil }
            i &+= 1
            let secondStart = i
            guard let s = number(maxDigits: 2), i &- secondStart == 2, s < 60, i == n else { return nil }
            second = s
        }
        guard hour < 24 || minute == 0 && second == 0 else { return nil }
        return .timestamp(dayNumber &* LocalTime.secondsPerDay &+ Int64(hour &* 3600 &+ minute &* 60 &+ second))
    }
}
