import Foundation
import Synchronization
@preconcurrency import CReadline

/// Set before each line is read: a statement is open (the prompt is a continuation prompt).
let statementOpen = Atomic<Bool>(false)
/// Set by Ctrl-D at the end of a continuation line: the statement is to be dropped.
let dropRequested = Atomic<Bool>(false)

/// Readline's reader of keys, so that Ctrl-C at the prompt ends the line before any key typed
/// after it is read.
///
/// Readline's own reader, with an event hook to notice Ctrl-C, polls: the hook ended the line
/// only after the next poll, and a key typed within that tenth of a second went into the
/// interrupted line and was thrown away with it (`libraries count` typed right after Ctrl-C ran as
/// `ibraries count`). This reader passes on a signal readline has noted before it waits and
/// before it reads each key, waits in `tryg_wait_for_key` (the signals blocked until `pselect`,
/// so one that comes in between is not missed), and once Ctrl-C came returns READERR, on which
/// readline returns at once, without the line.
enum ReadlineKeys {
    static func install() {
        tryg_rl_set_getc(readKey)
        rl_bind_key(4, endOfInput)
    }

    /// Ctrl-D at the end of a line that continues a statement: the line ends, and the shell
    /// drops the statement as it does at an empty continuation prompt (readline would do
    /// nothing there: it is delete-char, and there is nothing after the cursor to delete).
    /// Elsewhere Ctrl-D deletes the character under the cursor, as readline's own.
    private static let endOfInput: @convention(c) (Int32, Int32) -> Int32 = { count, key in
        guard statementOpen.load(ordering: .relaxed), tryg_rl_point() >= tryg_rl_end() else {
            return rl_delete(count, key)
        }
        dropRequested.store(true, ordering: .relaxed)
        return rl_newline(1, key)
    }

    /// At most this long between looks at signals a thread other than the shell's may have taken.
    static let waitMilliseconds: Int32 = 250

    private static let readKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
        let fd = tryg_rl_input_fd()
        while true {
            // Readline's handler only notes a signal; this runs its handling, which echoes ^C and
            // passes SIGINT on to the shell's own handler, or redraws the line after a resize.
            if rl_pending_signal() != 0 { tryg_rl_handle_signals() }
            if interruptRequested.load(ordering: .relaxed) {
                tryg_rl_end_interrupted_line()
                return READERR
            }
            guard tryg_wait_for_key(fd, waitMilliseconds) == 1 else { continue }
            var key: UInt8 = 0
            let n = read(fd, &key, 1)
            if n == 1 { return Int32(key) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return EOF
        }
    }
}
