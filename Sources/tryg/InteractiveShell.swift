import Foundation
import TrygEngine
import TrygShell
@preconcurrency import CReadline

/// The read-eval-print loop on a terminal: readline, history, completion and Ctrl-C.
struct InteractiveShell {
    let runner: ShellRunner
    static let historyLimit: Int32 = 2000

    func run() -> Int32 {
        let interrupts = Interrupts()
        runner.interrupts = interrupts
        // Prompts and the welcome go to the terminal, never into a pipe.
        let promptToStderr = isatty(1) != 1
        if promptToStderr { tryg_rl_use_stderr() }
        let chatter: FileDescriptorOutput? = isatty(1) == 1 ? FileDescriptorOutput(fd: 1)
            : isatty(2) == 1 ? FileDescriptorOutput(fd: 2) : nil
        chatter?.allowsColor = runner.settings.resultColor
        tryg_rl_set_name("tryg")
        ReadlineKeys.install()
        ReadlineCompletion.install(session: runner.session)
        runner.settings.highlightUnavailable = LineHighlight.unavailableReason()
        runner.pager = TerminalPager.make(allowColor: { [runner] in runner.settings.resultColor })
        if runner.settings.highlightUnavailable == nil { LineHighlight.install() }
        var history = History()
        history.load()
        let width = { (runner.screenWidth() ?? 80) - 1 }
        chatter?.write(TextWrap.wrap(Welcome.text(catalog: runner.session.catalog, color: runner.settings.resultColor), width: width()))
        if let problem = history.problem { runner.writeMessage("note: \(problem)") }

        var buffer = InputBuffer()
        // The lines of the statement being typed: one history entry once it is complete.
        var statement: [String] = []
        while !runner.quitRequested {
            interruptRequested.store(false, ordering: .relaxed)
            LineHighlight.update(LineHighlightState(
                catalog: runner.session.catalog, pending: buffer.pendingText,
                enabled: runner.settings.highlight && runner.settings.highlightUnavailable == nil))
            statementOpen.store(!buffer.isEmpty, ordering: .relaxed)
            dropRequested.store(false, ordering: .relaxed)
            let read = readline(buffer.prompt)
            if interruptRequested.exchange(false, ordering: .relaxed) {
                // Ctrl-C at the prompt: drop the line and any statement being continued. Readline
                // has echoed ^C; the next prompt starts on a line of its own.
                free(read)
                buffer.reset()
                statement = []
                if read != nil || tryg_rl_newline_at_eof() == 0 { chatter?.write("\n") }
                continue
            }
            guard let raw = read else {
                // Ctrl-D on an open statement drops it, with a note, and keeps it in the
                // history; Ctrl-D at an empty prompt leaves on a fresh line.
                if let note = buffer.discardNote {
                    history.add(statement.joined(separator: "\n"))
                    statement = []
                    buffer.reset()
                    runner.writeMessage("note: \(note)")
                    continue
                }
                chatter?.write("\n")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if dropRequested.exchange(false, ordering: .relaxed), let note = buffer.discardNote {
                // Ctrl-D at the end of a continuation line: dropped like an open statement at
                // an empty continuation prompt, the line typed so far with it.
                statement.append(line)
                history.add(statement.joined(separator: "\n"))
                statement = []
                buffer.reset()
                runner.writeMessage("note: \(note)")
                continue
            }
            statement.append(line)
            let items = buffer.append(line)
            if buffer.isEmpty {
                history.add(statement.joined(separator: "\n"))
                statement = []
            }
            for item in items {
                runner.run(item, sourceName: nil)
                if runner.quitRequested { break }
            }
        }
        history.save()
        return TrygProgram.ExitStatus.success
    }
}
