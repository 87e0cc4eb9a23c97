import Foundation
import TrygEngine
import TrygShell
@preconcurrency import CReadline

/// The read-eval-print loop on a terminal: readline, history, completion and Ctrl-C.
struct InteractiveShell {
    let runner: ShellRunner
    static let prompt = "tryg> "
    static let continuationPrompt = "  ...> "
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
        tryg_rl_set_event_hook {
            if interruptRequested.load(ordering: .relaxed) { tryg_rl_set_done(1) }
            return 0
        }
        ReadlineCompletion.install(catalog: runner.session.catalog)
        var history = History()
        history.load()
        chatter?.write(Welcome.text(catalog: runner.session.catalog, color: runner.settings.resultColor))
        if let problem = history.problem { FileDescriptorOutput(fd: 2).write("note: \(problem)\n") }

        var buffer = InputBuffer()
        while !runner.quitRequested {
            interruptRequested.store(false, ordering: .relaxed)
            let prompt = buffer.isEmpty ? InteractiveShell.prompt : InteractiveShell.continuationPrompt
            guard let raw = readline(prompt) else {
                // Ctrl-D: leave on a fresh line.
                chatter?.write("\n")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if interruptRequested.exchange(false, ordering: .relaxed) {
                // Ctrl-C at the prompt: drop the line and any statement being continued.
                buffer.reset()
                chatter?.write("\n")
                continue
            }
            history.add(line)
            for item in buffer.append(line) {
                runner.run(item, sourceName: nil)
                if runner.quitRequested { break }
            }
        }
        history.save()
        return TrygProgram.ExitStatus.success
    }
}
