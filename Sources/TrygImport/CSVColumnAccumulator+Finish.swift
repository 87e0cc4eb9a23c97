import TrygDomain
import TrygEngine

extension CSVColumnAccumulator {
    /// The finished column. A text column named in the options' scales becomes a category
    /// when all its non-null values belong to the scale. Not for `.needsRescan` columns.
    func finish(scale: OrderedScale?) -> Column {
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

    private func nullBitmap() -> Bitmap? {
        guard !nullWords.isEmpty else { return nil }
        var bitmap = Bitmap(count: count)
        for (i, w) in nullWords.enumerated() where i < bitmap.words.count { bitmap.words[i] = w }
        return bitmap
    }
}
