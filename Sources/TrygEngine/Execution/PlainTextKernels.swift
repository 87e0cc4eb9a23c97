import Glibc

/// Kernels over text stored as offsets and bytes (`ColumnStorage.strings`), where deciding
/// once per distinct value would mean once per row anyway: they compare bytes, never making a
/// `String` of a value.
enum PlainTextKernels {
    /// For each row, whether its bytes are the literal's (NFC, as stored text is); a null row
    /// holds no bytes, so it equals only an empty literal (the caller applies the null mask).
    static func equal(_ s: TextBytes, _ literal: String) -> [Bool] {
        let needle = Array(literal.precomposedForTrygNFC.utf8)
        let n = s.count
        var out = [Bool](repeating: false, count: n)
        s.bytes.withUnsafeBufferPointer { all in
            s.offsets.withUnsafeBufferPointer { off in
                needle.withUnsafeBufferPointer { pin in
                    out.withUnsafeMutableBufferPointer { dst in
                        let m = pin.count
                        guard m > 0, let a = all.baseAddress, let p = pin.baseAddress else {
                            // An empty literal: the rows without bytes.
                            for i in 0..<n { dst[i] = off[i &+ 1] == off[i] && m == 0 }
                            return
                        }
                        for i in 0..<n where off[i &+ 1] &- off[i] == m { dst[i] = memcmp(a + off[i], p, m) == 0 }
                    }
                }
            }
        }
        return out
    }
}

extension PlainTextKernels {
    /// For each row, whether `contains`, `starts with` or `matches` holds, on both cores;
    /// the general path per value where the byte fold does not apply.
    static func matchAnswers(_ op: ScalarOp, needle: String, _ s: TextBytes, span: Span,
                             cancellation: CancellationFlag) throws(Diagnostic) -> [Bool] {
        let n = s.count
        if op == .matches {
            let matcher = try PatternMatch.matcher(try PatternMatch.compile(needle, span: span), span: span)
            var out = [Bool](repeating: false, count: n)
            for i in 0..<n {
                if i & 1023 == 0 { try cancellation.check() }
                out[i] = try PatternMatch.matches(matcher, s.value(at: i), span: span)
            }
            return out
        }
        let operation = op.textOperation ?? .contains
        if let folded = TextFold.foldedNeedle(needle) {
            var out = TextSearch.answers(s, folded: folded, operation)
            for row in s.foldExceptions { out[row] = TextFold.general(s.value(at: row), needle, operation) }
            return out
        }
        return generalAnswers(needle, operation, s)
    }

    /// Whether `contains`, `starts with` or `ends with` holds for some row (ignoring case).
    static func anyMatch(_ needle: String, _ operation: TextFold.Operation, _ s: TextBytes) -> Bool {
        guard let folded = TextFold.foldedNeedle(needle) else { return generalAnswers(needle, operation, s).contains(true) }
        let exceptions = Set(s.foldExceptions)
        if TextSearch.anyAnswer(s, folded: folded, operation, skipping: exceptions) { return true }
        return exceptions.contains { TextFold.general(s.value(at: $0), needle, operation) }
    }

    /// Every row on the general path (a needle the byte fold does not cover), on both cores.
    static func generalAnswers(_ needle: String, _ operation: TextFold.Operation, _ s: TextBytes) -> [Bool] {
        let n = s.count
        var out = [Bool](repeating: false, count: n)
        out.withUnsafeMutableBufferPointer { result in
            guard let base = result.baseAddress else { return }
            let shared = SharedPointer(base: base)
            s.bytes.withUnsafeBufferPointer { all in
                s.offsets.withUnsafeBufferPointer { off in
                    let bytes = SharedBuffer(base: all), offsets = SharedBuffer(base: off)
                    Parallel.forEachPart(n, parts: Parallel.parts(for: n)) { _, range in
                        for i in range {
                            let value = UnsafeBufferPointer(rebasing: bytes.base[offsets[i]..<offsets[i &+ 1]])
                            shared.base[i] = TextFold.general(String(decoding: value, as: UTF8.self), needle, operation)
                        }
                    }
                }
            }
        }
        return out
    }

    /// The rows (of `within`, or all rows) whose answer is true and that are not null.
    static func filterRows(_ answers: [Bool], nulls: Bitmap?, within: [Int32]?) -> [Int32] {
        var out: [Int32] = []
        answers.withUnsafeBufferPointer { a in
            if let within {
                for r in within where a[Int(r)] && !(nulls?[Int(r)] ?? false) { out.append(r) }
            } else {
                for i in 0..<a.count where a[i] && !(nulls?[i] ?? false) { out.append(Int32(truncatingIfNeeded: i)) }
            }
        }
        return out
    }
}
