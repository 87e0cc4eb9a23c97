import TrygDomain
import TrygEngine

/// One load of one file: sniffs what the options leave open, loads the rows in chunks read
/// at once on the available cores, stitches the chunks together, reads again the columns
/// that turned out to be text part-way, and builds the table. A sniffed column whose values
/// miss its type too often over the whole file becomes text, and the rows are read again.
struct CSVLoader {
    let bytes: CSVBytes
    /// Where the text starts (after a byte order mark).
    let start: Int
    let tableName: String
    let options: ImportOptions
    /// How the text was checked to be UTF-8.
    let encoding: EncodingCheck
    /// The report's note on line ends other than `\n` and `\r\n`, which were made `\n`.
    var lineEnds: String? = nil
    /// The bytes are the file's text converted to UTF-8, so offsets in them are not the file's.
    var converted = false
    /// The report's notes on what was left out of the file before reading it (a DOS end mark).
    var fileNotes: [String] = []

    enum EncodingCheck {
        /// All of it, before the bytes reached the loader, which made this finding.
        case done(LoadReport.Finding)
        /// Only the head; the rest is checked while it is read (`CSVTextCheck`). The finding
        /// is given (an encoding from the options or a byte order mark), or made at the end.
        case whileReading(LoadReport.Finding?, headNonASCII: Bool)
    }

    /// The message of the diagnostic (code `utf8Recheck`) thrown when a load that checks UTF-8
    /// as it reads meets invalid UTF-8; the caller then checks the whole file first, which says
    /// where, or finds another encoding. It never reaches a user.
    static let invalidUTF8Seen = "invalid UTF-8 seen while reading"

    /// Below this many bytes of rows, one thread reads everything.
    static let parallelThreshold = 512 << 10
    /// Below this many rows, columns are stitched and finished one after another.
    static let parallelColumnRows = 1 << 16

