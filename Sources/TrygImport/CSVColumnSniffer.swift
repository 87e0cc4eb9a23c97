import TrygEngine
/// The second half of sniffing, once the delimiter and quoting are known: how numbers are
/// written, whether the first row is a header, the column names and their types.
struct CSVColumnSniffer {
    let sniffer: CSVSniffer
    let delimiter: UInt8
    let quoting: Bool
    /// The number of fields most lines have.
    let modalWidth: Int
    private let scratch = CSVScratch()
    /// Made once: every sampled field is checked against them.
    private let markers: CSVNullMarkers

    init(sniffer: CSVSniffer, delimiter: UInt8, quoting: Bool, modalWidth: Int) {
        self.sniffer = sniffer
        self.delimiter = delimiter
        self.quoting = quoting
        self.modalWidth = modalWidth
        self.markers = CSVNullMarkers(extra: sniffer.options.nullMarkers)
    }

    private var bytes: CSVBytes { sniffer.bytes }
    private var options: ImportOptions { sniffer.options }

    mutating func plan(findings given: [LoadReport.Finding]) throws(Diagnostic) -> CSVPlan {
        var findings = given
        var notes: [String] = []
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, quoting: quoting, position: sniffer.start)
        var firstFields: [CSVField] = []
        guard var first = scanner.next(into: &firstFields) else { throw bytes.fileError(CSVLoader.emptyFile) }
        // Title lines, an extraction date and blank lines above the header are passed over.
        if options.header != false {
            // One column, with a delimiter after each value or not: no line has two values.
            let oneColumn = modalWidth == 1 || (modalWidth == 2 && mostLinesEndEmpty(from: sniffer.start))
            let titles = oneColumn ? oneColumnTitleLines(from: sniffer.start) : titleLines(from: sniffer.start)
            if titles.count > 0 {
                for _ in 0..<titles.count {
                    guard let next = scanner.next(into: &firstFields) else { break }
                    first = next
                }
                let shown = titles.first(where: { !$0.isEmpty }).map { " ('\(String($0.prefix(60)))')" } ?? " (blank)"
                let lines = titles.count == 1 ? "line 1" : "lines 1–\(titles.count)"
                notes.append("\(lines) above the header passed over\(shown)")
            }
        }
        let afterFirst = scanner.position, secondLine = scanner.line
        // The types are decided on a sample (`CSVSniffer.sampleViews`): all of a small file.
        let wholeFileSampled = bytes.count - afterFirst <= CSVSniffer.headBytes
        let firstIsBlank = first.fieldCount == 1 && first.start == first.end
        // Delimiters after the header's last name add no column when no row has a value under
        // the empty names they make (the rows may end in delimiters too).
        var headerWidth = first.fieldCount
        if options.header != false, !sniffer.keepsEmptyNames, headerWidth > 1, headerWidth <= LoadLimits.columns,
           firstFields[headerWidth - 1].isEmpty {
            let used = sampledWidth(from: afterFirst)
            while headerWidth > 1, headerWidth > used, firstFields[headerWidth - 1].isEmpty { headerWidth -= 1 }
        }

        let (numbers, votes) = decideNumbers(from: afterFirst, findings: &findings)
        // The first row's width wins when it differs: a header that names fewer or more
        // columns than the rows have is still the header, and the rows are ragged.
        let headerAssumed = options.header ?? (headerWidth != modalWidth && first.fieldCount != modalWidth && !firstIsBlank)
        // Rows as wide as the first row as written have the header's width, the empty fields
        // at their end (delimiters after the last field) dropped.
        let width = headerAssumed || first.fieldCount == modalWidth ? headerWidth : modalWidth
        var scratchNotes: [String] = []
        let sampleNumbers = columnNumbers(votes, file: numbers, names: (0..<min(width, LoadLimits.columns)).map { "\($0)" },
                                          notes: &scratchNotes)
        var sample = sampleCounts(from: afterFirst, width: width, numbers: sampleNumbers, first: (first, firstFields))

