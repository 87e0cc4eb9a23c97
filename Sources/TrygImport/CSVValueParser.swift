import TrygDomain
import TrygEngine

/// A field's value as inference sees it.
enum CSVValue: Equatable {
    case int(Int64)
    case decimal(Double)
    case bool(Bool)
    /// Day number.
    case date(Int64)
    /// Seconds since 1970-01-01T00:00 local time.
    case timestamp(Int64)
    case text
}

/// Parses values straight from field bytes: no String is made on the common paths.
enum CSVValueParser {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The most specific value the bytes spell in the file's number format; an int that
    /// overflows Int64 is a decimal.
    static func classify(_ b: Bytes, _ format: CSVNumberFormat = .plain) -> CSVValue {
        guard let first = b.first else { return .text }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let v = int(b) { return .int(v) }
            if let d = dateOrTimestamp(b) { return d }
            if let v = number(b, format) { return v }
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: ","):
            if let v = number(b, format) { return v }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "j"),
             UInt8(ascii: "J"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "s"), UInt8(ascii: "S"):
            if let v = bool(b) { return .bool(v) }
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // A value padded with blanks (` 5`, `2025-01-31 `, fixed-width exports) is the value;
            // text keeps its blanks, and a field of blanks alone is text.
            if let inner = unpadded(b) { return classify(inner, format) }
        default:
            break
        }
        if let last = b.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t"), let inner = unpadded(b) {
            return classify(inner, format)
        }
        return .text
    }

    /// The bytes without leading and trailing spaces and tabs; nil when there are none to strip
    /// or nothing else is left.
    static func unpadded(_ b: Bytes) -> Bytes? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == UInt8(ascii: " ") || b[lo] == UInt8(ascii: "\t") { lo += 1 }
        while hi > lo, b[hi - 1] == UInt8(ascii: " ") || b[hi - 1] == UInt8(ascii: "\t") { hi -= 1 }
        guard lo < hi, lo > 0 || hi < b.count else { return nil }
        return Bytes(rebasing: b[lo..<hi])
    }

    /// `[+-]?[0-9]+` with at most `maxDigits` digits and no leading zero (`0` itself aside).
    /// A leading zero marks an identifier (postcode `0900`, staff number `00417`), and more
    /// digits than 18 an account or case number: read as numbers they would lose digits.
    static func int(_ b: Bytes) -> Int64? {
        let n = b.count
        // The usual case: up to 18 digits and no sign, which cannot overflow.
        if n > 0, n <= 18, let p = b.baseAddress {
            var value: Int64 = 0
            var k = 0
            while k < n {
                let d = p[k] &- UInt8(ascii: "0")
                if d >= 10 { break }
                value = value &* 10 &+ Int64(d)
                k &+= 1
            }
            if k == n { return n > 1 && p[0] == UInt8(ascii: "0") ? nil : value }
        }
        var i = 0
        if n > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n, n - i <= maxDigits, n - i == 1 || b[i] != UInt8(ascii: "0") else { return nil }
        return typedInt(b)
    }

    /// `[+-]?[0-9]+` of any length that fits Int64, leading zeros allowed: a column the user
    /// typed `int` (`--type x=int`) takes every such value inference would keep as text
    /// (`007`, `1234567890123456789`); nil for anything else or past Int64's range.
    static func typedInt(_ b: Bytes) -> Int64? {
        let n = b.count
        var i = 0
        var negative = false
        if n > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        // Accumulate as a negative number so Int64.min fits.
        var value: Int64 = 0
        while i < n {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i &+= 1
        }
        if negative { return value }
        let (pos, o) = (0 as Int64).subtractingReportingOverflow(value)
        return o ? nil : pos
    }

    /// The most significant digits a number may have; a longer one is kept as text.
    static let maxDigits = 18

    /// `true`/`false`, `ja`/`nej` or `sand`/`falsk` (Danish Excel), in any case.
    static func bool(_ b: Bytes) -> Bool? {
        // `true` and `false` in lower case, the usual spelling, by whole words.
        if let p = b.baseAddress {
            let raw = UnsafeRawPointer(p)
            if b.count == 4, raw.loadUnaligned(as: UInt32.self) == 0x6575_7274 { return true }   // "true"
            if b.count == 5, raw.loadUnaligned(as: UInt32.self) == 0x736C_6166, p[4] == UInt8(ascii: "e") {   // "fals" "e"
                return false
            }
        }
        func matches(_ word: StaticString) -> Bool {
            guard b.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for i in 0..<b.count where b[i] | 0x20 != w[i] { return false }
            return true
        }
        switch b.count {
        case 2: return matches("ja") ? true : nil
        case 3: return matches("nej") ? false : nil
        case 4: return matches("true") ? true : matches("sand") ? true : nil
        case 5: return matches("false") ? false : matches("falsk") ? false : nil
        default: return nil
        }
    }

    /// `YYYY-MM-DD` as `.date`, or `YYYY-MM-DD[T ]HH:MM[:SS]` as `.timestamp`, or a Danish
    /// date or timestamp (`24-11-2025`, `24.11.2025 14:05`); real days only.
    static func dateOrTimestamp(_ b: Bytes) -> CSVValue? {
        if let iso = isoDateOrTimestamp(b) { return iso }
        return danishDateOrTimestamp(b)
    }

    /// `YYYY-MM-DD` as `.date`, or `YYYY-MM-DD[T ]HH:MM[:SS]` as `.timestamp`; real days only.
    ///
    /// `24:00` is the next day's midnight (ISO 8601's end of a day). Seconds may carry a
    /// fraction (`.123` or `,123`, up to nine digits), which is dropped,
    /// and the time a UTC offset (`Z`, `+01:00`, `+0100`, `+01`, after a space too), which
    /// turns it into Copenhagen's wall clock at that instant (`2025-03-01T10:00:00Z` is
    /// 11:00): timestamps are local time (`LocalTime`). `timestampSuffix` tells a caller
    /// which of the two a value had.
    static func isoDateOrTimestamp(_ b: Bytes) -> CSVValue? {
        let n = b.count
        guard n == 10 || n >= 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(b, 0, 4), let mo = digits(b, 5, 2), let d = digits(b, 8, 2),
              let date = CivilDate(year: y, month: mo, day: d) else { return nil }
        let day = Int64(date.dayNumber)
        if n == 10 { return .date(day) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
              let h = digits(b, 11, 2), let mi = digits(b, 14, 2), h <= 24, mi < 60 else { return nil }
        var seconds = 0
        if n >= 19, b[16] == UInt8(ascii: ":") {
            guard let s = digits(b, 17, 2), s < 60 else { return nil }
            seconds = s
        }
        // 24:00 (and 24:00:00) is the end of the day: the next day's midnight, as in ISO 8601.
        if h == 24 {
            guard mi == 0, seconds == 0, n == 16 || timestampSuffix(b)?.fraction == false else { return nil }
        }
        let local = day &* LocalTime.secondsPerDay &+ Int64(h &* 3600 &+ mi &* 60 &+ seconds)
        if n == 16 || n == 19 && b[16] == UInt8(ascii: ":") { return .timestamp(local) }
        guard let suffix = timestampSuffix(b) else { return nil }
        guard let offset = suffix.offset else { return .timestamp(local) }
        return .timestamp(LocalTime.copenhagenTime(utc: local &- offset))
    }

    /// Whether a field is longer than `YYYY-MM-DD[T ]HH:MM[:SS]`, so that a timestamp it
    /// spells may have a fraction or an offset (`timestampSuffix` says).
    @inline(__always)
    static func mayHaveTimestampSuffix(_ b: Bytes) -> Bool {
        b.count > 16 && (b.count != 19 || b[16] != UInt8(ascii: ":"))
    }

    /// What follows `YYYY-MM-DD[T ]HH:MM` in a timestamp `isoDateOrTimestamp` reads: whether
    /// its seconds have a fraction that is not all zeros, and its UTC offset in seconds (nil
    /// when it has none). Nil when the rest is not `[:SS[.fff]][ ][Z|±HH[[:]MM]]`.
    static func timestampSuffix(_ b: Bytes) -> (fraction: Bool, offset: Int64?)? {
        let n = b.count
        guard n >= 16 else { return nil }
        var i = 16
        var fraction = false
        if i < n, b[i] == UInt8(ascii: ":") {
            guard n >= 19, digits(b, 17, 2) != nil else { return nil }
            i = 19
            if i < n, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                var k = i &+ 1
                while k < n, b[k] &- UInt8(ascii: "0") < 10 {
                    if b[k] != UInt8(ascii: "0") { fraction = true }
                    k &+= 1
                }
                guard k > i &+ 1, k &- i &- 1 <= 9 else { return nil }
                i = k
            }
        }
        if i == n { return (fraction, nil) }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i &+ 1 == n ? (fraction, 0) : nil }
        if b[i] == UInt8(ascii: " "), i &+ 1 < n, b[i &+ 1] == UInt8(ascii: "+") || b[i &+ 1] == UInt8(ascii: "-") { i &+= 1 }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
        let rest = n &- i &- 1
        guard rest == 2 || rest == 4 || rest == 5, let hh = digits(b, i &+ 1, 2), hh <= 14 else { return nil }
        var mm = 0
        if rest == 4 {
            guard let m = digits(b, i &+ 3, 2) else { return nil }
            mm = m
        } else if rest == 5 {
            guard b[i &+ 3] == UInt8(ascii: ":"), let m = digits(b, i &+ 4, 2) else { return nil }
            mm = m
        }
        guard mm < 60 else { return nil }
        return (fraction, sign &* Int64(hh &* 3600 &+ mm &* 60))
    }

    @inline(__always)
    private static func digits(_ b: Bytes, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int(d)
        }
        return v
    }
}

