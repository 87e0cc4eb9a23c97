import Dispatch
import Glibc
import TrygEngine

/// Runs a few independent jobs at once, one per core, for the CSV reader's chunks.
enum CSVParallel {
    /// The cores to use (at least one, at most eight).
    static var cores: Int { max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The results of `job(0)`, …, `job(count - 1)`, computed concurrently unless
    /// `parallel` is false (small inputs, where starting threads costs more than it saves).
    static func map<T>(_ count: Int, parallel: Bool = true, _ job: (Int) -> T) -> [T] {
        if count <= 1 || !parallel { return (0..<count).map(job) }
        return withoutActuallyEscaping(job) { job in
            let slots = Slots(count: count, job: job)
            DispatchQueue.concurrentPerform(iterations: count) { slots.run($0) }
            return slots.results()
        }
    }

    /// The job and one result slot per job. Each worker writes only its own slot, and the
    /// slots are read after `concurrentPerform` returns, so sharing them is safe.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>
        private let job: (Int) -> T

        init(count: Int, job: @escaping (Int) -> T) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
            self.job = job
        }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }

        func run(_ i: Int) { storage[i] = job(i) }

        func results() -> [T] { storage.compactMap { $0 } }
    }
}
