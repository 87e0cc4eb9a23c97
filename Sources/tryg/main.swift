import Foundation
import TrygShell

// The command line first, then the terminal edge: everything else lives in TrygShell.
Terminal.prepareLocale()
let status: Int32
do {
    let options = try LaunchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    status = Terminal.program(options).run()
} catch {
    FileDescriptorOutput(fd: 2).write("tryg: \(error.message)\nTry 'tryg --help'.\n")
    status = TrygProgram.ExitStatus.usage
}
exit(status)
