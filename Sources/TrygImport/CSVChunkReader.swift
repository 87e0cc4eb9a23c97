import Glibc
import TrygEngine
/// How one column is read.
enum CSVColumnRule: Equatable {
    /// A type from the options: a value that does not fit rejects its row.
    case declared(DataType)
    /// A type the sniffer saw in nearly all sampled values: a value that fits no widening
    /// of it (int to decimal, date to timestamp) rejects its row.
    case sniffed(DataType)
    /// Text (the sample held text).
    case text
    /// Inferred from every value (the sample held only nulls).
    case inferred

    /// The type a value must fit, if any.
    var fixedType: DataType? {
        switch self {
        case .declared(let t), .sniffed(let t): return t
        case .text, .inferred: return nil
        }
    }
}

/// The shape of the table and how to read it.
struct CSVLayout {
    let names: [String]
    let rules: [CSVColumnRule]
    /// Indices of the columns whose values must fit a type.
    let fixed: [Int]
    let delimiter: UInt8
    let quoting: Bool
    /// How each column writes numbers (the decimal mark is decided per column).
    let numbers: [CSVNumberFormat]
    let markers: CSVNullMarkers
    let cancellation: CancellationFlag?
    /// Whether to note where each row starts, for a second pass over columns that turn to
    /// text part-way: only a column inferred from every value can.
    let keepsRowStarts: Bool
    /// Whether text columns keep their first rows as bytes until their first checkpoint.
    let probesText: Bool
    /// The header's fields as written (`CSVPlan.header`): a line that repeats them is rejected.
    let header: [[UInt8]]?
    /// Empty names at the end of the header that were dropped (`CSVPlan.droppedNames`): a row
    /// with a value under one is counted, and the file is read again with those columns.
    let droppedNames: Int

    init(names: [String], rules: [CSVColumnRule], dialect: CSVDialect, numbers: [CSVNumberFormat]? = nil,
         markers: CSVNullMarkers = .standard, cancellation: CancellationFlag?, keepRowStarts: Bool = false,
         probesText: Bool = true, header: [[UInt8]]? = nil, droppedNames: Int = 0) {
        self.header = header
        self.droppedNames = droppedNames
        self.names = names
        self.rules = rules
        self.fixed = rules.indices.filter { rules[$0].fixedType != nil }
        self.delimiter = dialect.delimiter
        self.quoting = dialect.quoting
        self.numbers = numbers ?? Array(repeating: dialect.numbers, count: names.count)
        self.markers = markers
        self.cancellation = cancellation
        self.keepsRowStarts = keepRowStarts || rules.contains(.inferred)
        self.probesText = probesText
    }

    var width: Int { names.count }

    /// An empty accumulator for each column.
    func accumulators(capacity: Int = 0) -> [CSVColumnAccumulator] {
        rules.indices.map { c in
            let numbers = c < self.numbers.count ? self.numbers[c] : .plain
            switch rules[c] {
            case .declared(let t):
                return CSVColumnAccumulator(fixedType: t, numbers: numbers, markers: markers, capacity: capacity,
                                            probesText: probesText)
            case .sniffed(let t):
                return CSVColumnAccumulator(fixedType: t, widens: true, numbers: numbers, markers: markers, capacity: capacity)
            case .text:
                return CSVColumnAccumulator(fixedType: nil, numbers: numbers, markers: markers, capacity: capacity,
                                            inferredText: true, probesText: probesText)
            case .inferred:
                return CSVColumnAccumulator(fixedType: nil, numbers: numbers, markers: markers, capacity: capacity)
            }
        }
    }
}

