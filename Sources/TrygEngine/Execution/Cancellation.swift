import Synchronization

/// A flag the shell raises (on Ctrl-C) and the executor polls every batch.
public final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// How far the work this flag can cancel has come; whoever polls the flag may report to it.
    public let progress = WorkProgress()

    public init() {}

    public func raise() { raised.store(true, ordering: .relaxed) }
    public func reset() {
        raised.store(false, ordering: .relaxed)
        progress.reset()
    }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Throws the cancellation diagnostic when the flag is up.
    @inline(__always)
    func check() throws(Diagnostic) {
        if raised.load(ordering: .relaxed) { throw Diagnostic.cancelled }
    }
}
