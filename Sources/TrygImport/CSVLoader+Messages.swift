import TrygDomain
import TrygEngine

extension CSVLoader {
    static let emptyFile = "empty file: expected a header row with column names"
    static let blankHeader = "the first line is blank: expected a header row with column names"

    static let cancelled = "load cancelled; nothing was loaded"

    /// Checks that the text (already UTF-8) is text: a NUL byte in the first few KB marks
    /// a binary file, such as a spreadsheet given to the CSV reader.
    func checkText(from start: Int) throws(Diagnostic) {
        guard start < bytes.count else { throw bytes.fileError(CSVLoader.emptyFile) }
        if let nul = CSVEncodingCheck.firstNUL(bytes, from: start) { throw notText(at: nul) }
    }

    /// The error for a NUL byte at `nul`: text files have none.
    func notText(at nul: Int) -> Diagnostic { CSVLoader.notText(bytes, at: nul, converted: converted) }

    /// The error for a NUL byte at `nul` in `bytes`, which are the file's own bytes unless
    /// `converted` (text converted to UTF-8, whose offsets are not the file's).
    static func notText(_ bytes: CSVBytes, at nul: Int, converted: Bool) -> Diagnostic {
        let line = bytes.lineNumber(of: nul)
        let column = bytes.characterColumn(of: nul, lineStart: bytes.lineStart(of: nul))
        var notes: [String] = []
        if nul < 4, bytes.count >= 2, bytes.base[0] == UInt8(ascii: "P"), bytes.base[1] == UInt8(ascii: "K") {
            notes.append("note: the file is a zip archive; an .xlsx workbook loads with .import FILE.xlsx")
        }
        if !converted, let order = CSVLoader.utf16WithoutBOM(bytes.base, count: bytes.count) {
            notes.append("note: the file looks like UTF-16 without a byte order mark; load it with encoding \(order)")
        }
        // In text converted to UTF-8 an offset is not the file's; the line and column are.
        let at = converted ? "" : " at byte \(nul)"
        return Diagnostic(.error, "not a text file: NUL byte\(at)", notes: notes,
                          file: FilePosition(path: bytes.path, line: line, column: column))
    }

    /// `utf-16le` or `utf-16be` when the first bytes (up to 512) look like text of the Latin
    /// scripts in that encoding without a BOM; nil otherwise. Read as pairs of a high and a
    /// low byte, most pairs (3 of 4) have a NUL high byte, and nearly all (19 of 20) are such
    /// a character: ASCII or Latin-1 (`ø`, `é`: the high byte NUL, the low one not), Latin
    /// Extended (`ł`, `č`, `ş`: 0x01, 0x02 or 0x1E), or punctuation and symbols (`–`, `€`, `™`:
    /// 0x20 or 0x21). ASCII text read in the wrong order has letters for high bytes.
    static func utf16WithoutBOM(_ p: UnsafePointer<UInt8>, count: Int) -> String? {
        let n = min(count, 512) & ~1
        guard n >= 4 else { return nil }
        let pairs = n / 2
        func reads(highFirst: Bool) -> Bool {
            var highNUL = 0, latin = 0
            for i in stride(from: 0, to: n, by: 2) {
                let high = highFirst ? p[i] : p[i + 1], low = highFirst ? p[i + 1] : p[i]
                if high == 0 {
                    highNUL += 1
                    if low != 0 { latin += 1 }
                } else if CSVLoader.latinHighBytes.contains(high) {
                    latin += 1
                }
            }
            return highNUL * 4 >= pairs * 3 && latin * 20 >= pairs * 19
        }
        if reads(highFirst: false) { return "utf-16le" }
        if reads(highFirst: true) { return "utf-16be" }
        return nil
    }

    /// High bytes of UTF-16 characters of the Latin scripts beyond Latin-1: Latin Extended-A
    /// and -B, Latin Extended Additional, general punctuation (`–`, `€`) and letterlike symbols.
    static let latinHighBytes: Set<UInt8> = [0x01, 0x02, 0x1E, 0x20, 0x21]

    /// The report's note on delimiters after the last field: `header` empty names dropped from
    /// the header's end, and `rows` rows that ended in one delimiter or more, `several` of them
    /// in more than one (`a ';' after the last field of the header and of 12 rows dropped`).
    static func trailingDelimiterNote(_ delimiter: UInt8, header: Int, rows: Int, several: Int) -> String {
        var lines: [String] = []
        if header > 0 { lines.append("the header") }
        if rows > 0 { lines.append("\(LoadReport.grouped(rows)) \(rows == 1 ? "row" : "rows")") }
        var note = "a \(CSVSniffer.show(delimiter)) after the last field of \(lines.joined(separator: " and of ")) dropped"
        let many = several + (header > 1 ? 1 : 0)
        if many > 0 {
            note += rows + (header > 0 ? 1 : 0) == 1 ? " (more than one)" : " (more than one on \(LoadReport.grouped(many)) of them)"
        }
        return note
    }

    /// How a rejected value's type is described in the reason; a sniffed type names the
    /// types it may widen to.
    static func describe(_ type: DataType, _ rule: CSVColumnRule) -> String {
        guard case .sniffed = rule else { return describe(type) }
        switch type {
        case .int, .decimal, .float: return "a number"
        case .bool: return "a boolean (ja/nej, true/false, 1/0)"
        case .date, .timestamp: return "a date or timestamp"
        default: return describe(type)
        }
    }

    /// How a declared type is described in a rejected value's reason.
    static func describe(_ type: DataType) -> String {
        switch type {
        case .int: return "an int"
        case .decimal: return "a decimal"
        case .float: return "a float"
        case .bool: return "a bool (ja/nej, true/false, 1/0)"
        case .date: return "a date (YYYY-MM-DD or DD-MM-YYYY)"
        case .timestamp: return "a timestamp (YYYY-MM-DD HH:MM[:SS] or DD-MM-YYYY HH:MM[:SS])"
        case .halfYear: return "a half-year (such as vinter 2024/25 or sommer 2025)"
        case .category(let s): return "in the scale \(s.name) (\(s.values.joined(separator: ", ")))"
        case .text, .null: return "text"
        }
    }
}

extension String {
    /// The text with each `""` turned into `"` (the escape inside quoted CSV fields).
    func undoingCSVQuoteEscapes() -> String {
        var out = ""
        var previousWasQuote = false
        for ch in self {
            if ch == "\"" && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = ch == "\""
            out.append(ch)
        }
        return out
    }

    /// The text without leading and trailing spaces and tabs.
    func trimmingCSVSpaces() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}

extension CSVLoader {
    /// The note for a column the domain orders (`safety`) that stayed text because of a value
    /// off its scale: comparisons such as `safety >= "tryg"` then go by the alphabet.
    static func offScaleNote(_ name: String, _ outside: String, _ scale: OrderedScale) -> String {
        "\(name): '\(outside)' is not on the \(scale.name) scale (\(scale.values.joined(separator: ", "))), "
            + "so the column is text and compared alphabetically, not in the scale's order; "
            + "to read it as missing, name it: --null '\(outside)', or null \"\(outside)\" after .import"
    }
}
