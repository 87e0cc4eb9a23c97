import Foundation
import Synchronization
import TrygEngine
import TrygShell
@preconcurrency import CReadline

/// What the painter needs to know about the statement being typed, set before each line is read.
struct LineHighlightState: Sendable {
    var catalog: Catalog
    /// The earlier lines of the statement this line continues ("" at the `tryg> ` prompt).
    var pending: String
    var enabled: Bool
}

private let highlightState = Mutex<LineHighlightState?>(nil)

/// Colours the line as it is typed: readline draws it as usual, then `LineRepaint` paints it
/// over with the `SyntaxHighlighter`'s colours and puts the cursor back.
///
/// Left to readline alone (nothing painted) whenever the painting could land in the wrong cells:
/// a search or other message in place of the prompt, control characters or tabs in the line,
/// a terminal that does not wrap by itself, or a line taller than the screen.
enum LineHighlight {
    /// Why the typed line cannot be coloured on this terminal, nil when it can.
    static func unavailableReason(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return "NO_COLOR is set" }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return "TERM is \(term.isEmpty ? "not set" : "dumb")" }
        if isatty(0) != 1 || isatty(tryg_rl_output_fd()) != 1 { return "not a terminal" }
        return nil
    }

    static func install() {
        // Readline reads the terminal's capabilities only while its own redisplay is installed
        // (with another it takes the terminal for a dumb one and scrolls long lines sideways):
        // let it initialise first.
        rl_initialize()
        tryg_rl_set_redisplay {
            rl_redisplay()
            LineHighlight.paint()
        }
    }

    static func update(_ state: LineHighlightState) {
        highlightState.withLock { $0 = state }
    }

    private static func paint() {
        guard let state = highlightState.withLock({ $0 }), state.enabled, tryg_rl_shows_prompt() == 1,
              let buffer = tryg_rl_line_buffer(), let promptPointer = rl_prompt else { return }
        var size = winsize()
        let columns = Int(tryg_rl_screen_columns())
        guard ioctl(tryg_rl_output_fd(), UInt(TIOCGWINSZ), &size) == 0, Int(size.ws_col) == columns, columns > 0 else { return }
        let end = Int(max(0, tryg_rl_end()))
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: end)
        let point = min(end, Int(max(0, tryg_rl_point())))
        let line = String(decoding: bytes, as: UTF8.self)
        let prompt = String(cString: promptPointer)
        // Readline shows these as ^X or spaces of its own choosing: leave such a line plain.
        guard !line.unicodeScalars.contains(where: { $0 != "\n" && $0.properties.generalCategory == .control }),
              !prompt.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return }
        let cursor = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<point]), as: UTF8.self).count
        let repaint = LineRepaint(columns: columns)
        let text = line.precomposedForTrygNFC
        guard repaint.rows(prompt: prompt, line: text) < Int(size.ws_row) else { return }
        // Painted even without a span: an earlier paint may have coloured what is plain now.
        let spans = SyntaxHighlighter(catalog: state.catalog).spans(line: text, after: state.pending)
        tryg_rl_write(repaint.paint(prompt: prompt, line: text, cursor: cursor, spans: spans))
    }
}