/// The rows of one stretch of the file, loaded into per-column accumulators.
struct CSVChunk {
    var columns: [CSVColumnAccumulator]
    /// Rows loaded.
    var rows = 0
    /// Where each loaded row starts, for a second pass over columns that became text (only
    /// when the layout `keepsRowStarts`).
    var rowStarts: [Int]
    /// Line numbers count from the chunk's first line (see `CSVLoader`).
    var rejects: CSVRejects
    /// The offset just past the chunk's last record.
    var end: Int
    /// Line ends passed, so the next chunk's line numbers can be fixed up.
    var lineEnds: Int
    /// Per column, values that did not fit its type (each rejected its row).
    var misfits: [Int]
    /// Text the chunk kept (values and rejected rows) held bytes beyond ASCII, or invalid UTF-8.
    var text = CSVTextCheck()
    /// Rows with a delimiter after their last field, or several, which were dropped; and how
    /// many of them had several.
    var trailingDelimiters = 0
    var severalTrailingDelimiters = 0
    /// Rows rejected with a value under an empty name dropped from the header's end
    /// (`CSVLayout.droppedNames`): the header's column is kept after all.
    var valuesUnderDroppedNames = 0
    /// Rows of delimiters alone: rows of nulls.
    var emptyRows = 0
    /// Rows with fewer fields than the header whose values fit their columns: the missing
    /// fields at the end are null. `firstShortLine` counts from the chunk's first line.
    var shortRows = 0
    var firstShortLine: Int?
}

/// What a load saw of its text while reading it: a file whose head was valid UTF-8 is
/// checked this way instead of in a pass of its own. Every byte of a row either parses as a
/// number, date or boolean (ASCII only), or is kept as text (checked once per distinct
/// value), or belongs to a rejected row (checked whole).
struct CSVTextCheck {
    var nonASCII = false
    var invalidUTF8 = false
    /// A NUL byte in a text value or a rejected row: the file is not text after all.
    var nul = false

    mutating func add(_ other: CSVTextCheck) {
        nonASCII = nonASCII || other.nonASCII
        invalidUTF8 = invalidUTF8 || other.invalidUTF8
        nul = nul || other.nul
    }

    /// Adds what a column saw; a plain text column's bytes are scanned here (`CSVPlainText.scan`).
    mutating func add(_ column: inout CSVColumnAccumulator) {
        nonASCII = nonASCII || column.encoder.sawNonASCII
        invalidUTF8 = invalidUTF8 || column.encoder.sawInvalidUTF8
        nul = nul || column.encoder.sawNUL
        if column.state == .plainText { add(column.plain.scan()) }
    }
}

/// Loads rows from a stretch of the file: every record that starts before the limit.
struct CSVChunkReader {
    let bytes: CSVBytes
    let layout: CSVLayout
    private let scratch = CSVScratch()

    init(bytes: CSVBytes, layout: CSVLayout) {
        self.bytes = bytes
        self.layout = layout
    }

    /// Rows read before the storage is sized from their average length.
    static let sampleRows = 1024

    /// Records between cancellation checks.
    static let cancellationInterval = 1 << 14

