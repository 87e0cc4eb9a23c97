import Foundation
import Synchronization
import TrygEngine
import TrygShell

/// The progress bar of loads and statements that run longer than a second, on standard error.
///
/// Only when standard error is a terminal (never in a pipe or a file) and `TERM` is not
/// `dumb`. A thread looks at the running work ten times a second; the line is redrawn in
/// place (`\r`, erase to the end of the line) and erased when the work ends, before any
/// result is written.
final class ProgressDisplay: WorkDisplay, @unchecked Sendable {
    /// Work shorter than this shows nothing.
    static let delay: Duration = .seconds(1)

    private struct Running {
        var progress: WorkProgress
        var started: ContinuousClock.Instant
        var drawn = false
    }

    private let running = Mutex<Running?>(nil)
    private let ascii: Bool
    private var thread: Thread?

    /// A display for this process's standard error, or nil when it should draw nothing.
    static func forStandardError(ascii: Bool) -> ProgressDisplay? {
        guard isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressDisplay(ascii: ascii)
    }

    private init(ascii: Bool) {
        self.ascii = ascii
    }

    func workStarted(_ progress: WorkProgress) {
        running.withLock { $0 = Running(progress: progress, started: .now) }
        if thread == nil {
            let t = Thread { [weak self] in
                while let display = self {
                    display.tick()
                    usleep(100_000)
                }
            }
            Interrupts.startWithoutInterrupts(t)
            thread = t
        }
    }

    func workFinished() {
        running.withLock { state in
            if state?.drawn == true { ProgressDisplay.draw("") }
            state = nil
        }
    }

    /// Draws the line when the work has run long enough (under the lock, so never after it ended).
    private func tick() {
        running.withLock { state in
            guard var now = state else { return }
            let elapsed = ContinuousClock.now - now.started
            guard elapsed >= ProgressDisplay.delay else { return }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line = ProgressLine.render(now.progress.snapshot, elapsed: seconds, width: ProgressDisplay.width() - 1, ascii: ascii)
            ProgressDisplay.draw(line)
            now.drawn = true
            state = now
        }
    }

    /// Writes `\r`, the line (its control characters shown, never obeyed) and erase-to-end.
    private static func draw(_ line: String) {
        let bytes = Array(("\r" + VisibleControls.escape(line, allowColor: false) + "\u{1B}[K").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }   // a bar that cannot be drawn is left out
            offset += n
        }
    }

    private static func width() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
