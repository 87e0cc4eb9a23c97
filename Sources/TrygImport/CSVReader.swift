import TrygEngine
/// Loads CSV files into tables, inferring each column's type from all of its values.
///
/// Follows RFC 4180 (quoted fields, doubled quotes, line ends inside quotes, `\n` or `\r\n`).
/// Rows that cannot be loaded go to a rejects table with their line and reason; problems
/// with the file as a whole (not text, invalid UTF-8, an unterminated quote) are errors.
///
/// - An empty field, quoted or not, is null; other values are kept as written (spaces too).
/// - Types: int (fits Int64; larger is decimal), decimal, bool (`true`/`false`, any case),
///   date (`YYYY-MM-DD`, a real day), timestamp (`YYYY-MM-DD[T ]HH:MM[:SS]`), else text.
///   int with decimal is decimal, date with timestamp is timestamp, other mixes are text,
///   and a column of nulls only is text.
/// - Text is stored in Unicode NFC.
/// - A row with the wrong number of fields, text after a closing quote, or a value that
///   does not fit an overridden type is rejected. A blank line in a file of several
///   columns holds no data and is passed over; in a one-column file it is a null.
public enum CSVReader {
    /// Loads the file at `path` (memory-mapped) as a table named `tableName`.
    public static func load(path: String, tableName: String,
                            options: ImportOptions = .init()) throws(Diagnostic) -> CSVLoad {
        let file = try CSVMappedFile(path: path, cancellation: options.cancellation)
        return try file.withBytes { bytes throws(Diagnostic) in
            options.cancellation?.progress.begin(path, totalBytes: bytes.count)
            return try load(bytes: bytes, path: path, tableName: tableName, options: options, releasable: file.isMapped)
        }
    }

