import TrygDomain

/// What a timestamp column's values held beyond `YYYY-MM-DD[T ]HH:MM[:SS]`: UTC offsets
/// (`Z`, `+01:00`), read as Copenhagen's wall clock, and fractions of a second, dropped
/// (`CSVValueParser.isoDateOrTimestamp`). Counted while a file is read, for the report.
struct CSVTimestampForms {
    private(set) var zoned = 0
    private var firstZoned: String?
    private(set) var fractions = 0
    private var firstFraction: String?

    /// Counts a value read as a timestamp (an ISO one, or nothing is counted).
    mutating func note(_ b: UnsafeBufferPointer<UInt8>) {
        guard let suffix = CSVValueParser.timestampSuffix(b) else { return }
        if suffix.offset != nil {
            zoned &+= 1
            if firstZoned == nil { firstZoned = String(decoding: b, as: UTF8.self) }
        }
        if suffix.fraction {
            fractions &+= 1
            if firstFraction == nil { firstFraction = String(decoding: b, as: UTF8.self) }
        }
    }

    /// Counts a text value read as a timestamp (a spreadsheet's text cell).
    mutating func note(_ text: String) {
        var text = text
        guard text.utf8.count > 16 else { return }
        text.withUTF8 { if CSVValueParser.mayHaveTimestampSuffix($0) { note($0) } }
    }

    /// Adds the counts of a later stretch of the same column.
    mutating func merge(_ later: CSVTimestampForms) {
        zoned &+= later.zoned
        fractions &+= later.fractions
        if firstZoned == nil { firstZoned = later.firstZoned }
        if firstFraction == nil { firstFraction = later.firstFraction }
    }

    /// The report's notes for column `name`, each with the first such value and what it became:
    /// `at: 120 times with a UTC offset read as Copenhagen time (2025-03-01T10:00:00Z = 2025-03-01T11:00)`.
    func notes(_ name: String) -> [String] {
        var notes: [String] = []
        if zoned > 0, let first = firstZoned {
            notes.append("\(name): \(LoadReport.grouped(zoned)) \(zoned == 1 ? "time" : "times") with a UTC offset read as "
                         + "Copenhagen time (\(first)\(CSVTimestampForms.became(first)))")
        }
        if fractions > 0, let first = firstFraction {
            notes.append("\(name): fractions of a second dropped from \(LoadReport.grouped(fractions)) "
                         + "\(fractions == 1 ? "time" : "times") (\(first)\(CSVTimestampForms.became(first)))")
        }
        return notes
    }

    /// ` = 2025-03-01T11:00`: what a value written with an offset or fraction was read as.
    private static func became(_ written: String) -> String {
        var written = written
        guard case .timestamp(let t)? = written.withUTF8({ CSVValueParser.isoDateOrTimestamp($0) }) else { return "" }
        return " = \(LocalTime.format(t))"
    }
}
