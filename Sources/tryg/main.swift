import CMalloc
import Foundation
import TrygShell

// malloc: one arena for all threads, so a load's worker thread does not set up an arena of its
// own (a fresh 64 MiB mapping grown page by page) and memory freed by one thread serves the
// next; and the heap grown 4 MiB at a time rather than 128 KiB, with fewer system calls. Both
// took about a tenth off a start that loads the samples, and a 1M-row load peaked no higher.
// Setting these turns off glibc's own moving mmap threshold, so two more are set: blocks up to
// 32 MiB come from the heap, and freed heap memory is kept up to 256 MiB. Without them every
// query's working arrays of 1M rows were fresh mappings, faulted in page by page and given
// back after, which made a warm group-by of 1M rows about 40 % slower; with them a 1M-row
// load peaks about 3 % higher.
_ = mallopt(M_ARENA_MAX, 1)
_ = mallopt(M_TOP_PAD, 4 << 20)
_ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
_ = mallopt(M_TRIM_THRESHOLD, 256 << 20)

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
