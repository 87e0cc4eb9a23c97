import TrygEngine

/// Lets the terminal edge show how far a long load or query has come (a progress bar on
/// standard error), without the shell knowing about terminals.
public protocol WorkDisplay: AnyObject {
    /// Called just before a load or statement runs; `progress` is what the workers report to.
    func workStarted(_ progress: WorkProgress)
    /// Called when it has finished, failed or been cancelled; whatever was drawn is gone
    /// when this returns, so the results that follow start on a clean line.
    func workFinished()
}

extension ShellRunner {
    /// Marks the start of a load or statement: Ctrl-C may cancel it and its progress may show.
    func beginWork() {
        session.cancellation.progress.reset()
        interrupts?.queryStarted(session.cancellation)
        workDisplay?.workStarted(session.cancellation.progress)
    }

    /// Marks its end (safe to call twice).
    func endWork() {
        workDisplay?.workFinished()
        interrupts?.queryFinished()
    }
}
