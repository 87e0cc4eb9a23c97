import Foundation

/// A way a file may be written, as exporting systems, Danish Excel, Excel for Mac and
/// people by hand write them: each field is chosen at random.
struct RandomDialect: CustomStringConvertible {
    var delimiter: Character
    var lineEnd: String
    var byteOrderMark: Bool
    /// Windows-1252 rather than UTF-8 (every character the tables use exists in both).
    var windows1252: Bool
    var decimalComma: Bool
    /// Thousands separators in numbers of more than three digits.
    var thousands: Bool
    /// Quote every field of text, not only those that must be.
    var quoteAllText: Bool
    var titleLines: [String]
    /// A delimiter after the last field of every data row.
    var trailingDelimiter: Bool

    /// `allowsTitles`: false for a table where title lines cannot be told from the header —
    /// one column of text, or fewer than three rows below it.
    init(allowsTitles: Bool, using rng: inout SeededGenerator) {
        delimiter = [",", ";", "\t", "|"].randomElement(using: &rng) ?? ";"
        lineEnd = ["\n", "\r\n", "\r"].randomElement(using: &rng) ?? "\n"
        byteOrderMark = Int.random(in: 0..<4, using: &rng) == 0
        windows1252 = !byteOrderMark && Int.random(in: 0..<4, using: &rng) == 0
        // A decimal comma goes with any delimiter but the comma (numbers would need quotes).
        decimalComma = delimiter != "," && Bool.random(using: &rng)
        thousands = Int.random(in: 0..<3, using: &rng) == 0
        quoteAllText = Int.random(in: 0..<5, using: &rng) == 0
        titleLines = allowsTitles && Int.random(in: 0..<4, using: &rng) == 0
            ? [["Udtræk fra indmeldelsessystemet", "Periode: 01-01-2025 til 31-03-2025", ""],
               ["Hændelser pr. bibliotek", ""], ["Rapport dannet 24-11-2025 kl. 14:05"]].randomElement(using: &rng) ?? []
            : []
        trailingDelimiter = Int.random(in: 0..<6, using: &rng) == 0
    }

    var description: String {
        "delimiter \(delimiter.debugDescription), line end \(lineEnd.debugDescription), BOM \(byteOrderMark), "
            + "windows-1252 \(windows1252), decimal comma \(decimalComma), thousands \(thousands), "
            + "quote all text \(quoteAllText), title lines \(titleLines.count), trailing delimiter \(trailingDelimiter)"
    }

    /// The thousands separator: the other mark than the decimal one, or none where it would
    /// be the delimiter (a point-decimal file with `,` separators written `;`-delimited, say).
    var thousandsSeparator: Character? {
        guard thousands else { return nil }
        let separator: Character = decimalComma ? "." : ","
        return separator == delimiter ? nil : separator
    }

    /// A number as this dialect writes it; `grouped` for a column whose numbers the dialect
    /// writes with thousands separators (a column of plain ints, such as a count, has none).
    func write(_ n: (negative: Bool, whole: String, fraction: String), grouped: Bool) -> String {
        var whole = n.whole
        if grouped, let separator = thousandsSeparator, whole.count > 3 {
            var grouped = ""
            for (i, digit) in whole.enumerated() {
                if i > 0, (whole.count - i) % 3 == 0 { grouped.append(separator) }
                grouped.append(digit)
            }
            whole = grouped
        }
        let mark = decimalComma ? "," : "."
        return (n.negative ? "-" : "") + whole + (n.fraction.isEmpty ? "" : mark + n.fraction)
    }

    /// A field, quoted when it must be (or when all text is quoted). In a file of one column
    /// (`oneColumn`) no delimiter can be seen, so a value holding any of `, ; \t |` is quoted:
    /// unquoted, most such lines splitting alike would make it two columns to anyone.
    func quote(_ value: String, isText: Bool, oneColumn: Bool = false) -> String {
        let candidates: Set<Character> = oneColumn ? [",", ";", "\t", "|"] : [delimiter]
        let must = value.contains { candidates.contains($0) || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard must || (quoteAllText && isText && !value.isEmpty) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The text as bytes in the dialect's encoding.
    func encode(_ text: String) -> [UInt8] {
        if !windows1252 { return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8) }
        // The tables use ASCII and Latin-1 letters only, which Windows-1252 keeps at their code points.
        return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }
}
