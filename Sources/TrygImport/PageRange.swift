import Glibc

/// Memory pages inside a byte range, given back to the system once their bytes are used.
enum PageRange {
    /// The system's page size in bytes (0 when it cannot be read: nothing is given back).
    static let size = max(0, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Gives back the whole pages within `byteCount` bytes from `start`
    /// (`madvise(MADV_DONTNEED)`); pages only partly inside are kept. Touched again, the pages
    /// of anonymous memory read as zeros, those of a file mapping come back from the page cache.
    static func giveBack(_ start: UnsafeRawPointer, byteCount: Int) {
        guard size > 0, byteCount > 0 else { return }
        let origin = Int(bitPattern: start)
        let lo = (origin &+ size &- 1) / size &* size
        let hi = (origin &+ byteCount) / size &* size
        if hi > lo, let p = UnsafeMutableRawPointer(bitPattern: lo) { _ = madvise(p, hi &- lo, MADV_DONTNEED) }
    }
}
