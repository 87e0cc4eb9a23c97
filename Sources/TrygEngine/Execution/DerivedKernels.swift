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
        guard let raw = source.wideIntegers else { return Column.constant(.null, type: kind.type, count: source.count) }
        return calendar(kind, raw: raw, nulls: source.nulls, isTimestamp: source.type == .timestamp)
    }

    /// A calendar part of every row, on the machine's cores: one byte a row (`.bytes`) when the
    /// part's values span at most 256, as they do for every part but the year and half-year of
    /// data spanning centuries; else `Int64` values.
    ///
    /// A part depends only on the day, so each row is first checked against the last day's
    /// bounds (rows are often sorted by time): inside them no division and no calendar
    /// arithmetic happens. A null row's stored value is the lower bound (0 for `Int64`).
    static func calendar(_ kind: DerivedColumn, raw: [Int64], nulls: Bitmap?, isTimestamp: Bool) -> Column {
        if let base = byteBase(kind, raw: raw, nulls: nulls, isTimestamp: isTimestamp) {
            let (codes, lo, hi): ([UInt8], Int64, Int64) = fillAll(kind, raw: raw, base: base, nulls: nulls, isTimestamp: isTimestamp)
            // The bounds are found before the fill; a part that fell outside them (which the
            // calendar's monotony rules out) takes the wide path rather than wrap around.
            if lo > hi {
                return Column(type: kind.type, storage: .bytes(codes, base: base), nulls: nulls, knownRange: kind == .hour ? 0...23 : nil)
            }
            if lo >= base, hi &- base < 256 {
                return Column(type: kind.type, storage: .bytes(codes, base: base), nulls: nulls, knownRange: kind == .hour ? 0...23 : lo...hi)
            }
        }
        let (out, lo, hi): ([Int64], Int64, Int64) = fillAll(kind, raw: raw, base: 0, nulls: nulls, isTimestamp: isTimestamp)
        // Hours run 0…23; other parts span what was seen (their range makes group-by indexing direct).
        let range: ClosedRange<Int64>? = kind == .hour ? 0...23 : (lo <= hi ? lo...hi : nil)
        return Column(type: kind.type, storage: .ints(out), nulls: nulls, knownRange: range)
    }

    /// The lower bound of a part's values when they span at most 256, before computing them:
    /// fixed for hours, months, weeks, weekdays and seasons; for years and half-years, which
    /// never decrease with time, the part of the earliest and latest non-null source values.
    static func byteBase(_ kind: DerivedColumn, raw: [Int64], nulls: Bitmap?, isTimestamp: Bool) -> Int64? {
        switch kind {
        case .hour, .weekday, .season: return 0
        case .month, .week: return 1
        case .district: return nil
        case .year, .halfyear: break
        }
        let n = raw.count
        let parts = Parallel.parts(for: n)
        var ranges = [(lo: Int64, hi: Int64)](repeating: (Int64.max, Int64.min), count: parts)
        let nullWords = nulls?.words
        raw.withUnsafeBufferPointer { srcBuf in
            ranges.withUnsafeMutableBufferPointer { rangeBuf in
                guard let rangeBase = rangeBuf.baseAddress else { return }
                let src = SharedBuffer(base: srcBuf), seen = SharedPointer(base: rangeBase)
                Parallel.forEachPart(n, parts: parts) { p, range in
                    var lo = Int64.max, hi = Int64.min
                    for i in range {
                        if let w = nullWords, w[i >> 6] & (1 << UInt64(i & 63)) != 0 { continue }
                        let t = src[i]
                        if t < lo { lo = t }
                        if t > hi { hi = t }
                    }
                    seen.base[p] = (lo, hi)
                }
            }
        }
        let lo = ranges.map(\.lo).min() ?? .max, hi = ranges.map(\.hi).max() ?? .min
        guard lo <= hi else { return 0 }
        let first = calendarPart(kind, day: isTimestamp ? LocalTime.dayNumber(ofTimestamp: lo) : lo)
        let last = calendarPart(kind, day: isTimestamp ? LocalTime.dayNumber(ofTimestamp: hi) : hi)
        let (span, overflow) = last.subtractingReportingOverflow(first)
        return !overflow && span >= 0 && span < 256 ? first : nil
    }

    /// Every row's part less `base`, stored `T` wide, with the smallest and largest part
    /// (not less `base`) of a non-null row.
    private static func fillAll<T: FixedWidthInteger>(_ kind: DerivedColumn, raw: [Int64], base: Int64, nulls: Bitmap?,
                                                      isTimestamp: Bool) -> ([T], Int64, Int64) {
        let n = raw.count
        let parts = Parallel.parts(for: n)
        var ranges = [(lo: Int64, hi: Int64)](repeating: (Int64.max, Int64.min), count: parts)
        let nullWords = nulls?.words
        // Written only by the parts, each row once: the pages are first touched on both cores,
        // not zeroed on one beforehand.
        let out = [T](unsafeUninitializedCapacity: n) { dstBuf, initialized in
            raw.withUnsafeBufferPointer { srcBuf in
                ranges.withUnsafeMutableBufferPointer { rangeBuf in
                    guard let dstBase = dstBuf.baseAddress, let rangeBase = rangeBuf.baseAddress else { return }
                    let src = SharedBuffer(base: srcBuf), dst = SharedPointer(base: dstBase)
                    let seen = SharedPointer(base: rangeBase)
                    Parallel.forEachPart(n, parts: parts) { p, range in
                        seen.base[p] = fill(kind, src: src, dst: dst, base: base, range: range, nullWords: nullWords,
                                            isTimestamp: isTimestamp)
                    }
                }
            }
            initialized = n
        }
        return (out, ranges.map(\.lo).min() ?? .max, ranges.map(\.hi).max() ?? .min)
    }

    /// Fills `dst[range]` with each part less `base` and returns the smallest and largest part
    /// of a non-null row.
    private static func fill<T: FixedWidthInteger>(_ kind: DerivedColumn, src: SharedBuffer<Int64>, dst: SharedPointer<T>,
                                                   base: Int64, range: Range<Int>, nullWords: [UInt64]?,
                                                   isTimestamp: Bool) -> (lo: Int64, hi: Int64) {
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
            dst.base[i] = T(truncatingIfNeeded: v &- base)
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
