import TrygEngine

/// Lets the terminal edge cancel a running query (Ctrl-C) without the shell knowing about signals.
public protocol QueryInterrupts: AnyObject {
    /// Called just before a statement runs; Ctrl-C from now on should raise `cancellation`.
    func queryStarted(_ cancellation: CancellationFlag)
    /// Called when the statement has finished, failed or been cancelled.
    func queryFinished()
}
