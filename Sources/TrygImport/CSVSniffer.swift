import TrygEngine
/// The format of a CSV file, as given or sniffed.
struct CSVDialect: Equatable {
    var delimiter: UInt8
    var quoting: Bool
    var header: Bool
    var numbers: CSVNumberFormat
}

/// What the sniffer hands the loader: how to read the file, the columns and where data starts.
struct CSVPlan {
    var dialect: CSVDialect
    var names: [String]
    var rules: [CSVColumnRule]
    /// How each column writes numbers.
    var numbers: [CSVNumberFormat]
    /// Offset and 1-based line of the first data row.
    var dataStart: Int
    var dataLine: Int
    var findings: [LoadReport.Finding]
    var warnings: [Diagnostic]
    /// What a person must know about how the file was read (lines passed over, separators
    /// decided per column, …), one line each.
    var notes: [String] = []
    /// The header's fields as written, when it has two or more: a later line that repeats it
    /// (a page break in an export) is no row.
    var header: [[UInt8]]? = nil
    /// Empty fields at the end of the first row (the header's names, or a row's values) dropped
    /// because no sampled row has a value under them (delimiters after the last name).
    var droppedNames = 0
}

/// Decides each part of a CSV file's format that the options leave open, from a sample of
/// the file: the first 2 MiB, and for a larger file 16 stretches of 64 KiB spread over the
/// rest, so that types do not rest on the first rows alone.
///
/// - Delimiter: of `,` `;` tab `|`, the one that splits the first lines into the same number
///   (above one) of fields most consistently; on a tie one other than `,` (a `;` file with
///   decimal commas splits consistently on `,` as well).
/// - Quoting: on, unless quotes break lines that read consistently without them.
/// - Numbers: a decimal comma when values such as `3,5` outnumber ones such as `3.5`; with
///   no such values, a comma after a `;` delimiter (Danish Excel) and a point otherwise.
///   Thousands are grouped by the other mark.
/// - Header: yes, unless the first row looks like data: no value in it is text where its
///   column holds numbers, dates or booleans, and some value is a date, decimal or boolean
///   of its column's type, or a text that appears again further down.
/// - Types: see `CSVValueCounts.rule`.
struct CSVSniffer {
    let bytes: CSVBytes
    /// Where the text starts (after a byte order mark).
    let start: Int
    let options: ImportOptions
    /// Keep empty names at the end of the header as columns: a row past the sample has a value
    /// under one (`CSVChunk.valuesUnderDroppedNames`).
    var keepsEmptyNames = false

    /// Bytes and records read to pick the delimiter.
    static let delimiterSampleBytes = 256 << 10
    static let delimiterSampleRecords = 500
    /// The head of the file sampled for types; a file up to this size is sampled whole.
    /// A sample of a few thousand rows decides as well as a larger one would: a sniffed type
    /// that the rest of the file does not bear out still falls back to text (`CSVLoader`).
    static let headBytes = 128 << 10
    static let windowCount = 16
    static let windowBytes = 8 << 10

    func plan() throws(Diagnostic) -> CSVPlan {
        let head = view(from: start, length: CSVSniffer.delimiterSampleBytes)
        var quoting = options.quoting ?? true
        var delimiter = try chooseDelimiter(head, quoting: quoting)
        let quotingFinding: LoadReport.Finding
        var quotingNote: String?
        if let given = options.quoting {
            quotingFinding = LoadReport.Finding(part: "quoting", value: given ? "'\"'" : "none", given: true)
        } else {
            let (off, evidence) = quotesMakeTrouble(head, delimiter: delimiter.choice.byte)
            quoting = !off
            quotingFinding = LoadReport.Finding(part: "quoting", value: off ? "none" : "'\"'", given: false, evidence: evidence)
            if off {
                delimiter = try chooseDelimiter(head, quoting: false)
                // It changes values (`"x"` keeps its quotes), so the short report says so too.
                quotingNote = "quoting off: \(evidence ?? "quotes do not quote here"); a '\"' stays in its value (quoting yes reads them as quotes)"
            }
        }
        var columns = CSVColumnSniffer(sniffer: self, delimiter: delimiter.choice.byte, quoting: quoting,
                                       modalWidth: delimiter.choice.width)
        var plan = try columns.plan(findings: [delimiter.finding, quotingFinding])
        if let quotingNote { plan.notes.insert(quotingNote, at: 0) }
        return plan
    }

    /// A delimiter and the number of fields it gives most lines.
    struct DelimiterChoice {
        let byte: UInt8
        let width: Int
    }

