import TrygEngine
extension CSVColumnAccumulator {
    /// Appends the same column from the next chunk of rows, as if its rows had been
    /// appended here one by one: types widen the same way and text codes keep the order
    /// in which values first appear.
    /// `next` is left in any state: the caller drops it (its buffers are moved here).
    mutating func merge(_ next: inout CSVColumnAccumulator) {
        markerNulls &+= next.markerNulls
        if firstGrouped == nil { firstGrouped = next.firstGrouped }
        timestampForms.merge(next.timestampForms)
        if next.state == .pending { return appendNulls(next.count) }
        if state == .pending {
            let nulls = count
            state = next.state
            count = 0
            nullWords = []
            appendNulls(nulls)
        }
        switch (state, next.state) {
        case (.int, .decimal): widenIntsToDecimals()
        case (.decimal, .int): next.widenIntsToDecimals()
        case (.date, .timestamp): widenDatesToTimestamps()
        case (.timestamp, .date): next.widenDatesToTimestamps()
        case (.text, .plainText): becomePlainText()
        case (.plainText, .text): next.becomePlainText()
        case (.int, .bool) where holdsOnlyBits: state = .bool
        case (.bool, .int) where next.holdsOnlyBits: next.state = .bool
        default:
            if state != next.state || state == .needsRescan {
                giveUpForRescan()
                count &+= next.count
                return
            }
        }
        let offset = count
        fractionDigits = max(fractionDigits, next.fractionDigits)
        switch state {
        case .int, .bool, .date, .timestamp: CSVArrayMove.append(&next.ints, to: &ints)
        case .decimal:
            decimals.append(contentsOf: next.decimals)
            exactDecimals.append(contentsOf: next.exactDecimals.lazy.map { ($0.row &+ offset, $0.value) })
        case .text, .mapped: appendCodes(of: next)
        case .plainText: plain.append(&next.plain)
        case .pending, .needsRescan: break
        }
        for (w, word) in next.nullWords.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                markNull(offset &+ w &* 64 &+ bits.trailingZeroBitCount)
                bits &= bits &- 1
            }
        }
        count &+= next.count
    }

    /// Appends `k` nulls.
    private mutating func appendNulls(_ k: Int) {
        for _ in 0..<k {
            appendNull()
            count &+= 1
        }
    }

    /// The next chunk's text codes, translated into this dictionary.
    private mutating func appendCodes(of next: CSVColumnAccumulator) {
        var translated: [Int32] = []
        translated.reserveCapacity(next.encoder.values.count)
        for (code, value) in next.encoder.values.enumerated() {
            if Int32(code) == next.encoder.nullPlaceholder {
                translated.append(encoder.nullCode())
            } else {
                translated.append(encoder.code(forNFC: value))
            }
        }
        if translated.elementsEqual(translated.indices.lazy.map { Int32(truncatingIfNeeded: $0) }) {
            codes.append(contentsOf: next.codes)
        } else {
            // Written straight into the room already reserved, with no array in between.
            translated.withUnsafeBufferPointer { t in
                codes.append(contentsOf: next.codes.lazy.map { t[Int($0)] })
            }
        }
        if state == .mapped {
            while mappedValues.count < encoder.values.count {
                mappedValues.append(mappedValue(encoder.values[mappedValues.count]))
            }
        }
    }
}
