/// Where a presentation is and what a key does there: the demo's state machine, without a terminal.
///
/// Each step goes typing → ready → shown. Enter (or Space) runs a step that is typing or
/// ready, and moves on from one that is shown; after the last step comes the end screen.
/// `b` goes back a step, `r` presents the step again, `q` quits.
public struct DemoNavigator: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// The statement is being typed out.
        case typing
        /// Typed out, waiting for Enter to run.
        case ready
        /// Its result is on the screen.
        case shown
        /// After the last step.
        case finished
    }

    /// What the presenter should do next.
    public enum Action: Equatable, Sendable {
        /// Clear the screen, show the step's caption and type its statement.
        case present(Int)
        /// Run the step's statement and show the result.
        case run(Int)
        /// Show the end screen.
        case end
        case quit
        /// Nothing: the key means nothing here.
        case stay
    }

    /// How many steps the presentation has.
    public let count: Int
    /// The step on the screen (0-based).
    public private(set) var step = 0
    /// How far that step has got.
    public private(set) var phase = Phase.typing

    /// A presentation of `count` steps, at the first.
    public init(count: Int) { self.count = count }

    /// The first action of a presentation.
    public var start: Action { count == 0 ? .end : .present(0) }

    /// The statement has been typed out.
    public mutating func typed() {
        if phase == .typing { phase = .ready }
    }

    /// Moves on a key and says what to do.
    public mutating func handle(_ key: DemoKey) -> Action {
        switch key {
        case .next:
            switch phase {
            case .typing, .ready:
                phase = .shown
                return .run(step)
            case .shown:
                guard step + 1 < count else {
                    phase = .finished
                    return .end
                }
                return present(step + 1)
            case .finished:
                return .quit
            }
        case .back:
            if phase == .finished { return present(count - 1) }
            return present(max(0, step - 1))
        case .again:
            return phase == .finished ? .stay : present(step)
        case .quit:
            return .quit
        case .other:
            return .stay
        }
    }

    private mutating func present(_ i: Int) -> Action {
        step = i
        phase = .typing
        return .present(i)
    }
}

/// A key as the demo reads it: Enter, Space, arrows and page keys (as presentation remotes
/// send them) move on or back.
public enum DemoKey: Equatable, Sendable {
    case next, back, again, quit, other

    /// The key a chunk of terminal input stands for.
    public static func decode(_ bytes: [UInt8]) -> DemoKey {
        switch bytes {
        case [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x6E]: return .next          // Enter, Space, n
        case [0x1B, 0x5B, 0x43], [0x1B, 0x5B, 0x42], [0x1B, 0x5B, 0x36, 0x7E],
             [0x1B, 0x4F, 0x43], [0x1B, 0x4F, 0x42]: return .next                // Right, Down, Page Down
        case [0x62], [0x42], [0x7F], [0x08]: return .back                        // b, B, Backspace
        case [0x1B, 0x5B, 0x44], [0x1B, 0x5B, 0x41], [0x1B, 0x5B, 0x35, 0x7E],
             [0x1B, 0x4F, 0x44], [0x1B, 0x4F, 0x41]: return .back                // Left, Up, Page Up
        case [0x72], [0x52]: return .again                                       // r, R
        case [0x71], [0x51], [0x03], [0x04], [0x1B]: return .quit                // q, Q, Ctrl-C, Ctrl-D, Esc
        default: return .other
        }
    }
}