/// Reads ISO timestamps (`YYYY-MM-DD[T ]HH:MM[:SS]`) of one column, remembering the day of
/// the last date part: rows of a day come together in most files, so the calendar arithmetic
/// runs once a day rather than once a row. Gives what `CSVValueParser.isoDateOrTimestamp`
/// gives for such a field, or nil for any other field.
struct CSVTimestampReader {
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay: Int64 = 0

    @inline(__always)
    mutating func timestamp(_ b: CSVValueParser.Bytes) -> Int64? {
        let n = b.count
        guard n == 16 || n == 19, let p = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        let date = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if date != lastDate || lastDate.0 == 0 {
            guard case .date(let day)? = CSVValueParser.isoDateOrTimestamp(CSVValueParser.Bytes(start: p, count: 10)) else {
                return nil
            }
            lastDate = date
            lastDay = day
        }
        @inline(__always) func two(_ at: Int) -> Int64? {
            let hi = p[at] &- UInt8(ascii: "0"), lo = p[at &+ 1] &- UInt8(ascii: "0")
            return hi < 10 && lo < 10 ? Int64(hi) &* 10 &+ Int64(lo) : nil
        }
        guard p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " "), p[13] == UInt8(ascii: ":"),
              let h = two(11), let mi = two(14), h <= 24, mi < 60 else { return nil }
        var seconds: Int64 = 0
        if n == 19 {
            guard p[16] == UInt8(ascii: ":"), let s = two(17), s < 60 else { return nil }
            seconds = s
        }
        guard h < 24 || mi == 0 && seconds == 0 else { return nil }
        return lastDay &* LocalTime.secondsPerDay &+ h &* 3600 &+ mi &* 60 &+ seconds
    }
}
