import TrygDomain

/// One load of one file: checks the bytes, reads the header, then takes the rows in one
/// pass, each column inferring its type as it fills (see `CSVColumnAccumulator`). Columns
/// that turn out to be text after holding other values are read again in a second pass.
struct CSVLoader {
    let bytes: CSVBytes
    let tableName: String
    let options: CSVOptions
    private let scratch = CSVScratch()

    init(bytes: CSVBytes, tableName: String, options: CSVOptions) {
        self.bytes = bytes
        self.tableName = tableName
        self.options = options
    }

    func run() throws(Diagnostic) -> CSVLoad {
        let start = try checkFile()
        var scanner = CSVScanner(bytes: bytes, delimiter: options.delimiter, position: start)
        var fields: [CSVField] = []
        fields.reserveCapacity(64)
        guard let header = try scanner.next(into: &fields) else { throw bytes.fileError(CSVLoader.emptyFile) }
        let names = try columnNames(header, fields)
        try checkTypeOverrides(names, header: header)

        let width = names.count
        var columns = names.map { CSVColumnAccumulator(fixedType: options.types[$0], capacity: 0) }
        let fixed = names.indices.filter { options.types[names[$0]] != nil }
        var rowStarts: [Int] = []
        var rejects = CSVRejects()
        let dataStart = scanner.position
        var records = 0

        while let record = try scanner.next(into: &fields) {
            records &+= 1
            if records == CSVLoader.sampleRows {
                reserve(&columns, &rowStarts, sampleBytes: record.end - dataStart, dataStart: dataStart)
            }
            if fields.count != width {
                // A blank line holds no data; in a one-column file it is a null (counted above).
                if fields.count == 1, record.start == record.end { continue }
                rejects.add(line: record.line, raw: bytes.text(record.start, record.end),
                            reason: "expected \(width) fields, found \(fields.count)")
                continue
            }
            if let stray = record.strayTextAfterQuote {
                rejects.add(line: record.line, raw: bytes.text(record.start, record.end),
                            reason: "unexpected text after the closing quote in field \(stray.field + 1) (\(names[stray.field]))")
                continue
            }
            if let reason = misfit(fixed, fields, &columns, names) {
                rejects.add(line: record.line, raw: bytes.text(record.start, record.end), reason: reason)
                continue
            }
            for c in 0..<width { columns[c].append(fieldBytes(fields[c])) }
            rowStarts.append(record.start)
        }

        try rescanAsText(&columns, rowStarts: rowStarts, scanner: &scanner, fields: &fields)
        var built: [Column] = []
        built.reserveCapacity(width)
        for (i, column) in columns.enumerated() {
            let scale = options.types[names[i]] == nil ? options.scales[names[i]] : nil
            built.append(column.finish(scale: scale))
        }
        let table = Table(name: tableName, columnNames: names, columns: built, rowCount: rowStarts.count,
                          origin: bytes.path)
        return CSVLoad(table: table, rejects: rejects.table(for: tableName, path: bytes.path),
                       rowsLoaded: rowStarts.count, rowsRejected: rejects.count)
    }

    /// Rows read before the storage is sized from their average length.
    static let sampleRows = 1024

    private func reserve(_ columns: inout [CSVColumnAccumulator], _ rowStarts: inout [Int],
                         sampleBytes: Int, dataStart: Int) {
        let average = max(1, sampleBytes / CSVLoader.sampleRows)
        let estimate = (bytes.count - dataStart) / average + (bytes.count - dataStart) / average / 16 + 64
        rowStarts.reserveCapacity(estimate)
        for i in columns.indices { columns[i].reserve(estimate) }
    }

    /// The reason an overridden column rejects this row, or nil when every value fits.
    private func misfit(_ fixed: [Int], _ fields: [CSVField], _ columns: inout [CSVColumnAccumulator],
                        _ names: [String]) -> String? {
        for c in fixed {
            let b = fieldBytes(fields[c])
            if columns[c].fits(b) { continue }
            var value = String(decoding: b, as: UTF8.self)
            if value.count > 60 { value = String(value.prefix(60)) + "…" }
            let type = columns[c].fixedType ?? .text
            return "column \(names[c]): '\(value)' is not \(CSVLoader.describe(type))"
        }
        return nil
    }

    /// A second pass for the columns that became text part-way: their values are read
    /// again from the rows that were loaded.
    private func rescanAsText(_ columns: inout [CSVColumnAccumulator], rowStarts: [Int],
                              scanner: inout CSVScanner, fields: inout [CSVField]) throws(Diagnostic) {
        let targets = columns.indices.filter { columns[$0].state == .needsRescan }
        guard !targets.isEmpty else { return }
        var fresh = targets.map { _ in
            CSVColumnAccumulator(fixedType: nil, capacity: rowStarts.count, inferredText: true)
        }
        for start in rowStarts {
            scanner.seek(to: start)
            guard try scanner.next(into: &fields) != nil else { break }
            for (k, c) in targets.enumerated() { fresh[k].append(fieldBytes(fields[c])) }
        }
        for (k, c) in targets.enumerated() { columns[c] = fresh[k] }
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