    /// `sizedFor`: the bytes whose rows the arrays should have room for. The first chunk makes
    /// room for the whole file (untouched capacity costs no memory), so the chunks after it
    /// append without the arrays being copied to grow.
    func read(from start: Int, before limit: Int, firstLine: Int, sizedFor: Int? = nil) throws(Diagnostic) -> CSVChunk {
        var scanner = CSVScanner(bytes: bytes, delimiter: layout.delimiter, quoting: layout.quoting,
                                 position: start, line: firstLine)
        let width = layout.width, names = layout.names
        var chunk = CSVChunk(columns: [], rowStarts: [], rejects: CSVRejects(), end: start,
                             lineEnds: 0, misfits: Array(repeating: 0, count: width))
        // The columns live in memory of their own while the rows are read: through an array
        // each row would pay a check that the array is not shared.
        let columns = UnsafeMutableBufferPointer<CSVColumnAccumulator>.allocate(capacity: width)
        _ = columns.initialize(from: layout.accumulators())
        defer {
            columns.deinitialize()
            columns.deallocate()
        }
        var records = 0
        var misfits = Array(repeating: 0, count: width)
        var released = start
        // The bytes up to here were counted in the load's progress.
        var reported = start
        // The columns with a set type first: a value that misfits rejects its row, and the
        // columns appended before it in that row take their values back.
        let fixed = layout.fixed
        // A line that repeats the header is told by its width and first field's length first,
        // so the rest of the rows pay two compares.
        let header = layout.header ?? []
        let headerFirst = header.first?.count ?? -1
        let free = layout.rules.indices.filter { layout.rules[$0].fixedType == nil }
        // A short row's fields, with empty ones after its last.
        let padded = UnsafeMutablePointer<CSVField>.allocate(capacity: max(1, width))
        defer { padded.deallocate() }

        while scanner.position < limit, let record = scanner.next() {
            var fields = scanner.fields
            records &+= 1
            if records == CSVChunkReader.sampleRows {
                reserve(&chunk, columns, sampleBytes: record.end - start, remaining: sizedFor ?? (limit - start))
            }
            if records & (CSVChunkReader.cancellationInterval - 1) == 0 {
                if let flag = layout.cancellation {
                    if flag.isRaised {
                        throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: bytes.path))
                    }
                    flag.progress.advance(bytes: record.start &- reported, rows: CSVChunkReader.cancellationInterval)
                    reported = record.start
                }
                if record.start &- released >= CSVBytes.releaseStep {
                    bytes.release(released, record.start)
                    released = record.start
                }
            }
            if let open = record.openQuote {
                reject(&chunk, record,
                       reason: "quote left open in field \(open.field + 1)\(columnName(open.field))")
                continue
            }
            // The header again (a page break in an export): no row, and kept among the rejects.
            if !header.isEmpty, record.fieldCount >= header.count,
               fields[0].end &- fields[0].start == headerFirst || fields[0].escaped, repeatsHeader(fields, header) {
                reject(&chunk, record, reason: "repeats the header (a page break in the export?)")
                continue
            }
            // A row of delimiters alone (`;;;`, as a spreadsheet saves an empty row, and as a
            // row of nulls is written) is a row of nulls, counted for the report.
            if width > 1, record.fieldCount >= width, record.end &- record.start == record.fieldCount &- 1 {
                chunk.emptyRows &+= 1
            }
            if record.fieldCount != width {
                // A blank line holds no data, nor does one of spaces alone; in a one-column file
                // it is a null (counted above).
                if record.fieldCount == 1, isBlank(record) { continue }
                // A delimiter after the last field adds no value, nor do several: empty fields
                // beyond the header's width, each after the first a delimiter alone, up to as
                // many fields as a sheet has columns (more is no spreadsheet's row).
                if record.fieldCount > width, record.fieldCount <= LoadLimits.columns, fields[width].isEmpty,
                   record.fieldCount == width &+ 1 || record.end &- fields[width].end == record.fieldCount &- width &- 1 {
                    chunk.trailingDelimiters &+= 1
                    if record.fieldCount > width &+ 1 { chunk.severalTrailingDelimiters &+= 1 }
                } else if record.fieldCount < width, record.openQuote == nil,
                          presentFieldsFit(fields, count: record.fieldCount, columns) {
                    // Fields missing at the end of a row are read as empty, as a person reads
                    // `04-03-2025;Sundby;85,50` under a header of four names; a row whose
                    // values do not fit (a footer such as `I alt;335`) is still rejected.
                    padded.update(from: fields, count: record.fieldCount)
                    for c in record.fieldCount..<width { padded[c] = CSVField(start: record.end, end: record.end, escaped: false) }
                    fields = padded
                    chunk.shortRows &+= 1
                    if chunk.firstShortLine == nil { chunk.firstShortLine = record.line }
                } else {
                    if record.fieldCount > width, layout.droppedNames > 0, holdsValueUnderDroppedNames(fields, record) {
                        chunk.valuesUnderDroppedNames &+= 1
                    }
                    reject(&chunk, record,
                           reason: "expected \(width) fields, found \(LoadReport.grouped(record.fieldCount))")
                    continue
                }
            }
            if let stray = record.strayTextAfterQuote {
                reject(&chunk, record,
                       reason: "unexpected text after the closing quote in field \(stray.field + 1) (\(names[stray.field]))")
                continue
            }
            if record.end &- record.start > LoadLimits.fieldBytes, let long = longField(fields, count: width) {
                reject(&chunk, record,
                       reason: "field \(long + 1) (\(names[long])) is \(LoadReport.grouped(fields[long].end - fields[long].start)) "
                                    + "bytes long; at most \(LoadReport.grouped(LoadLimits.fieldBytes))")
                continue
            }
            var appended = true
            for (k, c) in fixed.enumerated() where !columns[c].appendFitting(fieldBytes(fields[c])) {
                for j in fixed[..<k] { columns[j].removeLastValue() }
                appended = false
                break
            }
            if appended {
                for c in free { columns[c].append(fieldBytes(fields[c])) }
            } else {
                // A value that misfits, or one that widens its column's type.
                if let reason = misfit(fields, columns, &misfits) {
                    reject(&chunk, record, reason: reason)
                    continue
                }
                for c in 0..<width { columns[c].append(fieldBytes(fields[c])) }
            }
            chunk.rows &+= 1
            if layout.keepsRowStarts { chunk.rowStarts.append(record.start) }
        }
        layout.cancellation?.progress.advance(bytes: scanner.position &- reported, rows: records & (CSVChunkReader.cancellationInterval - 1))
        chunk.misfits = misfits
        // Columns leave the reader dictionary-encoded or plain, never part-way (see `CSVTextProbe`).
        for c in columns.indices { columns[c].endProbe() }
        for c in columns.indices { chunk.text.add(&columns[c]) }
        chunk.columns = Array(columns)
        chunk.end = scanner.position
        chunk.lineEnds = scanner.line - firstLine
        return chunk
    }

    /// Text columns for the given column indices, read again from the rows at `rowStarts`.
    func readText(columns targets: [Int], rowStarts: [Int]) -> [CSVColumnAccumulator] {
        var scanner = CSVScanner(bytes: bytes, delimiter: layout.delimiter, quoting: layout.quoting,
                                 position: 0)
        var text = targets.map { _ in
            CSVColumnAccumulator(fixedType: nil, capacity: rowStarts.count, inferredText: true, probesText: layout.probesText)
        }
        var released = rowStarts.first ?? 0
        for start in rowStarts {
            if start &- released >= CSVBytes.releaseStep {
                bytes.release(released, start)
                released = start
            }
            scanner.seek(to: start)
            // Each was read as a row: its fields past the width are empty (see `read`).
            guard let record = scanner.next() else { break }
            let fields = scanner.fields
            for (k, c) in targets.enumerated() {
                // A short row's missing fields are empty (see `read`).
                if c < record.fieldCount {
                    text[k].append(fieldBytes(fields[c]))
                } else {
                    text[k].append(UnsafeBufferPointer(start: nil, count: 0))
                }
            }
        }
        for k in text.indices { text[k].endProbe() }
        return text
    }

    /// Whether a record wider than the table has a value in a field under one of the empty
    /// names dropped from the header's end.
    private func holdsValueUnderDroppedNames(_ fields: UnsafeMutablePointer<CSVField>, _ record: CSVRecord) -> Bool {
        let width = layout.width
        let end = min(record.fieldCount, width &+ layout.droppedNames, CSVScanner.maxFields)
        return (width..<max(width, end)).contains { fields[$0].end > fields[$0].start }
    }

    /// Rejects a record, keeping its text.
    private func reject(_ chunk: inout CSVChunk, _ record: CSVRecord, reason: String) {
        let whole = UnsafeBufferPointer(start: bytes.base + record.start, count: record.end - record.start)
        if whole.contains(where: { $0 >= 0x80 }) {
            chunk.text.nonASCII = true
            if !CSVEncodingCheck.isValidUTF8(whole) { chunk.text.invalidUTF8 = true }
        }
        if whole.contains(0) { chunk.text.nul = true }
        chunk.rejects.add(line: record.line, raw: raw(record), reason: reason)
    }

    /// A rejected record's text, cut to `LoadLimits.rawBytes` at a character boundary.
    private func raw(_ record: CSVRecord) -> String {
        let length = record.end - record.start
        guard length > LoadLimits.rawBytes else { return bytes.text(record.start, record.end) }
        var cut = record.start + LoadLimits.rawBytes
        while cut > record.start, bytes.base[cut] & 0xC0 == 0x80 { cut -= 1 }
        return bytes.text(record.start, cut) + "… (\(LoadReport.grouped(record.end - cut)) more bytes)"
    }

    /// ` (name)` for a column of the table, empty past its last column.
    private func columnName(_ field: Int) -> String {
        field < layout.names.count ? " (\(layout.names[field]))" : ""
    }

    /// Whether a short row reads as data with fields missing at the end rather than a note
    /// or a total (`I alt;335`): it is not when its first value is a word where its column
    /// holds numbers, dates or booleans. A misfit without letters (a code `03447` in a column
    /// of ints) widens its column, as in a full row.
    private func presentFieldsFit(_ fields: UnsafeMutablePointer<CSVField>, count: Int,
                                  _ columns: UnsafeMutableBufferPointer<CSVColumnAccumulator>) -> Bool {
        guard count >= 1 else { return false }
        guard layout.fixed.first == 0 else { return true }
        let first = fieldBytes(fields[0])
        if columns[0].couldHold(first) { return true }
        let isWord = first.contains { ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 >= 0x80 }
        return !isWord
    }

    /// The first field longer than the limit, if any.
    private func longField(_ fields: UnsafeMutablePointer<CSVField>, count: Int) -> Int? {
        (0..<count).first { fields[$0].end - fields[$0].start > LoadLimits.fieldBytes }
    }

    private func reserve(_ chunk: inout CSVChunk, _ columns: UnsafeMutableBufferPointer<CSVColumnAccumulator>,
                         sampleBytes: Int, remaining: Int) {
        let average = max(1, sampleBytes / CSVChunkReader.sampleRows)
        let estimate = remaining / average + remaining / average / 16 + 64
        if layout.keepsRowStarts { chunk.rowStarts.reserveCapacity(estimate) }
        for i in columns.indices { columns[i].reserve(estimate) }
    }

    /// The reason a typed column rejects this row, or nil when every value fits. Every
    /// typed column is checked, so the report can count misfits per column.
    private func misfit(_ fields: UnsafeMutablePointer<CSVField>, _ columns: UnsafeMutableBufferPointer<CSVColumnAccumulator>,
                        _ misfits: inout [Int]) -> String? {
        var reasons: [String] = []
        for c in layout.fixed {
            let b = fieldBytes(fields[c])
            if columns[c].fits(b) { continue }
            misfits[c] &+= 1
            if reasons.count == 3 { continue }
            var value = String(decoding: b, as: UTF8.self)
            if value.count > 60 { value = String(value.prefix(60)) + "…" }
            let type = layout.rules[c].fixedType ?? .text
            let hint = type == .date || type == .timestamp ? CSVDateHints.impossibleDay(value).map { ": \($0)" } ?? "" : ""
            reasons.append("column \(layout.names[c]): '\(value)' is not \(CSVLoader.describe(type, layout.rules[c]))\(hint)")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// A field's bytes, with doubled quotes undone when it has any.
    @inline(__always)
    /// Whether the record holds nothing but spaces and tabs (or nothing).
    private func isBlank(_ record: CSVRecord) -> Bool {
        var i = record.start
        while i < record.end {
            guard bytes.base[i] == UInt8(ascii: " ") || bytes.base[i] == UInt8(ascii: "\t") else { return false }
            i &+= 1
        }
        return true
    }

    /// Whether the fields are the header's (a delimiter after the last aside).
    private func repeatsHeader(_ fields: UnsafeMutablePointer<CSVField>, _ header: [[UInt8]]) -> Bool {
        for c in header.indices {
            let b = fieldBytes(fields[c])
            guard b.count == header[c].count,
                  b.isEmpty || header[c].withUnsafeBufferPointer({ h in
                      guard let x = h.baseAddress, let y = b.baseAddress else { return false }
                      return memcmp(x, y, b.count) == 0
                  })
            else { return false }
        }
        return true
    }

    private func fieldBytes(_ f: CSVField) -> UnsafeBufferPointer<UInt8> {
        if f.escaped { return scratch.unescape(bytes.base + f.start, count: f.end - f.start) }
        return UnsafeBufferPointer(start: bytes.base + f.start, count: f.end - f.start)
    }
}

/// A reusable buffer for fields whose doubled quotes must be undone. What it returns is
/// valid until the next call, which is all a field's value needs.
final class CSVScratch {
    private var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var capacity = 256

    deinit { buffer.deallocate() }

    func unescape(_ p: UnsafePointer<UInt8>, count: Int) -> UnsafeBufferPointer<UInt8> {
        if count > capacity {
            buffer.deallocate()
            capacity = count
            buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        }
        var out = 0, i = 0
        while i < count {
            buffer[out] = p[i]
            out &+= 1
            // Inside a quoted field every quote is doubled: keep one of each pair.
            i &+= p[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        return UnsafeBufferPointer(start: buffer, count: out)
    }
}
