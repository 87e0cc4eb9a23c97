extension CSVColumnAccumulator {
    /// Every this many rows a probed column whose values repeat (at most half different so
    /// far) is encoded: it would likely keep its dictionary at the checkpoint.
    static let probeLook = 256

    /// Above this many bytes expected for the column's rows, one that goes plain from its probe
    /// is copied once into storage with room for them all, as `becomePlainText` reserves it;
    /// below, its bytes simply grow.
    static let probeReserveBytes = 4 << 20

    /// Appends a non-null value to a probed `.text` column; false (with the rows so far
    /// encoded and nothing appended) for a value NFC may change, which the dictionary would
    /// count by its normalised form.
    @inline(__always)
    mutating func appendProbed(_ b: Bytes) -> Bool {
        guard CSVTextEncoder.isSurelyNFC(b) else {
            endProbe()
            return false
        }
        let row = plain.rows
        plain.append(b)
        probe?.note(b, row: row, in: plain)
        guard let values = probe?.values else { return true }
        let n = row &+ 1
        // The checkpoint `append` makes for a dictionary-encoded column, with the same count.
        if n >= CSVPlainText.firstCheckpoint, n & (n &- 1) == 0 {
            if CSVPlainText.prefersPlain(distinct: values, rows: n) { keepProbedAsPlain() } else { endProbe() }
        } else if n % CSVColumnAccumulator.probeLook == 0, values &* 2 <= n {
            endProbe()
        }
        return true
    }

    /// Ends the probe: the rows kept as bytes are encoded, in order, as `append` would have
    /// encoded them (the same codes, the same dictionary), and the column goes on as `.text`.
    mutating func endProbe() {
        guard let ended = probe else { return }
        probe = nil
        let rows = plain
        plain = CSVPlainText()
        codes.reserveCapacity(Swift.max(capacityHint, rows.rows))
        if ended.placeholder { _ = encoder.nullCode() }
        rows.bytes.withUnsafeBufferPointer { all in
            for r in 0..<rows.rows {
                let word = r >> 6
                if word < nullWords.count, nullWords[word] & (1 << UInt64(r & 63)) != 0 {
                    codes.append(encoder.nullCode())
                } else {
                    codes.append(encoder.code(for: UnsafeBufferPointer(rebasing: all[rows.offsets[r]..<rows.offsets[r &+ 1]])))
                }
            }
        }
    }

    /// The probed rows become the column's plain text (see `becomePlainText`).
    private mutating func keepProbedAsPlain() {
        probe = nil
        state = .plainText
        let n = plain.rows
        guard n > 0, capacityHint > n, plain.bytes.count / n &* capacityHint > CSVColumnAccumulator.probeReserveBytes else { return }
        let values = plain.bytes.withUnsafeBufferPointer { all in
            (0..<n).map { r in String(decoding: UnsafeBufferPointer(rebasing: all[plain.offsets[r]..<plain.offsets[r &+ 1]]), as: UTF8.self) }
        }
        plain = CSVPlainText(codes: (0..<n).map { Int32(truncatingIfNeeded: $0) }, values: values, nullWords: nullWords,
                             capacity: capacityHint)
    }
}
