import Foundation
import TrygEngine

/// The terminal a presentation runs on: raw keys in, text out. The executable provides the real one.
public protocol DemoTerminal: AnyObject {
    func write(_ text: String)
    /// The next key's bytes, waiting at most `timeout` seconds (nil: for ever); nil when none came.
    /// At the end of input it returns `[0x04]` (Ctrl-D), which quits.
    func readKey(timeout: Double?) -> [UInt8]?
    var columns: Int { get }
    var rows: Int { get }
}

/// Presents a script step by step: clears the screen, shows the caption, types the statement
/// out, runs it on Enter and shows its result (a chart in place of its table).
public struct DemoPresenter {
    let script: DemoScript
    let runner: ShellRunner
    let terminal: DemoTerminal
    /// Seconds per typed character: about 30 characters a second, slow enough to read along.
    public var characterDelay = 0.032
    /// An extra pause at each line break of a statement.
    public var lineDelay = 0.18

    /// A presentation of a script, run by a runner whose output goes to the terminal.
    public init(script: DemoScript, runner: ShellRunner, terminal: DemoTerminal) {
        self.script = script
        self.runner = runner
        self.terminal = terminal
    }

    /// Runs the presentation until `q` or the end; returns the exit status (0).
    public func run() -> Int32 {
        var navigator = DemoNavigator(count: script.steps.count)
        var action = navigator.start
        while true {
            switch action {
            case .present(let i):
                if let key = present(i) {
                    navigator.typed()
                    action = navigator.handle(DemoKey.decode(key))
                    continue
                }
                navigator.typed()
                hint("Enter runs it · b back · q quit")
            case .run(let i):
                run(i)
                hint(i + 1 < script.steps.count ? "Enter: next step · b back · r again · q quit"
                                                 : "Enter: finish · b back · r again · q quit")
            case .end:
                terminal.write(DemoPresenter.clear)
                terminal.write(bold(shown(script.title ?? "The end")) + "\n\n")
                terminal.write("That was the last of \(script.steps.count) steps.\n")
                hint("Enter or q: quit · b back")
            case .quit:
                terminal.write("\n")
                return TrygProgram.ExitStatus.success
            case .stay:
                break
            }
            guard let key = terminal.readKey(timeout: nil) else { return TrygProgram.ExitStatus.success }
            action = navigator.handle(DemoKey.decode(key))
        }
    }

    static let clear = "\u{1B}[H\u{1B}[2J"

    /// Clears the screen, shows the header and caption and types the statement; returns a key
    /// pressed while typing (the rest is then shown at once, unless the key quits).
    private func present(_ i: Int) -> [UInt8]? {
        let step = script.steps[i]
        terminal.write(DemoPresenter.clear)
        let position = "step \(i + 1) of \(script.steps.count)"
        terminal.write(dim(shown(script.title.map { "\($0) · \(position)" } ?? position)) + "\n\n")
        if !step.caption.isEmpty {
            terminal.write(step.caption.map { colored(shown($0), "36") }.joined(separator: "\n") + "\n\n")
        }
        let prompt = "tryg> "
        terminal.write(bold(prompt))
        let text = step.item.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var pressed: [UInt8]?
        for character in text {
            if character == "\n" {
                terminal.write("\n" + String(repeating: " ", count: prompt.count))
            } else {
                terminal.write(bold(shown(String(character))))
            }
            if pressed == nil {
                pressed = terminal.readKey(timeout: character == "\n" ? lineDelay : characterDelay)
                // q, Esc or Ctrl-C stops at once; another key shows the rest of the statement.
                if let key = pressed, DemoKey.decode(key) == .quit { break }
            }
        }
        terminal.write("\n")
        return pressed
    }

    /// Runs a step's statement with the screen's rows below the header, caption and statement.
    private func run(_ i: Int) {
        let step = script.steps[i]
        let used = 2 + (step.caption.isEmpty ? 0 : step.caption.count + 1) + step.item.text.split(separator: "\n").count + 3
        let rows = terminal.rows
        runner.screenHeight = { max(8, rows - used) }
        terminal.write("\n")
        runner.run(step.item, sourceName: nil)
    }

    private func hint(_ text: String) {
        terminal.write("\n" + dim(text))
    }

    private var color: Bool { runner.settings.resultColor }
    /// The script's own text with its control characters shown as escapes, never obeyed (the
    /// terminal gets the presenter's codes as they are).
    private func shown(_ s: String) -> String { VisibleControls.escape(s) }
    private func bold(_ s: String) -> String { ChartColors.paint(s, "1", color) }
    private func dim(_ s: String) -> String { ChartColors.paint(s, "2", color) }
    private func colored(_ s: String, _ code: String) -> String { ChartColors.paint(s, code, color) }
}
