import Foundation
import TrygShell

/// The terminal for demo mode: keys one at a time without echo, restored on the way out.
///
/// Only canonical input and echo are switched off: output processing stays on, so the
/// shell's "\n" still starts a new line, and Ctrl-C arrives as a key (quit) instead of a signal.
final class RawTerminal: DemoTerminal {
    private var saved = termios()
    private let active: Bool

    init() {
        active = tcgetattr(0, &saved) == 0
        guard active else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSAFLUSH, &raw)
        write("\u{1B}[?25l")   // the cursor would blink over the typed statement
    }

    /// Puts the terminal back as it was.
    func restore() {
        write("\u{1B}[?25h")
        if active { tcsetattr(0, TCSAFLUSH, &saved) }
    }

    /// Writes as given: the presenter's own cursor and colour codes must reach the terminal
    /// (the presenter shows control characters of the script's text as escapes itself).
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    func readKey(timeout: Double?) -> [UInt8]? {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let ms = timeout.map { Int32(max(0, $0 * 1000)) } ?? -1
        let ready = poll(&fds, 1, ms)
        if ready == 0 { return nil }
        if ready < 0 { return errno == EINTR ? nil : [0x04] }
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        // End of input or an error: like Ctrl-D, which quits.
        guard n > 0 else { return [0x04] }
        return Array(buffer[0..<n])
    }

    var columns: Int { size.map { Int($0.ws_col) } ?? 80 }
    var rows: Int { size.map { Int($0.ws_row) } ?? 24 }

    private var size: winsize? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return size
    }
}