        var header = true
        var headerEvidence: String?
        if let given = options.header {
            header = given
        } else if firstIsBlank {
            header = true
        } else if headerAssumed {
            headerEvidence = "the first row has \(LoadReport.grouped(headerWidth)) fields, most rows \(modalWidth)"
        } else {
            (header, headerEvidence) = decideHeader(first: Array(firstFields.prefix(width)), sample: sample, numbers: sampleNumbers)
            if header, headerEvidence == nil, let caution = numericNamesNote(first: first, fields: firstFields, sample: sample) {
                notes.append(caution)
            }
        }
        findings.append(LoadReport.Finding(part: "header", value: header ? "yes" : "no", given: options.header != nil,
                                           evidence: headerEvidence))
        var warnings: [Diagnostic] = []
        let names: [String]
        if header {
            if firstIsBlank { throw bytes.error(CSVLoader.blankHeader, atByte: first.start, line: first.line) }
            names = try columnNames(first, Array(firstFields.prefix(headerWidth)), warnings: &warnings, notes: &notes)
        } else {
            guard width <= LoadLimits.columns else { throw tooManyColumns(width, first) }
            names = (0..<width).map { "column_\($0 + 1)" }
            for (c, value) in sample.firstRow.enumerated() { if let value { sample.counts[c].add(value) } else { sample.counts[c].nulls += 1 } }
        }
        let declared = try checkTypeOverrides(names, header: first)
        let rules = names.indices.map { c -> CSVColumnRule in
            if let t = declared[names[c]] { return .declared(t) }
            return c < sample.counts.count ? sample.counts[c].rule : .inferred
        }
        for (c, name) in names.enumerated() where c < sample.counts.count && rules[c] == .text {
            if let why = sample.counts[c].textReason(sampled: wholeFileSampled == false) { notes.append("\(name): \(why)") }
        }
        // Number notes only for the columns that hold numbers.
        var numberNotes: [String] = []
        let formats = columnNumbers(votes, file: numbers, names: names, notes: &numberNotes)
        notes += numberNotes.filter { note in
            guard let c = names.firstIndex(where: { note.hasPrefix($0 + ": ") }) else { return true }
            switch rules[c] {
            case .sniffed(.int), .sniffed(.decimal), .declared(.int), .declared(.decimal): return true
            default: return false
            }
        }
        let dialect = CSVDialect(delimiter: delimiter, quoting: quoting, header: header, numbers: numbers)
        let repeatable = header && headerWidth >= 2 ? firstFields.prefix(headerWidth).map { Array(field($0, in: bytes)) } : nil
        return CSVPlan(dialect: dialect, names: names, rules: rules, numbers: formats,
                       dataStart: header ? afterFirst : sniffer.start, dataLine: header ? secondLine : 1,
                       findings: findings, warnings: warnings, notes: notes, header: repeatable,
                       droppedNames: first.fieldCount - headerWidth)
    }

    /// The most fields up to one with a value, over the sampled rows from `offset`: a header
    /// name past it heads no value.
    private func sampledWidth(from offset: Int) -> Int {
        var used = 0
        for view in sniffer.sampleViews(from: offset) {
            sniffer.forEachRecord(in: view, delimiter: delimiter, quoting: quoting) { record, fields in
                guard record.fieldCount > used else { return }
                if let last = fields.lastIndex(where: { !$0.isEmpty }) { used = max(used, last + 1) }
            }
        }
        return used
    }

    /// In a file of one column, the lines above the header that hold a title: where the
    /// first lines (up to 20) are text or blank and the values below the header are numbers,
    /// dates or booleans, the header is the last text line above them. A column of text
    /// cannot tell a title from its values, and has none.
    private func oneColumnTitleLines(from start: Int) -> [String] {
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, quoting: quoting, position: start)
        var fields: [CSVField] = []
        // A missing-value marker (`NULL`, `-`) is a value of any column, like a blank line.
        var lines: [(text: String, isValue: Bool, isBlank: Bool, isMarker: Bool)] = []
        let formats = [CSVNumberFormat.plain, CSVNumberFormat(decimalComma: true, thousands: UInt8(ascii: ".")),
                       CSVNumberFormat(decimalComma: false, thousands: UInt8(ascii: ","))]
        while lines.count < 24, scanner.next(into: &fields) != nil {
            let b = fields.first.map { field($0, in: bytes) } ?? UnsafeBufferPointer(start: nil, count: 0)
            let text = String(decoding: b, as: UTF8.self).trimmingCSVSpaces()
            let isMarker = !b.isEmpty && markers.matches(b)
            let isValue = !b.isEmpty && !isMarker && formats.contains { CSVValueParser.classify(b, $0) != .text }
            lines.append((String(text), isValue, b.isEmpty, isMarker))
        }
        // The header: the first line of words with three values right below it, and more values
        // below it than lines of words above it; a code such as `01750` is a value, not a name. Text
        // with a number or two among it (`Rude knust`, `3`) has no title: its lines are rows.
        func hasLetters(_ text: String) -> Bool { text.unicodeScalars.contains { $0.properties.isAlphabetic } }
        guard let header = lines.indices.first(where: { h in
            guard !lines[h].isValue, !lines[h].isBlank, !lines[h].isMarker, hasLetters(lines[h].text) else { return false }
            let below = lines[(h + 1)...].filter { !$0.isBlank && !$0.isMarker }
            let above = lines[..<h].count { !$0.isBlank }
            return below.count >= 3 && below.prefix(3).allSatisfy(\.isValue) && below.count { $0.isValue } > above
        }), header >= 1, header <= 20,
              lines[..<header].allSatisfy({ $0.isBlank || (!$0.isValue && !$0.isMarker && hasLetters($0.text)) })
        else { return [] }
        return lines[..<header].map(\.text)
    }

    /// The lines above the header that hold a title: blank lines and lines with at most one
    /// value, before the first line with two values or more (within the first 20 lines), which
    /// must have a line of two fields or more below it. A file whose first such line is the
    /// first line has none.
    private func titleLines(from start: Int) -> [String] {
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, quoting: quoting, position: start)
        var fields: [CSVField] = []
        var titles: [String] = []
        while titles.count < 20, let record = scanner.next(into: &fields) {
            let filled = fields.filter { $0.end > $0.start }
            if titles.isEmpty, filled.count >= 2 { return [] }
            if filled.count >= 2 {
                // The header must have a row below it that splits as well, among the next three
                // (the first may be short).
                for _ in 0..<3 {
                    guard let below = scanner.next(into: &fields) else { break }
                    if below.fieldCount >= 2 { return titles }
                }
                return []
            }
            let text = filled.first.map { String(decoding: field($0, in: bytes), as: UTF8.self) } ?? ""
            titles.append(String(text.trimmingCSVSpaces()))
            _ = record
        }
        return []
    }

    /// Whether most lines of the modal width end in an empty field: a delimiter after each
    /// value of a file of one column.
    private func mostLinesEndEmpty(from start: Int) -> Bool {
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, quoting: quoting, position: start)
        var fields: [CSVField] = []
        var modal = 0, emptyLast = 0
        while modal < 200, let record = scanner.next(into: &fields) {
            guard record.fieldCount == modalWidth, let last = fields.last else { continue }
            modal += 1
            if last.start == last.end { emptyLast += 1 }
        }
        return modal > 0 && emptyLast * 5 >= modal * 4
    }

    // MARK: Numbers

    /// What the sample says about one column's numbers.
    struct NumberVotes {
        var comma = 0, point = 0
        var commaExample: String?, pointExample: String?
        /// `1.250` or `1,250`: three digits after the one mark, so thousands or a fraction.
        var ambiguous: (mark: UInt8, example: String)?
        /// `1 007,01`: thousands grouped by a space or a no-break space; the fraction's mark
        /// (nil when the example has none).
        var spaceGrouped: (mark: UInt8?, example: String)?
    }

    /// The file's number format, and each column's (by field position): a column whose
    /// numbers spell their decimal mark beyond doubt gets that mark; an ambiguous one
    /// (`1.250`) is read as Danish Excel writes numbers in a `;` file (`.` groups thousands,
    /// `,` is the decimal mark), and otherwise as the rest of the file decides.
    private func decideNumbers(from offset: Int, findings: inout [LoadReport.Finding]) -> (CSVNumberFormat, [NumberVotes]) {
        var columns: [NumberVotes] = []
        if options.decimalComma == nil {
            for view in sniffer.sampleViews(from: offset) {
                sniffer.forEachRecord(in: view, delimiter: delimiter, quoting: quoting) { _, fields in
                    for (c, f) in fields.enumerated() where c < LoadLimits.columns {
                        // A padded number (` 1,5`, fixed-width exports) votes as the number.
                        let raw = field(f, in: view)
                        let b = CSVValueParser.unpadded(raw) ?? raw
                        guard b.count >= 3, b.count <= 40 else { continue }
                        while columns.count <= c { columns.append(NumberVotes()) }
                        switch CSVColumnSniffer.decimalMark(b) {
                        case UInt8(ascii: ",")?:
                            columns[c].comma += 1
                            if columns[c].commaExample == nil { columns[c].commaExample = String(decoding: b, as: UTF8.self) }
                        case UInt8(ascii: ".")?:
                            columns[c].point += 1
                            if columns[c].pointExample == nil { columns[c].pointExample = String(decoding: b, as: UTF8.self) }
                        default:
                            if columns[c].ambiguous == nil, let mark = CSVColumnSniffer.ambiguousMark(b) {
                                columns[c].ambiguous = (mark, String(decoding: b, as: UTF8.self))
                            } else if options.thousands == nil, let grouped = CSVColumnSniffer.spaceGroupedMark(b),
                                      columns[c].spaceGrouped?.mark == nil {
                                columns[c].spaceGrouped = (grouped.mark, String(decoding: b, as: UTF8.self))
                            }
                        }
                    }
                }
            }
        }
        let commaVotes = columns.reduce(0) { $0 + $1.comma }, pointVotes = columns.reduce(0) { $0 + $1.point }
        let commaExample = columns.lazy.compactMap(\.commaExample).first
        let pointExample = columns.lazy.compactMap(\.pointExample).first
        let comma: Bool
        let evidence: String?
        if let given = options.decimalComma {
            comma = given
            evidence = nil
        } else if commaVotes != pointVotes {
            comma = commaVotes > pointVotes
            let example = (comma ? commaExample : pointExample) ?? ""
            let more = max(commaVotes, pointVotes) - 1
            let against = min(commaVotes, pointVotes)
            evidence = "\(example)" + (more > 0 ? " and \(LoadReport.grouped(more)) more like it" : "")
                + (against > 0 ? ", against \(LoadReport.grouped(against)) the other way" : "")
        } else {
            comma = delimiter == UInt8(ascii: ";")
            evidence = comma ? "no decimals seen; usual with ';' (Danish Excel)" : "no decimals seen"
        }
        let file = format(comma)
        let mark = comma ? "decimal comma" : "decimal point"
        let grouping = file.thousands.map { "thousands \(CSVSniffer.show($0))" } ?? "no thousands separator"
        findings.append(LoadReport.Finding(part: "numbers", value: "\(mark), \(grouping)",
                                           given: options.decimalComma != nil, evidence: evidence))
        return (file, columns)
    }

    /// The number format with this decimal mark, and the thousands separator the options
    /// give or the other mark.
    private func format(_ comma: Bool) -> CSVNumberFormat {
        var thousands: UInt8? = comma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        switch options.thousands {
        case .none?: thousands = nil
        case .separator(let t)?: thousands = t
        case nil: break
        }
        return CSVNumberFormat(decimalComma: comma, thousands: thousands)
    }

    /// Each column's number format, with a note for each column read otherwise than the
    /// file, or whose mark was ambiguous in every value.
    private func columnNumbers(_ votes: [NumberVotes], file: CSVNumberFormat, names: [String],
                               notes: inout [String]) -> [CSVNumberFormat] {
        names.indices.map { c in
            guard c < votes.count else { return file }
            let v = votes[c]
            if let (mark, example) = v.spaceGrouped {
                // A column of `1 007,01`: grouped by spaces, its decimal mark the example's, else
                // the column's or the file's.
                let comma = options.decimalComma ?? (mark.map { $0 == UInt8(ascii: ",") }
                    ?? (v.comma != v.point ? v.comma > v.point : file.decimalComma))
                let chosen = CSVNumberFormat(decimalComma: comma, thousands: UInt8(ascii: " "))
                notes.append("\(names[c]): ' ' read as thousands separator (\(example) = \(CSVColumnSniffer.shown(example, chosen)))")
                return chosen
            }
            guard options.decimalComma == nil else { return file }
            if v.comma != v.point {
                let comma = v.comma > v.point
                if comma != file.decimalComma, let example = comma ? v.commaExample : v.pointExample {
                    notes.append("\(names[c]): decimal \(comma ? "comma" : "point") (\(example)), unlike the rest of the file")
                }
                return format(comma)
            }
            guard let (mark, example) = v.ambiguous else { return file }
            // A mark the rest of the file does not use as its decimal mark groups thousands
            // (`63,839` where decimals are written `12.5`); so does `.` in a `;` file, as
            // Danish Excel writes it (`1.250` visitors beside coordinates `55.67`).
            let groups = mark != file.mark || (delimiter == UInt8(ascii: ";") && mark == UInt8(ascii: "."))
            let chosen = groups ? format(mark == UInt8(ascii: ".")) : file
            let role = chosen.thousands == mark ? "thousands separator" : "decimal mark"
            notes.append("\(names[c]): '\(Character(Unicode.Scalar(mark)))' read as \(role) (\(example) = \(CSVColumnSniffer.shown(example, chosen)))")
            return chosen
        }
    }

    /// A sampled number as the format reads it, for a note (`?` when it does not read).
    static func shown(_ example: String, _ format: CSVNumberFormat) -> String {
        var probe = Array(example.utf8)
        let value = probe.withUnsafeMutableBufferPointer { CSVValueParser.number(UnsafeBufferPointer($0), format) }
        switch value {
        case .int(let n)?: return String(n)
        case .decimal(let d)?: return Value.format(d)
        default: return "?"
        }
    }

    /// `1 007`, `-12 345,50`, `1 234 567.5`: one to three digits, then groups of three after a
    /// space or a no-break space (U+00A0, U+202F), then perhaps a fraction after `,` or `.`;
    /// nil when the bytes are not such a number.
    static func spaceGroupedMark(_ b: UnsafeBufferPointer<UInt8>) -> SpaceGrouping? {
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        var run = 0, groups = 0
        while i < b.count {
            let c = b[i]
            if c &- UInt8(ascii: "0") < 10 {
                run += 1
                i += 1
                continue
            }
            let space = c == UInt8(ascii: " ") ? 1 : CSVValueParser.noBreakSpace(b, at: i)
            guard space > 0 else { break }
            guard groups == 0 ? (run >= 1 && run <= 3) : run == 3 else { return nil }
            groups += 1
            run = 0
            i += space
        }
        guard groups > 0, run == 3 else { return nil }
        if i == b.count { return SpaceGrouping(mark: nil) }
        let mark = b[i]
        guard mark == UInt8(ascii: ",") || mark == UInt8(ascii: "."), i + 1 < b.count else { return nil }
        i += 1
        while i < b.count, b[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        return i == b.count ? SpaceGrouping(mark: mark) : nil
    }

    /// A number grouped by spaces, and its fraction's mark (nil when it has no fraction).
    struct SpaceGrouping {
        let mark: UInt8?
    }

    /// `1.250` or `1,250`: one mark, one to three digits before it and three after, which
    /// may group thousands or end a fraction; the mark, or nil for any other value.
    static func ambiguousMark(_ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        var before = 0
        while i < b.count, b[i] &- UInt8(ascii: "0") < 10 { before += 1; i += 1 }
        guard before >= 1, before <= 3, i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") else { return nil }
        let mark = b[i]
        i += 1
        var after = 0
        while i < b.count, b[i] &- UInt8(ascii: "0") < 10 { after += 1; i += 1 }
        return i == b.count && after == 3 ? mark : nil
    }

    /// The decimal mark a number spells beyond doubt: `3,5`, `0,250`, `1.234,5` and `1.234.567` say
    /// comma, `3.5`, `0.250`, `1,234.5` and `1,234,567` say point; `1,500` and `1.500` (a fraction or
    /// thousands?) say nothing.
    static func decimalMark(_ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        var runs: [Int] = []
        var separators: [UInt8] = []
        var run = 0
        while i < b.count {
            let c = b[i]
            if c &- UInt8(ascii: "0") < 10 {
                run += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") {
                guard run > 0 else { return nil }
                runs.append(run)
                separators.append(c)
                run = 0
            } else {
                return nil
            }
            i += 1
        }
        guard run > 0, let mark = separators.last else { return nil }
        runs.append(run)
        let groups = separators.dropLast()
        if groups.isEmpty {
            // One separator: three digits after one to three before could be thousands, unless
            // the digit before is a lone 0 (`0.250`), which no one groups.
            let start = b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") ? 1 : 0
            if runs[0] == 1, b[start] == UInt8(ascii: "0") { return mark }
            return (runs[0] <= 3 && runs[1] == 3) ? nil : mark
        }
        guard runs[0] <= 3, runs.dropFirst().dropLast().allSatisfy({ $0 == 3 }) else { return nil }
        if groups.allSatisfy({ $0 != mark }) { return mark }
        // `2.657.517` or `2,020,122,029`: one mark grouping thousands more than once, so the
        // decimal mark is the other one.
        guard separators.allSatisfy({ $0 == mark }), runs.last == 3 else { return nil }
        return mark == UInt8(ascii: ".") ? UInt8(ascii: ",") : UInt8(ascii: ".")
    }

    // MARK: Types and header

    /// Counts per column over the sample, with the first row's values kept aside.
    struct Sample {
        var counts: [CSVValueCounts]
        /// The first row's value per column (nil for null) when it has the width.
        var firstRow: [CSVValue?]
        /// Per column: whether the first row's text value appears again further down.
        var firstTextRepeats: [Bool]
    }

    private func sampleCounts(from offset: Int, width: Int, numbers: [CSVNumberFormat],
                              first: (record: CSVRecord, fields: [CSVField])) -> Sample {
        var sample = Sample(counts: Array(repeating: CSVValueCounts(), count: min(width, LoadLimits.columns)),
                            firstRow: [], firstTextRepeats: Array(repeating: false, count: min(width, LoadLimits.columns)))
        guard width <= LoadLimits.columns else { return sample }
        var firstTexts: [[UInt8]?] = Array(repeating: nil, count: width)
        if CSVColumnSniffer.fits(first.record, first.fields, width: width) {
            for (c, f) in first.fields.prefix(width).enumerated() {
                let b = field(f, in: bytes)
                let value: CSVValue? = b.isEmpty || markers.matches(b) ? nil : CSVValueParser.classify(b, numbers[safe: c])
                sample.firstRow.append(value)
                if case .text? = value { firstTexts[c] = Array(b) }
            }
        }
        // A line that repeats a first line of names (a page break in an export) says nothing of types.
        let firstNames: [[UInt8]]? = width >= 2 && firstTexts.allSatisfy({ $0 != nil }) ? firstTexts.compactMap { $0 } : nil
        for view in sniffer.sampleViews(from: offset) {
            sniffer.forEachRecord(in: view, delimiter: delimiter, quoting: quoting) { record, fields in
                guard CSVColumnSniffer.fits(record, fields, width: width), record.openQuote == nil,
                      record.strayTextAfterQuote == nil else { return }
                if let firstNames, (0..<width).allSatisfy({ firstNames[$0].elementsEqual(field(fields[$0], in: view)) }) { return }
                for (c, f) in fields.prefix(width).enumerated() {
                    let b = field(f, in: view)
                    if b.isEmpty {
                        sample.counts[c].nulls += 1
                        continue
                    }
                    let value = CSVValueParser.classify(b, numbers[safe: c])
                    if value == .text, markers.matches(b) {
                        sample.counts[c].nulls += 1
                        continue
                    }
                    sample.counts[c].add(value, example: String(decoding: b, as: UTF8.self))
                    if let text = firstTexts[c], !sample.firstTextRepeats[c], text.elementsEqual(b) {
                        sample.firstTextRepeats[c] = true
                    }
                }
            }
        }
        return sample
    }

    /// Whether a record has `width` fields, or more whose fields past `width` are empty
    /// (delimiters after its last field).
    static func fits(_ record: CSVRecord, _ fields: [CSVField], width: Int) -> Bool {
        record.fieldCount == width || (record.fieldCount > width && fields.dropFirst(width).allSatisfy(\.isEmpty))
    }

    /// Header or data: see `CSVSniffer`. Returns the decision and its evidence.
    private func decideHeader(first: [CSVField], sample: Sample, numbers: [CSVNumberFormat]) -> (Bool, String?) {
        guard sample.firstRow.count == first.count else { return (true, nil) }
        var dataEvidence: String?
        for (c, value) in sample.firstRow.enumerated() {
            guard let value, c < sample.counts.count else { continue }
            let rule = sample.counts[c].rule
            let shown = String(decoding: field(first[c], in: bytes), as: UTF8.self)
            switch (value, rule) {
            case (.text, .sniffed(let type)):
                return (true, "'\(String(shown.prefix(40)))' heads a column of \(CSVValueCounts.kind(type))")
            case (.text, _):
                if sample.firstTextRepeats[c], dataEvidence == nil {
                    dataEvidence = "'\(String(shown.prefix(40)))' in the first row appears again in column \(c + 1)"
                }
            case (.int, _):
                continue
            default:
                if dataEvidence == nil { dataEvidence = "the first row holds data: \(shown.prefix(40)) in column \(c + 1)" }
            }
        }
        if let dataEvidence { return (false, dataEvidence) }
        return (true, nil)
    }

    /// When nothing told the first row from data and some of its fields are whole numbers
    /// heading columns of whole numbers (`1;Vesterbro;3`): the row is read as the header, as
    /// years heading columns are (`Bibliotek;2024;2025`), and the note says how to read it as
    /// data instead, so a lost first row never goes unmentioned.
    private func numericNamesNote(first: CSVRecord, fields: [CSVField], sample: Sample) -> String? {
        var numbers: [String] = []
        for (c, value) in sample.firstRow.enumerated() where c < sample.counts.count && c < fields.count {
            if case .int? = value, case .sniffed(.int) = sample.counts[c].rule {
                numbers.append(String(decoding: field(fields[c], in: bytes), as: UTF8.self))
            }
        }
        // Years heading columns (`2024`, `2025`) are the usual header of such a table: no note.
        guard numbers.contains(where: { Int($0).map { !(1900...2100).contains($0) } ?? true }) else { return nil }
        let shown = numbers.prefix(3).map { "'\($0.prefix(20))'" }.joined(separator: ", ") + (numbers.count > 3 ? ", …" : "")
        return "header: line \(first.line) is read as the column names, though \(shown) \(numbers.count == 1 ? "is a number" : "are numbers") "
            + "like the values below; if it is a row of data, load with header no (--header no)"
    }

    // MARK: Names

    /// Column names from the header's fields: trimmed, on one line and NFC; an empty name becomes
    /// `column_N` (N counts from 1) and a repeated one (ignoring case) `name_2`, `name_3`, …,
    /// each with a warning; names that held a line break are listed in a note.
    private func columnNames(_ header: CSVRecord, _ fields: [CSVField], warnings: inout [Diagnostic],
                             notes: inout [String]) throws(Diagnostic) -> [String] {
        if let open = header.openQuote {
            throw bytes.error("the header has a quote that is not closed on its line", atByte: open.offset, line: header.line)
        }
        if let stray = header.strayTextAfterQuote {
            throw bytes.error("unexpected text after the closing quote in the header", atByte: stray.offset,
                              line: header.line)
        }
        guard header.fieldCount <= LoadLimits.columns else { throw tooManyColumns(header.fieldCount, header) }
        var names: [String] = []
        var namer = ColumnNames(reserving: fields.map { f in
            f.end - f.start > LoadLimits.nameBytes ? "" : String(String(decoding: field(f, in: bytes), as: UTF8.self).trimmingCSVSpaces()).precomposedForTrygNFC
        })
        for (i, f) in fields.enumerated() {
            guard f.end - f.start <= LoadLimits.nameBytes else {
                throw bytes.error("column name \(i + 1) is \(LoadReport.grouped(f.end - f.start)) bytes long; at most "
                                  + "\(LoadReport.grouped(LoadLimits.nameBytes)) (is the first line a header? try header no)",
                                  atByte: f.start, line: header.line)
            }
            let given = String(String(decoding: field(f, in: bytes), as: UTF8.self).trimmingCSVSpaces()).precomposedForTrygNFC
            let named = namer.name(given, column: i + 1)
            // Only a warning needs the position (finding it scans the line: not once per column).
            func position() -> FilePosition { bytes.position(ofByte: f.start, line: header.line) }
            if named.warnEmpty {
                warnings.append(Diagnostic(.warning, "column \(i + 1) has no name; it is called \(named.given)", file: position()))
            }
            if named.warnRepeat {
                warnings.append(Diagnostic(.warning, "column \(i + 1) repeats the name '\(named.given)'; it is called \(named.name)",
                                           file: position()))
            }
            names.append(named.name)
        }
        let line = FilePosition(path: bytes.path, line: header.line)
        warnings += namer.foldedWarnings.map { Diagnostic(.warning, $0, file: line) }
        if let note = namer.lineBreakNote { notes.append(note) }
        return names
    }

    private func tooManyColumns(_ count: Int, _ record: CSVRecord) -> Diagnostic {
        bytes.error("the first row has \(LoadReport.grouped(count)) fields; at most \(LoadReport.grouped(LoadLimits.columns)) "
                    + "columns can be loaded (is the delimiter right?)", atByte: record.start, line: record.line)
    }

    /// Declared types must name columns the file has (as written, or ignoring case), and be
    /// loadable types; returns them keyed by the column names.
    private func checkTypeOverrides(_ names: [String], header: CSVRecord) throws(Diagnostic) -> [String: DataType] {
        let (declared, unmatched) = options.resolvedTypes(names)
        if let name = unmatched.first {
            throw Diagnostic(.error, "a type is given for column '\(name)', which the file lacks",
                             notes: ["note: the columns are \(names.joined(separator: ", "))"],
                             file: bytes.position(ofByte: header.start, line: header.line))
        }
        for (name, type) in declared.sorted(by: { $0.key < $1.key }) where type == .null {
            throw bytes.fileError("column '\(name)' cannot be loaded as type null")
        }
        return declared
    }

    /// A field's bytes within `view`, with doubled quotes undone (valid until the next call).
    private func field(_ f: CSVField, in view: CSVBytes) -> UnsafeBufferPointer<UInt8> {
        if f.escaped { return scratch.unescape(view.base + f.start, count: f.end - f.start) }
        return UnsafeBufferPointer(start: view.base + f.start, count: f.end - f.start)
    }
}
