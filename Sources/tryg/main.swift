import Foundation
import TrygShell

// The command line first, then the terminal edge: everything else lives in TrygShell.
let utf8Locale = Terminal.prepareLocale()
// A closed pipe is a failed write (EPIPE) the shell handles, ending quietly with status 141.
signal(SIGPIPE, SIG_IGN)
let status: Int32
do {
    let options = try LaunchOptions.parse(try Terminal.arguments())
    status = Terminal.program(options, utf8Locale: utf8Locale).run()
} catch {
    FileDescriptorOutput(fd: 2).write("tryg: \(error.message)\nTry 'tryg --help'.\n")
    status = TrygProgram.ExitStatus.usage
}
exit(status)
