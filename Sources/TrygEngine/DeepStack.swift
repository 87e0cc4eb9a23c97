import Glibc

/// Runs a statement's work on a thread whose stack is deep enough for the nesting the
/// language allows. The parser, binder, optimizer and evaluator recurse once per level of an
/// expression (about a dozen frames for `abs(…)`, tens of kilobytes in a debug build), and
/// the 200 levels `Parser.maxDepth` admits would overflow the main thread's 8 MiB stack before
/// the limit's own error could be given. The stack is reserved address space, touched only as
/// deep as a statement goes.
enum DeepStack {
    /// Bytes of stack for a statement: room for `Parser.maxDepth` levels many times over.
    static let size = 512 << 20

    /// Whether this thread is one `run` started (a statement inside a statement runs in place).
    nonisolated(unsafe) private static var key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// `body`'s result, computed on a thread with a `size` stack; the caller waits for it.
    /// Falls back to the calling thread when no thread can be started.
    static func run<T>(_ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        if pthread_getspecific(key) != nil { return try body() }
        var result: Result<T, Diagnostic>?
        let work: () -> Void = {
            do throws(Diagnostic) { result = .success(try body()) } catch { result = .failure(error) }
        }
        let ran = withoutActuallyEscaping(work) { escapable -> Bool in
            let job = Job(escapable)
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            let started = pthread_create(&thread, &attributes, { context in
                guard let context else { return nil }
                pthread_setspecific(DeepStack.key, context)
                Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work()
                return nil
            }, context)
            if started != 0 {
                Unmanaged<Job>.fromOpaque(context).release()
                return false
            }
            pthread_join(thread, nil)
            return true
        }
        guard ran, let result else { return try body() }
        return try result.get()
    }

    private final class Job: @unchecked Sendable {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}
