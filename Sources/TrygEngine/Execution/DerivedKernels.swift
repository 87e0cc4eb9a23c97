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
        return calendar(kind, raw: raw, nulls: source.nulls, isTimestamp: source.type == .timestamp)
    }

    /// A calendar part of every row, on the machine's cores: `Int64` values plus one-byte
    /// codes (value − range start) when the values seen span at most 256.
    ///
    /// A part depends only on the day, so each row is first checked against the last day's
    /// bounds (rows are often sorted by time): inside them no division and no calendar
    /// arithmetic happens. A null row's value is 0 and its byte is never read as a value.
    static func calendar(_ kind: DerivedColumn, raw: [Int64], nulls: Bitmap?, isTimestamp: Bool) -> Column {
        let n = raw.count
        let parts = Parallel.parts(for: n)
        var ranges = [(lo: Int64, hi: Int64)](repeating: (Int64.max, Int64.min), count: parts)
        let nullWords = nulls?.words
        // Written only by the parts, each row once: the pages are first touched on both cores,
        // not zeroed on one beforehand.
        let out = [Int64](unsafeUninitializedCapacity: n) { dstBuf, initialized in
            raw.withUnsafeBufferPointer { srcBuf in
                ranges.withUnsafeMutableBufferPointer { rangeBuf in
                    guard let dstBase = dstBuf.baseAddress, let rangeBase = rangeBuf.baseAddress else { return }
                    let src = SharedBuffer(base: srcBuf), dst = SharedPointer(base: dstBase)
                    let seen = SharedPointer(base: rangeBase)
                    Parallel.forEachPart(n, parts: parts) { p, range in
                        seen.base[p] = fill(kind, src: src, dst: dst, range: range, nullWords: nullWords, isTimestamp: isTimestamp)
                    }
                }
            }
            initialized = n
        }
        let lo = ranges.map(\.lo).min() ?? .max, hi = ranges.map(\.hi).max() ?? .min
        // Hours run 0…23; other parts span what was seen (their range makes group-by indexing direct).
        let range: ClosedRange<Int64>? = kind == .hour ? 0...23 : (lo <= hi ? lo...hi : nil)
        var small: [UInt8]?
        if let range, range.upperBound &- range.lowerBound < 256 {
            let base = range.lowerBound
            small = [UInt8](unsafeUninitializedCapacity: n) { bytesBuf, initialized in
                out.withUnsafeBufferPointer { valuesBuf in
                    guard let bytesBase = bytesBuf.baseAddress else { return }
                    let values = SharedBuffer(base: valuesBuf)
                    let codes = SharedPointer(base: bytesBase)
                    Parallel.forEachPart(n, parts: parts) { _, range in
                        for i in range { codes.base[i] = UInt8(truncatingIfNeeded: values[i] &- base) }
                    }
                }
                initialized = n
            }
        }
        return Column(type: kind.type, storage: .ints(out), nulls: nulls, knownRange: range, smallCodes: small)
    }

    /// Fills `dst[range]` and returns the smallest and largest value written for a non-null row.
    private static func fill(_ kind: DerivedColumn, src: SharedBuffer<Int64>, dst: SharedPointer<Int64>, range: Range<Int>,
                             nullWords: [UInt64]?, isTimestamp: Bool) -> (lo: Int64, hi: Int64) {
        var lo = Int64.max, hi = Int64.min
        let unit: Int64 = isTimestamp ? LocalTime.secondsPerDay : 1
        // The last day seen, as the half-open span [dayStart, dayEnd) of source values.
        var dayStart: Int64 = 1, dayEnd: Int64 = 0, value: Int64 = 0
        for i in range {
            if let w = nullWords, w[i >> 6] & (1 << UInt64(i & 63)) != 0 { dst.base[i] = 0; continue }
            let t = src[i]
            if t < dayStart || t >= dayEnd {
                let day = isTimestamp ? LocalTime.dayNumber(ofTimestamp: t) : t
                let (start, overflow) = day.multipliedReportingOverflow(by: unit)
                let (end, overflowEnd) = start.addingReportingOverflow(unit)
                // A day at the very ends of the 64-bit range is not cached (its bounds don't fit).
                (dayStart, dayEnd) = overflow || overflowEnd ? (1, 0) : (start, end)
                value = kind == .hour ? LocalTime.hour(ofTimestamp: t) : calendarPart(kind, day: day)
            }
            let v = kind == .hour && dayStart <= dayEnd ? (t &- dayStart) / 3600 : value
            dst.base[i] = v
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return (lo, hi)
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
