/// The shape of the table the header announced.
struct CSVLayout {
    let names: [String]
    /// The overridden type of each column, nil where inferred.
    let types: [DataType?]
    /// Indices of the columns with an overridden type.
    let fixed: [Int]
    let delimiter: UInt8

    init(names: [String], options: CSVOptions) {
        self.names = names
        self.types = names.map { options.types[$0] }
        self.fixed = names.indices.filter { options.types[names[$0]] != nil }
        self.delimiter = options.delimiter
    }

    var width: Int { names.count }
}

/// The rows of one stretch of the file, loaded into per-column accumulators.
struct CSVChunk {
    var columns: [CSVColumnAccumulator]
    /// Where each loaded row starts, for a second pass over columns that became text.
    var rowStarts: [Int]
    /// Line numbers count from the chunk's first line (see `CSVLoader`).
    var rejects: CSVRejects
    /// The offset just past the chunk's last record.
    var end: Int
    /// Line ends passed, so the next chunk's line numbers can be fixed up.
    var lineEnds: Int
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

    func read(from start: Int, before limit: Int, firstLine: Int) throws(Diagnostic) -> CSVChunk {
        var scanner = CSVScanner(bytes: bytes, delimiter: layout.delimiter, position: start, line: firstLine)
        let width = layout.width, names = layout.names
        var chunk = CSVChunk(columns: layout.types.map { CSVColumnAccumulator(fixedType: $0, capacity: 0) },
                             rowStarts: [], rejects: CSVRejects(), end: start, lineEnds: 0)
        var fields: [CSVField] = []
        fields.reserveCapacity(width + 1)
        var records = 0

        while scanner.position < limit, let record = try scanner.next(into: &fields) {
            records &+= 1
            if records == CSVChunkReader.sampleRows {
                reserve(&chunk, sampleBytes: record.end - start, remaining: limit - start)
            }
            if fields.count != width {
                // A blank line holds no data; in a one-column file it is a null (counted above).
                if fields.count == 1, record.start == record.end { continue }
                chunk.rejects.add(line: record.line, raw: bytes.text(record.start, record.end),
                                  reason: "expected \(width) fields, found \(fields.count)")
                continue
            }
            if let stray = record.strayTextAfterQuote {
                chunk.rejects.add(line: record.line, raw: bytes.text(record.start, record.end),
                                  reason: "unexpected text after the closing quote in field \(stray.field + 1) (\(names[stray.field]))")
                continue
            }
            if let reason = misfit(fields, &chunk.columns) {
                chunk.rejects.add(line: record.line, raw: bytes.text(record.start, record.end), reason: reason)
                continue
            }
            for c in 0..<width { chunk.columns[c].append(fieldBytes(fields[c])) }
            chunk.rowStarts.append(record.start)
        }
        chunk.end = scanner.position
        chunk.lineEnds = scanner.line - firstLine
        return chunk
    }

    /// Text columns for the given column indices, read again from the rows at `rowStarts`.
    func readText(columns targets: [Int], rowStarts: [Int]) throws(Diagnostic) -> [CSVColumnAccumulator] {
        var scanner = CSVScanner(bytes: bytes, delimiter: layout.delimiter, position: 0)
        var fields: [CSVField] = []
        var text = targets.map { _ in
            CSVColumnAccumulator(fixedType: nil, capacity: rowStarts.count, inferredText: true)
        }
        for start in rowStarts {
            scanner.seek(to: start)
            guard try scanner.next(into: &fields) != nil else { break }
            for (k, c) in targets.enumerated() { text[k].append(fieldBytes(fields[c])) }
        }
        return text
    }

    private func reserve(_ chunk: inout CSVChunk, sampleBytes: Int, remaining: Int) {
        let average = max(1, sampleBytes / CSVChunkReader.sampleRows)
        let estimate = remaining / average + remaining / average / 16 + 64
        chunk.rowStarts.reserveCapacity(estimate)
        for i in chunk.columns.indices { chunk.columns[i].reserve(estimate) }
    }

    /// The reason an overridden column rejects this row, or nil when every value fits.
    private func misfit(_ fields: [CSVField], _ columns: inout [CSVColumnAccumulator]) -> String? {
        for c in layout.fixed {
            let b = fieldBytes(fields[c])
            if columns[c].fits(b) { continue }
            var value = String(decoding: b, as: UTF8.self)
            if value.count > 60 { value = String(value.prefix(60)) + "…" }
            let type = layout.types[c] ?? .text
            return "column \(layout.names[c]): '\(value)' is not \(CSVLoader.describe(type))"
        }
        return nil
    }

    /// A field's bytes, with doubled quotes undone when it has any.
    @inline(__always)
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