    /// Loads CSV bytes; `path` names the source in messages and in the rejects table.
    public static func load(bytes: [UInt8], path: String, tableName: String,
                            options: ImportOptions = .init()) throws(Diagnostic) -> CSVLoad {
        let result: Result<CSVLoad, Diagnostic> = bytes.withUnsafeBytes { raw in
            do throws(Diagnostic) {
                return .success(try load(bytes: raw, path: path, tableName: tableName, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Loads CSV bytes; `path` names the source in messages and in the rejects table.
    public static func load(bytes: UnsafeRawBufferPointer, path: String, tableName: String,
                            options: ImportOptions = .init()) throws(Diagnostic) -> CSVLoad {
        try load(bytes: bytes, path: path, tableName: tableName, options: options, releasable: false)
    }

    static func load(bytes whole: UnsafeRawBufferPointer, path: String, tableName: String,
                     options: ImportOptions, releasable: Bool, lineEnds: String? = nil,
                     fileNotes given: [String]? = nil) throws(Diagnostic) -> CSVLoad {
        guard let base = whole.baseAddress, whole.count > 0 else {
            throw Diagnostic(.error, CSVLoader.emptyFile, file: FilePosition(path: path))
        }
        // (UTF-16 is converted first, and its line ends are looked at after that.)
        let p = base.assumingMemoryBound(to: UInt8.self)
        let utf16 = options.encoding == .utf16LE || options.encoding == .utf16BE
            || (whole.count >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        var fileNotes = given ?? []
        var length = whole.count
        if given == nil {
            if let (kind, help) = CSVReader.notText(p, count: whole.count) {
                throw Diagnostic(.error, "not CSV text: this is \(kind)", notes: ["help: " + help], file: FilePosition(path: path))
            }
            // UTF-16 without a byte order mark is named before a decoding reads its letters
            // beyond ASCII as Windows-1252 and its NUL bytes as text.
            if options.encoding == nil, !utf16, CSVLoader.utf16WithoutBOM(p, count: whole.count) != nil {
                let raw = CSVBytes(base: p, count: whole.count, path: path)
                if let nul = CSVEncodingCheck.firstNUL(raw, from: 0) { throw CSVLoader.notText(raw, at: nul, converted: false) }
            }
            // DOS ended a text file with Ctrl-Z; it holds no row.
            if !utf16 {
                while length > 0, p[length - 1] == 0x1A { length -= 1 }
                if length < whole.count {
                    fileNotes.append("a DOS end-of-file mark (Ctrl-Z) after the last line dropped")
                }
            }
        }
        guard length > 0 else { throw Diagnostic(.error, CSVLoader.emptyFile, file: FilePosition(path: path)) }
        let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<length])
        let parts = options.chunks ?? (bytes.count >= CSVLoader.parallelThreshold ? CSVParallel.cores : 1)
        if lineEnds == nil, !utf16,
           let fixed = CSVLineEnds.normalized(base.assumingMemoryBound(to: UInt8.self), count: bytes.count, parts: parts,
                                                delimiter: options.delimiter, quoting: options.quoting ?? true) {
            let result: Result<CSVLoad, Diagnostic> = fixed.bytes.withUnsafeBytes { raw in
                do throws(Diagnostic) {
                    return .success(try load(bytes: raw, path: path, tableName: tableName, options: options,
                                             releasable: false, lineEnds: fixed.note, fileNotes: fileNotes))
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
        let raw = CSVBytes(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count, path: path,
                           releasable: releasable)
        // UTF-8, the usual case, is checked while the rows are read. Invalid UTF-8 found there
        // means checking the whole file first after all: that says where, or finds the file
        // to be Windows-1252.
        if let head = TextDecoding.utf8Head(raw, given: options.encoding) {
            do throws(Diagnostic) {
                return try CSVLoader(bytes: raw, start: head.bomLength, tableName: tableName, options: options,
                                     encoding: .whileReading(head.finding, headNonASCII: head.nonASCII), lineEnds: lineEnds,
                                     fileNotes: fileNotes).run()
            } catch where error.code == .utf8Recheck {
                // Checked again below.
            }
        }
        let decision = try TextDecoding.decide(raw, given: options.encoding, parts: parts)
        if decision.encoding == .utf8 {
            return try CSVLoader(bytes: raw, start: decision.bomLength, tableName: tableName, options: options,
                                 encoding: .done(decision.finding), lineEnds: lineEnds, fileNotes: fileNotes).run()
        }
        var text = try TextDecoding.convert(raw, from: decision.encoding, skipping: decision.bomLength)
        var lineEnds = lineEnds
        if let fixed = text.withUnsafeBufferPointer({ p in p.baseAddress.flatMap { CSVLineEnds.normalized($0, count: p.count, delimiter: options.delimiter, quoting: options.quoting ?? true) } }) {
            text = fixed.bytes
            lineEnds = fixed.note
        }
        let result: Result<CSVLoad, Diagnostic> = text.withUnsafeBufferPointer { utf8 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return .failure(Diagnostic(.error, CSVLoader.emptyFile, file: FilePosition(path: path)))
            }
            do throws(Diagnostic) {
                let converted = CSVBytes(base: base, count: utf8.count, path: path)
                return .success(try CSVLoader(bytes: converted, start: 0, tableName: tableName, options: options,
                                              encoding: .done(decision.finding), lineEnds: lineEnds, converted: true,
                                              fileNotes: fileNotes).run())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// What a file is when its first bytes are a format other than text (a workbook or a
    /// document saved under a `.csv` name), and what to do; nil for anything else.
    static func notText(_ p: UnsafePointer<UInt8>, count: Int) -> (kind: String, help: String)? {
        func starts(_ magic: [UInt8]) -> Bool { count >= magic.count && magic.indices.allSatisfy { p[$0] == magic[$0] } }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return ("a zip archive (an .xlsx workbook under another name?)", "give it the .xlsx ending to load its sheets")
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return ("an old Excel workbook (.xls)", "save it from Excel as .xlsx or as CSV UTF-8; tryg reads both")
        }
        if starts(Array("%PDF-".utf8)) { return ("a PDF document", "export the table from where it came as CSV or .xlsx") }
        return nil
    }
}
