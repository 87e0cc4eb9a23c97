import CZip
import Glibc
import TrygEngine

/// A zip archive in memory, read through libzip: the container of an .xlsx workbook.
final class XLSXArchive {
    private let archive: OpaquePointer
    let path: String

    /// The most bytes one part may inflate to: a workbook's largest part is its biggest
    /// sheet, and a part beyond this is a zip bomb or more than the shell can hold.
    static let maxPartBytes = 1 << 30
    /// The most entries an archive may list.
    static let maxEntries = 100_000

    /// Opens the bytes as a zip archive (they are copied: libzip owns its copy).
    init(bytes: UnsafeRawBufferPointer, path: String) throws(Diagnostic) {
        self.path = path
        guard bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B else {
            throw Diagnostic(.error, "not an .xlsx workbook: the file is not a zip archive",
                             notes: XLSXArchive.notZipNotes(bytes), file: FilePosition(path: path))
        }
        if let failure = tryg_zip_load() {
            throw Diagnostic(.error, "cannot read workbooks: libzip cannot be loaded (\(String(cString: failure)))",
                             notes: ["help: install libzip4 (scripts/setup does)"], file: FilePosition(path: path))
        }
        guard let copy = malloc(bytes.count) else {
            throw Diagnostic(.error, "not enough memory to open the workbook", file: FilePosition(path: path))
        }
        if let base = bytes.baseAddress { memcpy(copy, base, bytes.count) }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // With `freep` set, libzip frees the copy along with the source.
        guard let source = zip_source_buffer_create(copy, zip_uint64_t(bytes.count), 1, &error) else {
            free(copy)
            throw XLSXArchive.damaged(path, String(cString: zip_error_strerror(&error)))
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            throw XLSXArchive.damaged(path, String(cString: zip_error_strerror(&error)))
        }
        self.archive = archive
        let entries = zip_get_num_entries(archive, 0)
        guard entries >= 0, entries <= XLSXArchive.maxEntries else {
            zip_discard(archive)
            throw XLSXArchive.damaged(path, "it lists \(entries) entries")
        }
    }

    deinit { zip_discard(archive) }

    /// The names of the entries, in archive order.
    var names: [String] {
        let count = max(0, zip_get_num_entries(archive, 0))
        return (0..<count).compactMap { i in zip_get_name(archive, zip_uint64_t(i), 0).map { String(cString: $0) } }
    }

    /// True when the archive holds a part of this name (ignoring case, as Excel does).
    func contains(_ name: String) -> Bool { zip_name_locate(archive, name, ZIP_FL_NOCASE) >= 0 }

    /// The inflated bytes of a part; nil when the archive has no such part.
    func part(_ name: String) throws(Diagnostic) -> [UInt8]? {
        let index = zip_name_locate(archive, name, ZIP_FL_NOCASE)
        guard index >= 0 else { return nil }
        guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            throw XLSXArchive.damaged(path, "cannot open its part \(name)")
        }
        defer { zip_fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
            if n < 0 {
                throw XLSXArchive.damaged(path, "its part \(name) cannot be read (\(String(cString: zip_file_strerror(file))))")
            }
            if n == 0 { return bytes }
            guard bytes.count + Int(n) <= XLSXArchive.maxPartBytes else {
                throw Diagnostic(.error, "the workbook's part \(name) inflates to more than "
                                 + "\(LoadReport.grouped(XLSXArchive.maxPartBytes >> 20)) MiB",
                                 file: FilePosition(path: path))
            }
            bytes.append(contentsOf: chunk[0..<Int(n)])
        }
    }

    static func damaged(_ path: String, _ why: String) -> Diagnostic {
        Diagnostic(.error, "the workbook is damaged: \(why)", file: FilePosition(path: path))
    }

    /// What a file that is not a zip archive might be instead.
    private static func notZipNotes(_ bytes: UnsafeRawBufferPointer) -> [String] {
        if bytes.count >= 8, bytes[0] == 0xD0, bytes[1] == 0xCF, bytes[2] == 0x11, bytes[3] == 0xE0 {
            return ["note: it is an old .xls workbook (or an encrypted .xlsx); save it as .xlsx or CSV"]
        }
        return ["note: a CSV file loads with .import FILE.csv"]
    }
}