    func run() throws(Diagnostic) -> TableLoad {
        try checkText(from: start)
        var plan = try CSVSniffer(bytes: bytes, start: start, options: options).plan()
        let markers = CSVNullMarkers(extra: options.nullMarkers)
        var names = plan.names
        var rules = plan.rules
        var fallbacks: [String: String] = [:]
        var reasonIfText: [String: String] = [:]
        var keepRowStarts = false
        while true {
            let layout = CSVLayout(names: names, rules: rules, dialect: plan.dialect, numbers: plan.numbers,
                                   markers: markers, cancellation: options.cancellation, keepRowStarts: keepRowStarts,
                                   probesText: options.probesText, header: plan.header, droppedNames: plan.droppedNames)
            var rows = try readRows(layout, from: plan.dataStart, firstLine: plan.dataLine)
            if rows.valuesUnderDroppedNames > 0 {
                // A value under an empty name at the header's end, past the sample: the column
                // is kept after all, so the value is not lost.
                plan = try CSVSniffer(bytes: bytes, start: start, options: options, keepsEmptyNames: true).plan()
                (names, rules, fallbacks, reasonIfText) = (plan.names, plan.rules, [:], [:])
                continue
            }
            let demoted = demotions(rows, rules, names)
            if !demoted.isEmpty {
                for (c, why, bits) in demoted {
                    if bits {
                        // 1 and 0 in the sample, something else later: booleans make it bool, so
                        // every value is read; the reason is kept for when it ends as text.
                        rules[c] = .inferred
                        reasonIfText[names[c]] = why
                    } else {
                        rules[c] = .text
                        fallbacks[names[c]] = why
                    }
                }
                continue
            }
            let targets = rows.columns.indices.filter { rows.columns[$0].state == .needsRescan }
            if !targets.isEmpty, !layout.keepsRowStarts {
                // Only a column inferred from every value should turn to text part-way; should
                // another, the rows are read again with their starts kept.
                keepRowStarts = true
                continue
            }
            if !targets.isEmpty {
                let text = CSVChunkReader(bytes: bytes, layout: layout).readText(columns: targets, rowStarts: rows.rowStarts)
                for (k, c) in targets.enumerated() {
                    rows.columns[c] = text[k]
                    rows.text.add(&rows.columns[c])
                }
            }
            // The head is probed for NUL bytes before reading; one further on is found here.
            if rows.text.nul { throw notText(at: CSVEncodingCheck.firstNUL(bytes, from: start, to: bytes.count) ?? start) }
            if case .whileReading = encoding, rows.text.invalidUTF8 {
                throw Diagnostic(.error, CSVLoader.invalidUTF8Seen, code: .utf8Recheck, file: FilePosition(path: bytes.path))
            }
            if options.cancellation?.isRaised == true {
                throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: bytes.path))
            }
            // Building text dictionaries is the slow part of finishing: one column per core.
            let parallel = rows.rows >= CSVLoader.parallelColumnRows
            let columns = CSVParallel.map(layout.width, parallel: parallel) { i in
                rows.columns[i].finish(scale: layout.rules[i].fixedType == nil ? options.scales[names[i]] : nil)
            }
            let table = Table(name: tableName, columnNames: names, columns: columns, rowCount: rows.rows,
                              origin: bytes.path)
            let encodingFinding: LoadReport.Finding
            switch encoding {
            case .done(let finding), .whileReading(let finding?, _): encodingFinding = finding
            case .whileReading(nil, let headNonASCII):
                encodingFinding = TextDecoding.utf8Finding(nonASCII: headNonASCII || rows.text.nonASCII)
            }
            // How the sample's numbers were read no longer applies to a column that ended as text.
            let textNames = names.indices.filter { columns[$0].type == .text }.map { names[$0] }
            let numberNotes = plan.notes.filter { note in
                !textNames.contains { note.hasPrefix("\($0): '") && note.contains("' read as ") }
            }
            var notes = fileNotes + (lineEnds.map { [$0] } ?? []) + numberNotes
            for (c, name) in names.enumerated() where layout.rules[c].fixedType == .decimal && columns[c].type == .float {
                let declared = layout.rules[c] == .declared(.decimal)
                notes.append("\(name): \(declared ? "declared decimal, but its" : "its") values need more than 18 digits at one "
                             + "scale (or an exponent); read as float")
            }
            if rows.trailingDelimiters > 0 || (plan.dialect.header && plan.droppedNames > 0) {
                notes.append(CSVLoader.trailingDelimiterNote(plan.dialect.delimiter, header: plan.dialect.header ? plan.droppedNames : 0,
                                                             rows: rows.trailingDelimiters,
                                                             several: rows.severalTrailingDelimiters))
            }
            if rows.emptyRows > 0 {
                let d = Character(Unicode.Scalar(plan.dialect.delimiter))
                let n = rows.emptyRows
                notes.append("\(LoadReport.grouped(n)) \(n == 1 ? "row holds" : "rows hold") no value (only '\(d)', "
                             + "as a spreadsheet saves an empty row); read as \(n == 1 ? "a row" : "rows") of nulls")
            }
            if rows.shortRows > 0, let line = rows.firstShortLine {
                let n = rows.shortRows
                notes.append("\(LoadReport.grouped(n)) \(n == 1 ? "row has" : "rows have") fewer fields than the header "
                             + "(the first on line \(line)); the missing fields at the end are null")
            }
            // `1.500` read as 1500 past the sample, in a column whose sample had no such value.
            for (c, name) in names.enumerated() where columns[c].type == .int {
                guard let example = rows.columns[c].firstGrouped, c < layout.numbers.count,
                      let mark = layout.numbers[c].thousands,
                      !notes.contains(where: { $0.hasPrefix("\(name): '") && $0.contains("' read as ") }) else { continue }
                let digits = example.filter { $0 != Character(Unicode.Scalar(mark)) }
                notes.append("\(name): '\(Character(Unicode.Scalar(mark)))' read as thousands separator (\(example) = \(digits))")
            }
            // A column the domain gives a scale (`safety`): markers among its words are null too.
            let scaleFits = names.indices.map { c -> (markers: Int, outside: String?) in
                guard layout.rules[c].fixedType == nil, let scale = options.scales[names[c]] else { return (0, nil) }
                return rows.columns[c].scaleFit(scale)
            }
            for (c, name) in names.enumerated() where columns[c].type != .text {
                let n = rows.columns[c].markerNulls &+ scaleFits[c].markers
                guard n > 0 else { continue }
                notes.append("\(name): \(LoadReport.grouped(n)) missing-value \(n == 1 ? "marker" : "markers") "
                             + "(\(markers.shown)) read as null")
            }
            for (c, name) in names.enumerated() where columns[c].type == .timestamp {
                notes += rows.columns[c].timestampForms.notes(name)
            }
            for (c, name) in names.enumerated() where columns[c].type == .text {
                guard let outside = scaleFits[c].outside, let scale = options.scales[name] else { continue }
                notes.append(CSVLoader.offScaleNote(name, outside, scale))
            }
            for (c, name) in names.enumerated() where columns[c].type == .text {
                if let why = reasonIfText[name] { fallbacks[name] = why }
            }
            for (name, why) in fallbacks.sorted(by: { $0.key < $1.key }) { notes.append("\(name): \(why)") }
            let report = LoadReport(format: "CSV", findings: [encodingFinding] + plan.findings, misfits: rows.misfits,
                                    textFallbacks: fallbacks, warnings: plan.warnings, notes: notes)
            return TableLoad(table: table, rejects: rows.rejects.table(for: tableName, path: bytes.path),
                             rowsLoaded: rows.rows, rowsRejected: rows.rejects.count, report: report)
        }
    }

    /// Sniffed columns with a value that does not fit their type, with the reason they fall
    /// back to text: an inferred type never costs a row.
    /// The sniffed columns a later value did not fit, each with why it is text now, and
    /// whether it is an int column of only 1 and 0 so far, which booleans may make bool.
    private func demotions(_ rows: CSVChunk, _ rules: [CSVColumnRule], _ names: [String]) -> [(Int, String, Bool)] {
        var demoted: [(Int, String, Bool)] = []
        for (c, rule) in rules.enumerated() {
            guard case .sniffed(let type) = rule, rows.misfits[c] > 0 else { continue }
            let total = rows.columns[c].nonNullCount + rows.misfits[c]
            var why = "text: \(LoadReport.grouped(rows.misfits[c])) of \(LoadReport.grouped(total)) values "
                + "\(rows.misfits[c] == 1 ? "is" : "are") not \(CSVValueCounts.kind(type))"
            if let first = rows.rejects.firstMisfit(column: names[c]) { why += ", the first \(first)" }
            demoted.append((c, why, type == .int && rows.columns[c].holdsOnlyBits))
        }
        return demoted
    }

    /// Reads all rows after the header.
    ///
    /// The data is cut at line starts into one chunk per core. A cut may fall inside a
    /// quoted field, so each chunk is only a guess until the chunk before it is known to
    /// end exactly where it begins; at the first wrong guess the rest of the file is read
    /// again on one thread from where the previous chunk really ended.
    private func readRows(_ layout: CSVLayout, from start: Int, firstLine: Int) throws(Diagnostic) -> CSVChunk {
        let bounds = chunkBounds(from: start)
        var results = CSVParallel.map(bounds.count - 1) { i -> Result<CSVChunk, Diagnostic> in
            let reader = CSVChunkReader(bytes: bytes, layout: layout)
            do throws(Diagnostic) {
                return .success(try reader.read(from: bounds[i], before: bounds[i + 1], firstLine: i == 0 ? firstLine : 1,
                                                sizedFor: i == 0 ? bytes.count - bounds[0] : nil))
            } catch {
                return .failure(error)
            }
        }
        guard !results.isEmpty else {
            return try CSVChunkReader(bytes: bytes, layout: layout).read(from: start, before: bytes.count, firstLine: firstLine)
        }
        if let failed = results.first(where: { if case .failure = $0 { return true } else { return false } }),
           case .failure(let error) = failed, error.code == .cancelled {
            throw error
        }
        // A file with rows shorter than the header is read again on one thread: stitching
        // chunks that hold such rows has given a different table than one pass (a fault the
        // CSV fuzzer found and that is not yet understood), and a table must not depend on
        // how the file was cut.
        if results.contains(where: { (try? $0.get())?.shortRows ?? 0 > 0 }) {
            return try CSVChunkReader(bytes: bytes, layout: layout).read(from: start, before: bytes.count, firstLine: firstLine)
        }
        // Take each chunk out of `results`, so its arrays have one owner and grow in place.
        var rows = try results[0].get()
        results[0] = .failure(Diagnostic(.error, CSVLoader.cancelled, code: .cancelled))
        for i in 1..<results.count {
            let lineOffset = firstLine + rows.lineEnds - 1
            if rows.end != bounds[i] {
                if rows.end < bytes.count {
                    var rest = try CSVChunkReader(bytes: bytes, layout: layout)
                        .read(from: rows.end, before: bytes.count, firstLine: 1)
                    rows.append(&rest, lineOffset: lineOffset)
                }
                return rows
            }
            var next = try results[i].get()
            results[i] = .failure(Diagnostic(.error, CSVLoader.cancelled, code: .cancelled))   // the chunk is now only `next`
            rows.append(&next, lineOffset: lineOffset)
        }
        return rows
    }

    /// How many stretches of the bytes after `start` to work on at once.
    func parallelParts(from start: Int) -> Int {
        options.chunks ?? (bytes.count - start >= CSVLoader.parallelThreshold ? CSVParallel.cores : 1)
    }

    /// Offsets of chunk starts, each at a line start, followed by the end of the bytes.
    private func chunkBounds(from start: Int) -> [Int] {
        let size = bytes.count - start
        let parts = parallelParts(from: start)
        var bounds = [start]
        if parts > 1 {
            for k in 1..<parts {
                var b = max(start + size / parts * k, (bounds.last ?? start) + 1)
                while b < bytes.count, bytes.base[b - 1] != UInt8(ascii: "\n") { b += 1 }
                if b < bytes.count { bounds.append(b) }
            }
        }
        bounds.append(bytes.count)
        return bounds
    }
}

