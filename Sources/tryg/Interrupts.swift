import Foundation
import Synchronization
import TrygEngine
import TrygShell

/// Set by the SIGINT handler; read by readline's event hook and by the query watcher.
let interruptRequested = Atomic<Bool>(false)

/// The flag of the query now running, if any, for the watcher to raise.
let runningQuery = Mutex<CancellationFlag?>(nil)

/// Ctrl-C: installs the handler and turns it into a discarded line or a cancelled query.
final class Interrupts: QueryInterrupts {
    /// Installs SIGINT without SA_RESTART and starts the watcher that cancels running queries.
    init() {
        // sigaction without SA_RESTART: glibc's signal() would restart readline's read and hide Ctrl-C.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have left SIGINT blocked; Ctrl-C must reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let watcher = Thread {
            // A signal handler may only set a flag; this thread turns it into a cancellation.
            while true {
                usleep(5_000)
                runningQuery.withLock { flag in
                    if let flag, interruptRequested.exchange(false, ordering: .relaxed) { flag.raise() }
                }
            }
        }
        Interrupts.startWithoutInterrupts(watcher)
    }

    /// Starts a helper thread with SIGINT blocked from its first instruction (it inherits the
    /// mask of the thread that starts it), so Ctrl-C always goes to the shell's thread, where it
    /// ends the wait for a key at once.
    static func startWithoutInterrupts(_ thread: Thread) {
        var set = sigset_t(), saved = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, &saved)
        thread.start()
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }

    func queryStarted(_ cancellation: CancellationFlag) {
        interruptRequested.store(false, ordering: .relaxed)
        runningQuery.withLock { $0 = cancellation }
    }

    func queryFinished() {
        let cancelled = runningQuery.withLock { flag -> Bool in
            defer { flag = nil }
            return flag?.isRaised ?? false
        }
        // The terminal echoed ^C; start the message on a line of its own.
        if cancelled { FileDescriptorOutput(fd: 2).write("\n") }
    }
}
