import Synchronization

/// How far a running load or query has come, for the terminal to show as a progress bar.
///
/// The worker threads add to it as they go (a relaxed atomic add every few thousand rows);
/// the terminal reads a `Snapshot` a few times a second. Nothing here knows of terminals.
public final class WorkProgress: Sendable {
    private let bytesDone = Atomic<Int>(0)
    private let bytesTotal = Atomic<Int>(0)
    private let rowsDone = Atomic<Int>(0)
    private let label = Mutex<String>("")

    public init() {}

    /// What the terminal shows: a label (the file being read; empty for a query), the bytes
    /// read of how many (0 when unknown), and the rows read so far.
    public struct Snapshot: Equatable, Sendable {
        public var label: String
        public var bytesDone: Int
        public var bytesTotal: Int
        public var rows: Int

        public init(label: String, bytesDone: Int, bytesTotal: Int, rows: Int) {
            self.label = label
            self.bytesDone = bytesDone
            self.bytesTotal = bytesTotal
            self.rows = rows
        }
    }

    /// Starts counting a new piece of work (a file of `totalBytes`, or 0 when not known).
    public func begin(_ label: String, totalBytes: Int = 0) {
        self.label.withLock { $0 = label }
        bytesDone.store(0, ordering: .relaxed)
        rowsDone.store(0, ordering: .relaxed)
        bytesTotal.store(max(0, totalBytes), ordering: .relaxed)
    }

    /// Adds work done; safe from any thread.
    @inline(__always)
    public func advance(bytes: Int, rows: Int) {
        if bytes > 0 { bytesDone.add(bytes, ordering: .relaxed) }
        if rows > 0 { rowsDone.add(rows, ordering: .relaxed) }
    }

    /// Forgets the work (between statements).
    public func reset() { begin("") }

    public var snapshot: Snapshot {
        let total = bytesTotal.load(ordering: .relaxed)
        let done = bytesDone.load(ordering: .relaxed)
        return Snapshot(label: label.withLock { $0 }, bytesDone: total > 0 ? min(done, total) : done,
                        bytesTotal: total, rows: rowsDone.load(ordering: .relaxed))
    }
}
