import Glibc
import TrygEngine

/// A file's bytes: memory-mapped when it is a regular file, read whole otherwise (a pipe).
/// The mapping lives as long as this object.
///
/// Something that is not a regular file (a pipe, `/dev/zero`) is read in chunks up to
/// `streamLimit` bytes, checking for Ctrl-C between chunks: an input without an end is an
/// error, never memory exhausted. What was read then meets the same checks as a file.
final class CSVMappedFile {
    /// The most bytes read from a pipe or device.
    static let streamLimit = 512 << 20
    private let mapped: UnsafeMutableRawPointer?
    private let mappedCount: Int
    private let readBytes: [UInt8]

    init(path: String, cancellation: CancellationFlag? = nil) throws(Diagnostic) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVMappedFile.failure("cannot open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVMappedFile.failure("cannot read", path) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            throw Diagnostic(.error, "cannot load a directory as a table", file: FilePosition(path: path))
        }
        if kind == S_IFREG {
            let size = Int(info.st_size)
            readBytes = []
            guard size > 0 else {
                mapped = nil
                mappedCount = 0
                return
            }
            guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
                  p != UnsafeMutableRawPointer(bitPattern: -1) else {
                throw CSVMappedFile.failure("cannot map", path)
            }
            // The reader goes through the file front to back, mostly once.
            _ = madvise(p, size, MADV_SEQUENTIAL)
            mapped = p
            mappedCount = size
        } else {
            readBytes = try CSVMappedFile.readAll(fd, path: path, cancellation: cancellation)
            mapped = nil
            mappedCount = 0
        }
    }

    deinit {
        if let mapped { munmap(mapped, mappedCount) }
    }

    /// Whether the bytes are a file mapping (their pages can be given back after reading).
    var isMapped: Bool { mapped != nil }

    /// Calls `body` with the file's bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> R) throws(Diagnostic) -> R {
        if let mapped { return try body(UnsafeRawBufferPointer(start: mapped, count: mappedCount)) }
        let result: Result<R, Diagnostic> = readBytes.withUnsafeBytes { raw in
            do throws(Diagnostic) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func readAll(_ fd: Int32, path: String, cancellation: CancellationFlag?) throws(Diagnostic) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if cancellation?.isRaised == true {
                throw Diagnostic(.error, CSVLoader.cancelled, file: FilePosition(path: path))
            }
            if bytes.count > streamLimit {
                throw Diagnostic(.error, "'\(path)' is not a regular file and gives more than \(streamLimit >> 20) MiB",
                                 label: "save it to a file first, then import that", file: FilePosition(path: path))
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    private static func failure(_ what: String, _ path: String) -> Diagnostic {
        let reason = String(cString: strerror(errno))
        return Diagnostic(.error, "\(what) '\(path)': \(reason)", file: FilePosition(path: path))
    }
}
