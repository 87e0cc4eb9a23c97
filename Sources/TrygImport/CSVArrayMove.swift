/// Joins the arrays of two chunks' columns without holding both twice: the source is copied
/// a step at a time and each copied step's pages are given back to the system at once.
enum CSVArrayMove {
    /// Appends `source` to `target` and empties `source`. When `target` has no room, both
    /// move into a new array of exactly their size. A moved array's buffer must be ours alone
    /// (`withUnsafeMutableBufferPointer` copies a shared one first, so it always is when its
    /// pages are given back); given back, they read as zeros.
    static func append<T: BitwiseCopyable>(_ source: inout [T], to target: inout [T]) {
        if target.capacity < target.count &+ source.count {
            var joined: [T] = []
            joined.reserveCapacity(target.count &+ source.count)
            copy(&target, to: &joined)
            target = joined
        }
        copy(&source, to: &target)
    }

    /// Appends `source` to `target`, which has room for it, a step at a time, and empties `source`.
    private static func copy<T: BitwiseCopyable>(_ source: inout [T], to target: inout [T]) {
        let step = max(1, CSVBytes.releaseStep / max(1, MemoryLayout<T>.stride))
        source.withUnsafeMutableBufferPointer { src in
            guard let base = src.baseAddress else { return }
            var at = 0
            while at < src.count {
                let end = min(src.count, at &+ step)
                target.append(contentsOf: UnsafeBufferPointer(start: base + at, count: end &- at))
                PageRange.giveBack(UnsafeRawPointer(base + at), byteCount: (end &- at) &* MemoryLayout<T>.stride)
                at = end
            }
        }
        source = []
    }
}
