import TrygDomain

/// Computes the domain's derived columns from a date or timestamp (or library) column.
enum DerivedKernels {
    static func compute(_ kind: DerivedColumn, from source: Column, domain: DomainContext) -> Column {
        if kind == .district {
            guard case (let codes, let dict)? = source.dictionaryEncoded else { return Column.constant(.null, type: .text, count: source.count) }
            // Map each dictionary entry once, then the codes.
            var b = ColumnBuilder(type: .text, capacity: dict.values.count)
            for v in dict.values {
                if let d = domain.libraries.district(of: v) { b.append(.text(d)) } else { b.appendNull() }
            }
            let mapped = b.finish()
            return mapped.gather(codes)
                .withNulls(union: source.nulls)
        }
        guard case .ints(let raw) = source.storage else { return Column.constant(.null, type: kind.type, count: source.count) }
        let isTimestamp = source.type == .timestamp
        var out = [Int64](repeating: 0, count: raw.count)
        // Calendar parts depend only on the day: cache the last day's answer (rows are often sorted).
        var lastDay = Int64.min, lastValue: Int64 = 0
        var lo = Int64.max, hi = Int64.min
        raw.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    let t = src[i]
                    if kind == .hour {
                        dst[i] = LocalTime.hour(ofTimestamp: t)
                        continue
                    }
                    if source.nulls?[i] ?? false { dst[i] = 0; continue }
                    let day = isTimestamp ? LocalTime.dayNumber(ofTimestamp: t) : t
                    if day != lastDay {
                        lastDay = day
                        lastValue = calendarPart(kind, day: day)
                        lo = min(lo, lastValue)
                        hi = max(hi, lastValue)
                    }
                    dst[i] = lastValue
                }
            }
        }
        // Hours run 0…23; other parts span what was seen (their range makes group-by indexing direct).
        let range: ClosedRange<Int64>? = kind == .hour ? 0...23 : (lo <= hi ? lo...hi : nil)
        var small: [UInt8]?
        if let range, range.upperBound &- range.lowerBound < 256 {
            let base = range.lowerBound
            // (A null row's stored 0 may lie outside the range; its byte is never read as a value.)
            small = out.map { UInt8(truncatingIfNeeded: $0 &- base) }
        }
        return Column(type: kind.type, storage: .ints(out), nulls: source.nulls, knownRange: range, smallCodes: small)
    }

    static func calendarPart(_ kind: DerivedColumn, day: Int64) -> Int64 {
        let d = CivilDate(dayNumber: Int(day))
        switch kind {
        case .halfyear: return Int64(HalfYear(date: d).ordinal)
        case .season: return HalfYear(date: d).season == .vinter ? 0 : 1
        case .year: return Int64(d.year)
        case .month: return Int64(d.month)
        case .week: return Int64(d.isoWeek.week)
        case .weekday: return Int64(d.isoWeekday - 1)
        case .hour, .district: return 0
        }
    }
}

extension Column {
    /// The same values with extra nulls.
    func withNulls(union other: Bitmap?) -> Column {
        guard let other else { return self }
        var m = nulls ?? Bitmap(count: count)
        for i in 0..<m.words.count { m.words[i] |= other.words[i] }
        return Column(type: type, storage: storage, nulls: m)
    }
}
