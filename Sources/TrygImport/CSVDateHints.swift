import TrygDomain

/// Why a value shaped like a date is none: the day or month it names does not exist
/// (`31-02-2025`, `2025-13-01`). For a rejected row's reason, so the user fixes the value,
/// not the format.
enum CSVDateHints {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]

    /// `February 2025 has 28 days` or `there is no month 13` for text that begins with an ISO
    /// (`YYYY-MM-DD`) or Danish (`DD-MM-YYYY`, `.` or `/` too) date whose day or month does not
    /// exist; nil for anything else (a real day, or no date shape).
    static func impossibleDay(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars.prefix(10))
        func number(_ from: Int, _ maxDigits: Int) -> (value: Int, end: Int)? {
            var v = 0, i = from
            while i < scalars.count, i - from < maxDigits, ("0"..."9").contains(scalars[i]) {
                v = v * 10 + Int(scalars[i].value - 48)
                i += 1
            }
            return i > from ? (v, i) : nil
        }
        let separators: Set<Unicode.Scalar> = ["-", ".", "/"]
        guard let first = number(0, 4), first.end < scalars.count, separators.contains(scalars[first.end]) else { return nil }
        let separator = scalars[first.end]
        guard let second = number(first.end + 1, 2), second.end < scalars.count, scalars[second.end] == separator,
              let third = number(second.end + 1, 4) else { return nil }
        let (year, month, day): (Int, Int, Int)
        if first.end == 4, separator == "-", third.end - second.end - 1 <= 2 {
            (year, month, day) = (first.value, second.value, third.value)
        } else if first.end <= 2, third.end - second.end - 1 == 4 {
            (year, month, day) = (third.value, second.value, first.value)
        } else {
            return nil
        }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let days = CivilDate.daysInMonth(year: year, month: month)
        guard day < 1 || day > days else { return nil }
        return "\(months[month - 1]) \(year) has \(days) days"
    }
}
