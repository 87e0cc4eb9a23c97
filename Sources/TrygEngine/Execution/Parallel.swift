import Dispatch

/// Splits work over row ranges on the machine's cores (at most `maxParts`).
enum Parallel {
    /// How many parts a loop over `n` rows is worth splitting into.
    static func parts(for n: Int, maxParts: Int = 2) -> Int {
        n < 200_000 ? 1 : max(1, min(maxParts, ProcessInfo.activeCores))
    }

    /// Runs `body(part, range)` for each part of `0..<n`, in parallel when there are several.
    static func forEachPart(_ n: Int, parts: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        if parts <= 1 { body(0, 0..<n); return }
        let size = (n + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = min(n, p * size), hi = min(n, lo + size)
            body(p, lo..<hi)
        }
    }
}

/// A pointer handed to parallel parts that each write their own disjoint slots.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// A read-only buffer shared by parallel parts.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeBufferPointer<T>
    subscript(i: Int) -> T { base[i] }
}

import Foundation

extension ProcessInfo {
    /// Cores this process may use.
    static let activeCores = ProcessInfo.processInfo.activeProcessorCount
}
