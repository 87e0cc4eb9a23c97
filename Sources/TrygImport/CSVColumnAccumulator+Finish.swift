import TrygDomain
import TrygEngine

extension CSVColumnAccumulator {
    /// The finished column. A text column named in the options' scales becomes a category
    /// when all its non-null values belong to the scale. Integers, booleans and categories
    /// whose values span at most 256 are stored one byte a row (`Column.narrowed`). Not for
    /// `.needsRescan` columns.
    func finish(scale: OrderedScale?) -> Column {
        let column = finishWide(scale: scale)
        switch column.type {
        case .int, .bool, .category: return column.narrowed()
        default: return column
        }
    }

    private func finishWide(scale: OrderedScale?) -> Column {
        let nulls = nullBitmap()
        switch state {
        case .int: return Column(type: .int, storage: .ints(ints), nulls: nulls)
        case .bool: return Column(type: .bool, storage: .ints(ints), nulls: nulls)
        case .date: return Column(type: .date, storage: .ints(ints), nulls: nulls)
        case .timestamp: return Column(type: .timestamp, storage: .ints(ints), nulls: nulls)
        case .decimal: return Column.decimalsIfExact(decimals, nulls: nulls, scale: fractionDigits)
        case .pending:
            // Only nulls: text, unless a scale says what the values would be.
            if let scale {
                return Column(type: .category(scale), storage: .ints(Array(repeating: 0, count: count)), nulls: nulls)
            }
            let dictionary = TextDictionary(values: count > 0 ? [""] : [])
            return Column(type: .text, storage: .text(codes: Array(repeating: 0, count: count), dictionary: dictionary),
                          nulls: nulls)
        case .plainText:
            if fixedType == nil, let scale, let indices = plainScaleIndices(scale) {
                return Column(type: .category(scale), storage: .ints(indices), nulls: nulls)
            }
            return Column(type: .text, storage: .strings(plain.finish()), nulls: nulls)
        case .text where CSVPlainText.prefersPlain(distinct: encoder.values.count, rows: codes.count):
            // Stretches each too short to decide, together mostly different values.
            var whole = self
            whole.becomePlainText()
            return whole.finishWide(scale: scale)
        case .text, .needsRescan:
            if fixedType == nil, let scale, let indices = scaleIndices(scale) {
                return Column(type: .category(scale), storage: .ints(codes.map { indices[Int($0)] }), nulls: nulls)
            }
            let small = encoder.values.count <= 256 ? codes.map { UInt8(truncatingIfNeeded: $0) } : nil
            return Column(type: .text, storage: .text(codes: codes, dictionary: TextDictionary(values: encoder.values)),
                          nulls: nulls, smallCodes: small)
        case .mapped:
            let values = codes.map { mappedValues.indices.contains(Int($0)) ? mappedValues[Int($0)] ?? 0 : 0 }
            return Column(type: fixedType ?? .text, storage: .ints(values), nulls: nulls)
        }
    }

    /// The scale position of each text code, or nil when some value is not in the scale.
    private func scaleIndices(_ scale: OrderedScale) -> [Int64]? {
        var indices: [Int64] = []
        indices.reserveCapacity(encoder.values.count)
        for (code, value) in encoder.values.enumerated() {
            if Int32(code) == encoder.nullPlaceholder {
                indices.append(0)
            } else if let i = scale.index(of: value) {
                indices.append(Int64(i))
            } else {
                return nil
            }
        }
        return indices
    }

    /// The scale position of each plain text row (0 for nulls), or nil when some value is
    /// not in the scale.
    private func plainScaleIndices(_ scale: OrderedScale) -> [Int64]? {
        var indices: [Int64] = []
        indices.reserveCapacity(plain.rows)
        let text = plain.finish()
        for row in 0..<text.count {
            let word = row >> 6
            if word < nullWords.count, nullWords[word] & (1 << UInt64(row & 63)) != 0 {
                indices.append(0)
            } else if let i = scale.index(of: text.value(at: row)) {
                indices.append(Int64(i))
            } else {
                return nil
            }
        }
        return indices
    }

    private func nullBitmap() -> Bitmap? {
        guard !nullWords.isEmpty else { return nil }
        var bitmap = Bitmap(count: count)
        for (i, w) in nullWords.enumerated() where i < bitmap.words.count { bitmap.words[i] = w }
        return bitmap
    }
}