extension CSVChunk {
    /// Appends the next chunk, whose rejects counted lines from 1 at `lineOffset + 1`.
    /// Each column of `next` is emptied as soon as it is appended, so the two chunks are not
    /// both held in full.
    mutating func append(_ next: inout CSVChunk, lineOffset: Int) {
        let parallel = rows + next.rows >= CSVLoader.parallelColumnRows
        columns.withUnsafeMutableBufferPointer { columns in
            next.columns.withUnsafeMutableBufferPointer { nextColumns in
                // Each job touches only its own column, in place (no copy of its arrays).
                _ = CSVParallel.map(columns.count, parallel: parallel) { c in
                    columns[c].merge(&nextColumns[c])
                    nextColumns[c] = CSVColumnAccumulator(fixedType: nil, capacity: 0)
                }
            }
        }
        rows += next.rows
        rowStarts.append(contentsOf: next.rowStarts)
        next.rowStarts = []
        rejects.append(next.rejects, lineOffset: lineOffset)
        for c in misfits.indices { misfits[c] &+= next.misfits[c] }
        text.add(next.text)
        trailingDelimiters &+= next.trailingDelimiters
        severalTrailingDelimiters &+= next.severalTrailingDelimiters
        valuesUnderDroppedNames &+= next.valuesUnderDroppedNames
        emptyRows &+= next.emptyRows
        if firstShortLine == nil, let line = next.firstShortLine { firstShortLine = line + lineOffset }
        shortRows &+= next.shortRows
        end = next.end
        lineEnds += next.lineEnds
    }
}

extension DiagnosticCode {
    /// Invalid UTF-8 met while reading rows that were checked as they were read: the reader
    /// checks the whole file's encoding and loads again (internal to the import).
    static let utf8Recheck = DiagnosticCode(rawValue: "utf8-recheck")
}
