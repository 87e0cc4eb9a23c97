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
        case .decimal: return Column.decimalsIfExact(decimals, nulls: nulls, scale: fractionDigits, exact: exactDecimals)
        case .pending:
            // Only nulls: text, unless a scale says what the values would be.
            if let scale {
                return Column(type: .category(scale), storage: .ints(Array(repeating: 0, count: count)), nulls: nulls)
            }
            let dictionary = TextDictionary(values: count > 0 ? [""] : [])
            return Column(type: .text, storage: .text(codes: Array(repeating: 0, count: count), dictionary: dictionary),
                          nulls: nulls)
        case .plainText:
            if fixedType == nil, let scale, let (indices, markerRows) = plainScaleIndices(scale) {
                return Column(type: .category(scale), storage: .ints(indices), nulls: nulls.union(markerRows, count: count))
            }
            return Column(type: .text, storage: .strings(plain.finish()), nulls: nulls)
        case .text where CSVPlainText.prefersPlain(distinct: encoder.values.count, rows: codes.count):
            // Stretches each too short to decide, together mostly different values.
            var whole = self
            whole.becomePlainText()
            return whole.finishWide(scale: scale)
        case .text, .needsRescan:
            if fixedType == nil, let scale, let (indices, markerCodes) = scaleIndices(scale) {
                let markerRows = markerCodes.isEmpty ? [] : codes.indices.filter { markerCodes.contains(codes[$0]) }
                return Column(type: .category(scale), storage: .ints(codes.map { indices[Int($0)] }),
                              nulls: nulls.union(markerRows, count: count))
            }
            if fixedType == nil, scale == nil, let (ordinals, markerCodes) = halfYearOrdinals() {
                let markerRows = markerCodes.isEmpty ? [] : codes.indices.filter { markerCodes.contains(codes[$0]) }
                return Column(type: .halfYear, storage: .ints(codes.map { ordinals[Int($0)] }),
                              nulls: nulls.union(markerRows, count: count))
            }
            let small = encoder.values.count <= 256 ? codes.map { UInt8(truncatingIfNeeded: $0) } : nil
            return Column(type: .text, storage: .text(codes: codes, dictionary: TextDictionary(values: encoder.values)),
                          nulls: nulls, smallCodes: small)
        case .mapped:
            let values = codes.map { mappedValues.indices.contains(Int($0)) ? mappedValues[Int($0)] ?? 0 : 0 }
            return Column(type: fixedType ?? .text, storage: .ints(values), nulls: nulls)
        }
    }

    /// Whether a text value stands for a missing one (`NULL`, `-`, … and the load's own).
    private func isMarker(_ value: String) -> Bool {
        var v = value
        return v.withUTF8 { markers.matches($0) }
    }

    /// For a text column whose values are all half-years written as tryg writes them
    /// (`vinter 2024/25`, `sommer 2025`, in any case) or missing-value markers: the ordinal
    /// of each text code (0 for nulls and markers) and the codes of the markers; nil when some
    /// value is anything else or none is a half-year. A result written to CSV thus reads back
    /// in calendar order, not the alphabet's (`HalfYear.label`).
    private func halfYearOrdinals() -> (ordinals: [Int64], markerCodes: Set<Int32>)? {
        var ordinals: [Int64] = []
        var markerCodes = Set<Int32>()
        var halfYears = 0
        ordinals.reserveCapacity(encoder.values.count)
        for (code, value) in encoder.values.enumerated() {
            if Int32(code) == encoder.nullPlaceholder {
                ordinals.append(0)
            } else if let h = HalfYear.inferred(from: value) {
                ordinals.append(Int64(h.ordinal))
                halfYears += 1
            } else if isMarker(value) {
                ordinals.append(0)
                markerCodes.insert(Int32(code))
            } else {
                return nil
            }
        }
        return halfYears > 0 ? (ordinals, markerCodes) : nil
    }

    /// The scale position of each text code (0 for nulls and missing-value markers) and the
    /// codes of the markers, or nil when some other value is not in the scale.
    private func scaleIndices(_ scale: OrderedScale) -> (indices: [Int64], markerCodes: Set<Int32>)? {
        var indices: [Int64] = []
        var markerCodes = Set<Int32>()
        indices.reserveCapacity(encoder.values.count)
        for (code, value) in encoder.values.enumerated() {
            if Int32(code) == encoder.nullPlaceholder {
                indices.append(0)
            } else if let i = scale.index(of: value) {
                indices.append(Int64(i))
            } else if isMarker(value) {
                indices.append(0)
                markerCodes.insert(Int32(code))
            } else {
                return nil
            }
        }
        return (indices, markerCodes)
    }

    /// The scale position of each plain text row (0 for nulls and missing-value markers) and
    /// the rows of markers, or nil when some other value is not in the scale.
    private func plainScaleIndices(_ scale: OrderedScale) -> (indices: [Int64], markerRows: [Int])? {
        var indices: [Int64] = []
        var markerRows: [Int] = []
        indices.reserveCapacity(plain.rows)
        let text = plain.finish()
        for row in 0..<text.count {
            if isNull(row) {
                indices.append(0)
            } else if let i = scale.index(of: text.value(at: row)) {
                indices.append(Int64(i))
            } else if isMarker(text.value(at: row)) {
                indices.append(0)
                markerRows.append(row)
            } else {
                return nil
            }
        }
        return (indices, markerRows)
    }

    /// For a column the options give a scale: how many rows hold a missing-value marker read
    /// as null, and the first value outside the scale that kept the column text (nil when
    /// every value is on the scale or a marker).
    func scaleFit(_ scale: OrderedScale) -> (markers: Int, outside: String?) {
        switch state {
        case .text, .needsRescan:
            guard let (_, markerCodes) = scaleIndices(scale) else {
                let outside = encoder.values.enumerated().first { code, value in
                    Int32(code) != encoder.nullPlaceholder && scale.index(of: value) == nil && !isMarker(value)
                }
                return (0, outside?.element)
            }
            return (markerCodes.isEmpty ? 0 : codes.filter { markerCodes.contains($0) }.count, nil)
        case .plainText:
            guard let (_, markerRows) = plainScaleIndices(scale) else {
                let text = plain.finish()
                let outside = (0..<text.count).lazy.map { text.value(at: $0) }.first { value in
                    !value.isEmpty && scale.index(of: value) == nil && !self.isMarker(value)
                }
                return (0, outside)
            }
            return (markerRows.count, nil)
        default:
            return (0, nil)
        }
    }

    private func nullBitmap() -> Bitmap? {
        guard !nullWords.isEmpty else { return nil }
        var bitmap = Bitmap(count: count)
        for (i, w) in nullWords.enumerated() where i < bitmap.words.count { bitmap.words[i] = w }
        return bitmap
    }
}

extension Bitmap? {
    /// These nulls (or none) with the given rows null as well, for a column of `count` rows.
    func union(_ rows: [Int], count: Int) -> Bitmap? {
        guard !rows.isEmpty else { return self }
        var m = self ?? Bitmap(count: count)
        for r in rows { m[r] = true }
        return m
    }
}

extension HalfYear {
    /// A half-year written with its season's word, as tryg labels it (`vinter 2024/25`,
    /// `Vinter 2024/2025`, `sommer 2025`; case and spacing are free): the spellings that name
    /// a half-year beyond doubt, so that a column of them is read as half-years without being
    /// declared. Nil for the short forms (`2025`, `S25`, `2024/25`), which may be other things.
    static func inferred(from text: String) -> HalfYear? {
        let s = text.lowercased().drop { $0 == " " || $0 == "\t" }
        guard s.hasPrefix("vinter") || s.hasPrefix("sommer") else { return nil }
        return HalfYear(parsing: text)
    }
}