    /// Candidates in reverse order of preference: on a tie the later one wins, so `,`
    /// loses to any other and `;` wins.
    static let tieOrder: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "\t"), UInt8(ascii: ";")]

    private func chooseDelimiter(_ head: CSVBytes, quoting: Bool) throws(Diagnostic)
        -> (choice: DelimiterChoice, finding: LoadReport.Finding) {
        if let d = options.delimiter {
            guard d < 0x80, d != UInt8(ascii: "\""), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") else {
                throw bytes.fileError("the delimiter must be an ASCII character other than a quote or a line end")
            }
            let shape = fieldCounts(head, delimiter: d, quoting: quoting)
            return (DelimiterChoice(byte: d, width: max(1, shape.modal)),
                    LoadReport.Finding(part: "delimiter", value: CSVSniffer.show(d), given: true))
        }
        // The delimiter that splits the earliest line (the header, below any title) wins; among
        // those, the one whose later lines keep the header's width most often, then the one
        // whose lines split most consistently. A few ragged rows, a comma inside text or
        // decimal commas then do not flip a `;` file to `,`.
        var best: (choice: DelimiterChoice, shape: FieldCounts)?
        for d in CSVSniffer.tieOrder {
            let shape = fieldCounts(head, delimiter: d, quoting: quoting)
            guard shape.modal > 1, shape.headerIndex >= 0 else { continue }
            // A one-column file of numbers with decimal commas (`513,00`) or commas grouping
            // thousands (`27,509,427.9`) under a header that does not split: no delimiter.
            if d == UInt8(ascii: ","), shape.headerIndex > 0, onlyNumbersWithCommas(head, quoting: quoting) { continue }
            // Lines of one value above a "header" that reads as prose (`Nørrebrogade 1, 2200
            // København N`): a file of one column whose values hold the byte, not a title.
            if shape.headerIndex > 0, shape.headerIsProse { continue }
            if let b = best {
                let s = shape, o = b.shape
                // A header that reads as prose (`Udtræk, Københavns Kommune, 2025` over a `;`
                // header; `Id;Skade, kr.;Dato` split at the comma) loses to one of clean names.
                if s.headerIsProse != o.headerIsProse {
                    if s.headerIsProse { continue }
                } else if s.headerIndex != o.headerIndex {
                    if s.headerIndex > o.headerIndex { continue }
                } else if s.headerFit != o.headerFit {
                    if s.headerFit < o.headerFit { continue }
                } else if s.consistency < o.consistency {
                    continue
                }
            }
            best = (DelimiterChoice(byte: d, width: shape.modal), shape)
        }
        if best == nil, let (d, shape) = headerOnlyDelimiter(head, quoting: quoting) {
            return (DelimiterChoice(byte: d, width: shape.headerWidth), LoadReport.Finding(
                part: "delimiter", value: CSVSniffer.show(d), given: false,
                evidence: "it splits the header into \(shape.headerWidth) names; no line below has more fields"))
        }
        guard let best else {
            // One column: no byte splits it, so a comma or `;` inside a value stays in it.
            // (A first line longer than the sample shows no whole line: it is read with `,`, so
            // a line of millions of commas is named as such.)
            let comma = fieldCounts(head, delimiter: UInt8(ascii: ","), quoting: quoting)
            let byte = comma.records == 0 ? UInt8(ascii: ",") : CSVSniffer.noDelimiter
            let shape = fieldCounts(head, delimiter: byte, quoting: quoting)
            return (DelimiterChoice(byte: byte, width: max(1, shape.modal)),
                    LoadReport.Finding(part: "delimiter", value: "none", given: false,
                                       evidence: "one column: no , ; tab or | splits the lines"))
        }
        let s = best.shape
        return (best.choice, LoadReport.Finding(
            part: "delimiter", value: CSVSniffer.show(best.choice.byte), given: false,
            evidence: "\(s.modal) fields on \(LoadReport.grouped(s.withModal)) of \(LoadReport.grouped(s.records)) lines"))
    }

    /// A delimiter that splits only the header, when every line below it is short (its last
    /// fields empty and left out, as some exports write a column with no values): the first
    /// line splits into distinct names, none empty or starting with a space (prose such as
    /// `Hændelse, kort` does), and no line below has more fields. Nil when no candidate does.
    private func headerOnlyDelimiter(_ head: CSVBytes, quoting: Bool) -> (UInt8, FieldCounts)? {
        for d in CSVSniffer.tieOrder.reversed() {
            let shape = fieldCounts(head, delimiter: d, quoting: quoting)
            if shape.headerIndex == 0, shape.headerNamesDistinct, shape.afterHeader > 0,
               shape.widestAfterHeader <= shape.headerWidth {
                return (d, shape)
            }
        }
        return nil
    }

    /// The delimiter of a file of one column: the ASCII unit separator, which text files
    /// do not hold.
    static let noDelimiter: UInt8 = 0x1F

    /// Whether every record that `,` splits is one number written with commas (`0,97`,
    /// `-1.234,50`, `27,509,427.9`), and some record is.
    private func onlyNumbersWithCommas(_ head: CSVBytes, quoting: Bool) -> Bool {
        var seen = 0, other = 0
        forEachRecord(in: head, delimiter: UInt8(ascii: ","), quoting: quoting, limit: CSVSniffer.delimiterSampleRecords) { record, _ in
            guard record.fieldCount >= 2 else { return }
            let b = UnsafeBufferPointer(start: head.base + record.start, count: record.end - record.start)
            let isNumber = b.count <= 40 && b.count >= 3
                && (CSVColumnSniffer.decimalMark(b) != nil || CSVColumnSniffer.ambiguousMark(b) != nil)
            if isNumber { seen += 1 } else { other += 1 }
        }
        return seen > 0 && other == 0
    }

    /// How many fields the sampled records have: the most common count and how many have it.
    struct FieldCounts {
        var modal = 0
        var withModal = 0
        var records = 0
        /// Records broken by quotes: one left open, or text after a closing one.
        var quoteTrouble = 0
        /// Records with a quoted field and no trouble.
        var quotedClean = 0

        /// The first record (counted from 0, blank lines left out) that splits into two fields
        /// or more, within the first 20; -1 when none does.
        var headerIndex = -1
        /// Its number of fields.
        var headerWidth = 0
        /// Records after it with its width (or one more, the last field empty).
        var fitting = 0
        var afterHeader = 0
        /// The most fields of a record after the header.
        var widestAfterHeader = 0
        /// Whether the header's fields are distinct, none empty or starting with a space.
        var headerNamesDistinct = false
        /// Whether a field of the header after its first starts with a space, as the words after a
        /// comma in a sentence or an address do, and column names do not.
        var headerIsProse = false

        /// The share of the records after the header that keep its width.
        var headerFit: Double { afterHeader == 0 ? 0 : Double(fitting) / Double(afterHeader) }

        /// The share of records with the modal count; records broken by quotes count against it.
        var consistency: Double { records == 0 ? 0 : Double(withModal) / Double(records) }
    }

    func fieldCounts(_ view: CSVBytes, delimiter: UInt8, quoting: Bool) -> FieldCounts {
        var histogram: [Int: Int] = [:]
        // The same from the first line that splits (the header) on: title lines above it
        // count only when they are as many as the lines from it, or no line below it splits.
        var fromHeader: [Int: Int] = [:]
        var splitBelowHeader = 0
        var firstWidth = 0
        var endsEmpty: [Int: Bool] = [:]
        var counts = FieldCounts()
        forEachRecord(in: view, delimiter: delimiter, quoting: quoting, limit: CSVSniffer.delimiterSampleRecords) { record, fields in
            if record.fieldCount == 1, record.start == record.end { return }
            counts.records += 1
            if record.openQuote != nil || record.strayTextAfterQuote != nil {
                counts.quoteTrouble += 1
                return
            }
            if record.hasQuotedField { counts.quotedClean += 1 }
            if firstWidth == 0 { firstWidth = record.fieldCount }
            let lastEmpty = fields.last.map { $0.start == $0.end } ?? false
            endsEmpty[record.fieldCount] = (endsEmpty[record.fieldCount] ?? true) && lastEmpty
            histogram[record.fieldCount, default: 0] += 1
            if counts.headerIndex >= 0 || (record.fieldCount > 1 && counts.records <= 20) {
                fromHeader[record.fieldCount, default: 0] += 1
                if counts.headerIndex >= 0, record.fieldCount > 1 { splitBelowHeader += 1 }
            }
            if counts.headerIndex >= 0 {
                counts.afterHeader += 1
                counts.widestAfterHeader = max(counts.widestAfterHeader, record.fieldCount)
                if record.fieldCount == counts.headerWidth
                    || (record.fieldCount == counts.headerWidth + 1 && fields.last.map { $0.start == $0.end } == true) {
                    counts.fitting += 1
                }
            } else if record.fieldCount > 1, counts.records <= 20 {
                counts.headerIndex = counts.records - 1
                counts.headerWidth = record.fieldCount
                let names = fields.map { Array(UnsafeBufferPointer(start: view.base + $0.start, count: $0.end - $0.start)) }
                counts.headerNamesDistinct = Set(names).count == names.count
                    && names.allSatisfy { $0.first.map { $0 != UInt8(ascii: " ") } ?? false }
                counts.headerIsProse = delimiter != UInt8(ascii: " ") && names.dropFirst().contains { $0.first == UInt8(ascii: " ") }
            }
        }
        if counts.headerIndex > 0, splitBelowHeader > 0, counts.records - counts.headerIndex >= counts.headerIndex {
            histogram = fromHeader
        }
        // On a tie, the width of the first line (the header) wins, or one more when those
        // lines all end in an empty field (a delimiter after the last); then the wider.
        let preferred = endsEmpty[firstWidth + 1] == true ? firstWidth + 1 : firstWidth
        for (width, n) in histogram.sorted(by: { $0.key < $1.key })
        where n > counts.withModal || (n == counts.withModal && counts.modal != preferred) {
            counts.modal = width
            counts.withModal = n
        }
        return counts
    }

    /// Whether quoting should be off: quotes break more lines than they quote well (two at
    /// least, as one broken line is a row to reject), and without quoting the lines split
    /// more consistently.
    private func quotesMakeTrouble(_ head: CSVBytes, delimiter: UInt8) -> (Bool, String?) {
        let on = fieldCounts(head, delimiter: delimiter, quoting: true)
        guard on.quoteTrouble > 0 else { return (false, nil) }
        guard on.quoteTrouble >= 2, on.quoteTrouble > on.quotedClean else {
            return (false, "\(on.quoteTrouble) of \(on.records) lines have a quote problem")
        }
        let off = fieldCounts(head, delimiter: delimiter, quoting: false)
        if off.modal > 1 || on.modal <= 1, off.consistency > on.consistency {
            return (true, "quotes leave \(on.quoteTrouble) of \(on.records) lines broken; without them they split evenly")
        }
        return (false, "\(on.quoteTrouble) of \(on.records) lines have a quote problem")
    }

    /// Calls `body` with each record of `view` (and its fields), at most `limit` records. When
    /// the view ends before the file does, its last record may be cut, and is left out.
    func forEachRecord(in view: CSVBytes, delimiter: UInt8, quoting: Bool, limit: Int = .max,
                       _ body: (CSVRecord, [CSVField]) -> Void) {
        var scanner = CSVScanner(bytes: view, delimiter: delimiter, quoting: quoting, position: 0)
        let truncated = view.base + view.count < bytes.base + bytes.count
        var fields: [CSVField] = []
        var n = 0
        while n < limit, let record = scanner.next(into: &fields) {
            if truncated, scanner.position >= view.count { break }
            body(record, fields)
            n += 1
        }
    }

    /// `length` bytes of the file from `offset` (fewer at its end), as bytes of their own.
    func view(from offset: Int, length: Int) -> CSVBytes {
        let from = min(offset, bytes.count)
        return CSVBytes(base: bytes.base + from, count: min(length, bytes.count - from), path: bytes.path)
    }

    /// The stretches sampled for types: the head (from `dataStart`), and windows that each
    /// begin at a line start.
    func sampleViews(from dataStart: Int) -> [CSVBytes] {
        var views = [view(from: dataStart, length: CSVSniffer.headBytes)]
        let rest = bytes.count - (dataStart + CSVSniffer.headBytes)
        guard rest > 0 else { return views }
        for k in 0..<CSVSniffer.windowCount {
            let from = dataStart + CSVSniffer.headBytes + rest / CSVSniffer.windowCount * k
            // A window starts at a line start within it; a window inside one long line is skipped
            // (looking further would walk that line once per window).
            // Windows do not overlap when the rest is short.
            let length = min(CSVSniffer.windowBytes, rest / CSVSniffer.windowCount)
            let limit = min(bytes.count, from + length)
            var at = from
            while at < limit, bytes.base[at - 1] != UInt8(ascii: "\n") { at += 1 }
            if at < limit { views.append(view(from: at, length: length)) }
        }
        return views
    }

    /// A delimiter as the report shows it.
    static func show(_ d: UInt8) -> String {
        switch d {
        case UInt8(ascii: "\t"): return "tab"
        case UInt8(ascii: " "): return "space"
        default: return "'\(Character(Unicode.Scalar(d)))'"
        }
    }
}
