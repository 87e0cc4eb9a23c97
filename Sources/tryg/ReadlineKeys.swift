import Foundation
@preconcurrency import CReadline

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
    }

    /// At most this long between looks at signals a thread other than the shell's may have taken.
    static let waitMilliseconds: Int32 = 250

    private static let readKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
        let fd = tryg_rl_input_fd()
        while true {
            // Readline's handler only notes a signal; this runs its handling, which echoes ^C and
            // passes SIGINT on to the shell's own handler.
            if rl_pending_signal() != 0 { rl_check_signals() }
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
