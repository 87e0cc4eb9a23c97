import TrygDomain
import TrygEngine

/// What a cell's number format makes of its number: a plain number, a date, a date with a
/// time, or a time of day (or a duration, `[h]:mm`).
enum XLSXFormatKind: Equatable {
    /// `decimals`: the digits the format shows after the decimal mark (`0.00`, `#,##0.00 "kr."`:
    /// 2), so that a column of amounts keeps its scale; 0 for percentages and scientific
    /// notation, whose shown digits are not the value's.
    case number(decimals: Int)
    case date
    case dateTime
    /// `seconds`: the format shows seconds; `elapsed`: hours may pass 24.
    case time(seconds: Bool, elapsed: Bool)
    /// A code of three zeros or more alone (`0000`, `00000`): a whole number shown with leading zeros to
    /// `width` digits, as Danish spreadsheets keep postcodes (`0900`) and staff numbers. It is
    /// an identifier, read as the text Excel shows.
    case zeroPadded(width: Int)

    /// The kind of a built-in format id (ECMA-376 §18.8.30, plus the locale date ids 27–36
    /// and 50–58 that Excel uses for East Asian dates).
    static func builtIn(_ id: Int) -> XLSXFormatKind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 22: return .dateTime
        case 18, 20: return .time(seconds: false, elapsed: false)
        case 19, 21, 32, 33, 45, 47: return .time(seconds: true, elapsed: false)
        case 46: return .time(seconds: true, elapsed: true)
        case 2, 4, 7, 8, 39, 40, 43, 44: return .number(decimals: 2)
        default: return .number(decimals: 0)
        }
    }

    /// The kind of a custom format code such as `dd-mm-yyyy hh:mm` or `#,##0.00 "kr."`: the
    /// first section is read with quoted text, escapes and brackets (colours, locales)
    /// removed; `d` or `y` (or `m` without `h` or `s`) make a date, `h` or `s` a time.
    static func custom(_ code: String) -> XLSXFormatKind {
        guard let section = code.split(separator: ";", omittingEmptySubsequences: false).first else { return .number(decimals: 0) }
        if section.count >= 3, section.count <= 18, section.allSatisfy({ $0 == "0" }) { return .zeroPadded(width: section.count) }
        var letters: [Character] = []
        var elapsed = false
        var chars = Array(section.lowercased())
        // AM/PM markers hold an m that is not a month.
        chars = XLSXFormatKind.removing(["a", "m", "/", "p", "m"], from: chars)
        chars = XLSXFormatKind.removing(["a", "/", "p"], from: chars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                i += 1
                while i < chars.count, chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var inside: [Character] = []
                i += 1
                while i < chars.count, chars[i] != "]" {
                    inside.append(chars[i])
                    i += 1
                }
                if !inside.isEmpty, inside.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
                    elapsed = true
                    letters.append(contentsOf: inside)
                }
            default:
                letters.append(c)
            }
            i += 1
        }
        let hasTime = letters.contains("h") || letters.contains("s")
        let hasDate = letters.contains("d") || letters.contains("y") || (letters.contains("m") && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time(seconds: letters.contains("s"), elapsed: elapsed)
        default: return .number(decimals: XLSXFormatKind.decimals(letters))
        }
    }

    /// The digit places (`0`, `#`, `?`) after the first `.` of a number format's letters; 0
    /// when it shows a percentage or an exponent.
    private static func decimals(_ letters: [Character]) -> Int {
        guard !letters.contains("%"), !letters.contains("e"), let point = letters.firstIndex(of: ".") else { return 0 }
        var n = 0
        for c in letters[(point + 1)...] {
            if c == "0" || c == "#" || c == "?" { n += 1 } else if c != "," { break }
        }
        return min(n, 15)
    }

    private static func removing(_ marker: [Character], from chars: [Character]) -> [Character] {
        guard chars.count >= marker.count else { return chars }
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if i + marker.count <= chars.count, Array(chars[i..<(i + marker.count)]) == marker {
                i += marker.count
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}

/// Excel's date serials: days since 1899-12-30 (the 1900 system, whose day 60 is the
/// 29 February 1900 that never was) or since 1904-01-01, with the time as a fraction.
enum XLSXDates {
    /// The last serial Excel shows as a date: 9999-12-31.
    static let maxSerial = 2_958_465.0

    private static let epoch1900 = Int64(CivilDate(year: 1899, month: 12, day: 30)?.dayNumber ?? -25_569)
    private static let epoch1904 = Int64(CivilDate(year: 1904, month: 1, day: 1)?.dayNumber ?? -24_107)

    /// The day number and the seconds into the day of a serial; nil outside Excel's dates
    /// and for 29 February 1900.
    static func dayAndSeconds(_ serial: Double, date1904: Bool) -> (day: Int64, seconds: Int64)? {
        guard serial.isFinite, serial >= 0, serial < maxSerial + 1 else { return nil }
        var whole = Int64(serial.rounded(.down))
        var seconds = Int64(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 {
            whole += 1
            seconds -= 86_400
        }
        if date1904 { return (epoch1904 + whole, seconds) }
        if whole == 60 { return nil }
        // Before the day that never was, serials count from 1899-12-31.
        return (epoch1900 + (whole < 60 ? whole + 1 : whole), seconds)
    }

    /// A time of day or a duration, `HH:MM` or `HH:MM:SS`, from a serial's value.
    static func timeText(_ serial: Double, seconds showSeconds: Bool, elapsed: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < maxSerial + 1 else { return nil }
        var total = Int64((serial * 86_400).rounded())
        if !elapsed { total %= 86_400 }
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return showSeconds ? "\(two(h)):\(two(m)):\(two(s))" : "\(two(h)):\(two(m))"
    }
}
