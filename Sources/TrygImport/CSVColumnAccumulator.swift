import TrygDomain
import TrygEngine

/// Collects one column's values while the file is read, inferring its type as it goes.
///
/// The column keeps the narrowest type that fits every value so far and stores values in
/// that type right away: int widens to decimal, date widens to timestamp. Any other mix
/// makes the column text; since earlier values were not kept as text, the column is then
/// marked for a second pass over the rows (`needsRescan`).
///
/// A column with a set type (`fixedType`) checks each value with `fits` first, and a value
/// that does not fit rejects its row. A declared type never changes; a sniffed one
/// (`widens`) still widens from int to decimal and from date to timestamp.
struct CSVColumnAccumulator {
    enum State: Equatable {
        /// Only nulls so far.
        case pending
        case int, decimal, bool, date, timestamp, text
        /// Text whose values are mostly different, kept as bytes (`plain`), not codes.
        case plainText
        /// Values are kept as text codes and mapped to a category or half-year at the end.
        case mapped
        /// Became text after values of another type: the text is re-read in a second pass.
        case needsRescan
    }

    typealias Bytes = UnsafeBufferPointer<UInt8>

    var state: State
    /// The declared or sniffed type, nil when inferred from every value.
    let fixedType: DataType?
    /// True for a sniffed type, which may widen; false for a declared one.
    let widens: Bool
    /// How the file writes numbers.
    let numbers: CSVNumberFormat
    /// Values that mean "missing" (`NULL`, `N/A`, `-`, …): null in a column of a type other
    /// than text, where they would otherwise misfit. A text column keeps them as written.
    let markers: CSVNullMarkers
    /// Values read as null because they are missing-value markers.
    var markerNulls = 0
    /// The first value read with a thousands separator that could also have been a decimal
    /// mark (`1.500` read as 1500), for the report when the sample held none such.
    var firstGrouped: String?
    /// Timestamps written with a UTC offset or a fraction of a second, for the report.
    var timestampForms = CSVTimestampForms()
    var ints: [Int64] = []
    var decimals: [Double] = []
    /// The rows of a `.decimal` column whose value a double cannot hold exactly (16 to 18
    /// significant digits as written, `1234567.1234567891`), with the value written; in row
    /// order. `finish` takes them over the doubles, so such a column stays exact.
    var exactDecimals: [(row: Int, value: DecimalValue)] = []
    /// The most digits written after the decimal mark in a decimal value: the scale the
    /// column keeps (`0,10` stays 0.10).
    var fractionDigits = 0
    var codes: [Int32] = []
    var encoder = CSVTextEncoder()
    /// For `.plainText`: the values' bytes. Also for `.text` while `probe` is set.
    var plain = CSVPlainText()
    /// Set while a `.text` column's first rows are kept in `plain`, not as codes, with their
    /// distinct values counted here; ended (the rows encoded) at the first checkpoint that
    /// keeps the dictionary, when the values look repetitive, or when the chunk ends.
    var probe: CSVTextProbe?
    /// For `.mapped`: the Int64 value of each text code, nil for a value outside the type.
    var mappedValues: [Int64?] = []
    /// Null bits, grown only when a null arrives (most columns have none).
    var nullWords: [UInt64] = []
    var count = 0
    private var checkedCode: Int32 = 0
    /// The value `fits` parsed, for the `append` that follows it.
    private var checked: CSVValue?
    /// Set by `fits` for a missing-value marker, for the `append` that follows it.
    private var checkedNull = false
    /// The expected number of values, kept for a column that is still `.pending`.
    private(set) var capacityHint = 0
    private var timestamps = CSVTimestampReader()

    /// A column of `fixedType`, or of an inferred type when nil; `inferredText` starts an
    /// inferred column as text (for a sniffed text column, and for the second pass over a
    /// column that became text).
    init(fixedType: DataType?, widens: Bool = false, numbers: CSVNumberFormat = .plain,
         markers: CSVNullMarkers = .standard, capacity: Int, inferredText: Bool = false, probesText: Bool = false) {
        self.fixedType = fixedType
        self.widens = widens
        self.numbers = numbers
        self.markers = markers
        switch fixedType {
        case nil: state = inferredText ? .text : .pending
        case .int?: state = .int
        case .decimal?, .float?: state = .decimal
        case .bool?: state = .bool
        case .date?: state = .date
        case .timestamp?: state = .timestamp
        case .category?, .halfYear?: state = .mapped
        case .text?, .null?: state = .text
        }
        if probesText, state == .text { probe = CSVTextProbe() }
        reserve(capacity)
    }

    /// Makes room for `capacity` values in the storage the column uses now.
    mutating func reserve(_ capacity: Int) {
        capacityHint = capacity
        // Rows that cannot reach the first checkpoint are encoded at once.
        if probe != nil, capacity > 0, capacity < CSVPlainText.firstCheckpoint { endProbe() }
        if probe != nil { return }
        switch state {
        case .int, .bool, .date, .timestamp: ints.reserveCapacity(capacity)
        case .decimal: decimals.reserveCapacity(capacity)
        case .text, .mapped: codes.reserveCapacity(capacity)
        case .plainText: break
        case .pending, .needsRescan: break
        }
    }

    /// For a set type: true when the field fits it (nulls always do). Must come right
    /// before `append` of the same field, which then reuses the parsed value.
    mutating func fits(_ field: Bytes) -> Bool {
        checkedNull = false
        guard !field.isEmpty else {
            checked = nil
            return true
        }
        let b = unpadded(field)
        switch state {
        case .int:
            if let v = CSVValueParser.int(b) {
                checked = .int(v)
            } else if widens {
                checked = CSVValueParser.number(b, numbers)
                if case .int? = checked { noteGrouped(b) }
            } else {
                checked = (CSVValueParser.int(b, numbers) ?? (declared ? CSVValueParser.typedInt(b) : nil)).map { .int($0) }
                if checked != nil { noteGrouped(b) }
            }
        case .decimal: checked = CSVValueParser.number(b, numbers)
        case .bool: checked = CSVValueParser.bool(b, digits: true).map { .bool($0) }
        case .date:
            checked = CSVValueParser.dateOrTimestamp(b)
            if !widens, case .timestamp? = checked { checked = nil }
        case .timestamp: checked = CSVValueParser.dateOrTimestamp(b)
        case .mapped:
            checkedCode = encoder.code(for: b)
            // Each distinct value is mapped once (the null placeholder maps to nil).
            while mappedValues.count <= Int(checkedCode) {
                mappedValues.append(mappedValue(encoder.values[mappedValues.count]))
            }
            if mappedValues[Int(checkedCode)] != nil { return true }
            checkedNull = markers.matches(b)
            return checkedNull
        case .pending, .text, .plainText, .needsRescan: return true
        }
        if checked == nil, markers.matches(b) { checkedNull = true }
        return checked != nil || checkedNull
    }

    /// Whether the value fits the column's type or a widening it allows, without keeping
    /// anything: an empty field or a missing-value marker always does, and so does every
    /// value of a text or inferred column.
    func couldHold(_ field: Bytes) -> Bool {
        if field.isEmpty || markers.matches(field) { return true }
        let b = unpadded(field)
        switch state {
        case .int:
            return widens ? CSVValueParser.number(b, numbers) != nil
                : (CSVValueParser.int(b, numbers) ?? (declared ? CSVValueParser.typedInt(b) : nil)) != nil
        case .decimal: return CSVValueParser.number(b, numbers) != nil
        case .bool: return CSVValueParser.bool(b, digits: true) != nil
        case .date:
            guard let v = CSVValueParser.dateOrTimestamp(b) else { return false }
            if case .timestamp = v { return widens }
            return true
        case .timestamp: return CSVValueParser.dateOrTimestamp(b) != nil
        case .mapped: return mappedValue(String(decoding: b, as: UTF8.self)) != nil
        case .pending, .text, .plainText, .needsRescan: return true
        }
    }

    /// For a set type, the quick path: appends the field when it parses as the column's type
    /// as it stands, and returns true; else appends nothing and returns false, and the caller
    /// takes the careful path (`fits`, then `append`), which also widens a sniffed type.
    @inline(__always)
    mutating func appendFitting(_ b: Bytes) -> Bool {
        defer { if state == .decimal { noteDecimal(b) } }
        if b.isEmpty {
            appendNull()
            count &+= 1
            return true
        }
        switch state {
        case .int:
            guard let v = CSVValueParser.int(b) else { return false }
            ints.append(v)
        case .decimal:
            switch CSVValueParser.number(b, numbers) {
            case .int(let v)?: decimals.append(Double(v))
            case .decimal(let v)?: decimals.append(v)
            default: return false
            }
        case .bool:
            guard let v = CSVValueParser.bool(b, digits: true) else { return false }
            ints.append(v ? 1 : 0)
        case .date:
            guard case .date(let d)? = CSVValueParser.dateOrTimestamp(b) else { return false }
            ints.append(d)
        case .timestamp:
            if let t = timestamps.timestamp(b) {
                ints.append(t)
            } else {
                switch CSVValueParser.dateOrTimestamp(b) {
                case .date(let d)?: ints.append(d &* LocalTime.secondsPerDay)
                case .timestamp(let t)?:
                    ints.append(t)
                    if CSVValueParser.mayHaveTimestampSuffix(b) { timestampForms.note(b) }
                default: return false
                }
            }
        case .mapped:
            let code = encoder.code(for: b)
            while mappedValues.count <= Int(code) {
                mappedValues.append(mappedValue(encoder.values[mappedValues.count]))
            }
            guard mappedValues[Int(code)] != nil else { return false }
            codes.append(code)
        case .pending, .text, .plainText, .needsRescan:
            return false
        }
        count &+= 1
        return true
    }

    /// Takes back the value appended last (by `appendFitting`, when a later column of the
    /// same row does not fit and the row is rejected).
    mutating func removeLastValue() {
        // The dictionary keeps what a row taken back added to it: encode the rows, then take it back.
        if probe != nil { endProbe() }
        count &-= 1
        let word = count >> 6
        if word < nullWords.count { nullWords[word] &= ~(1 << UInt64(count & 63)) }
        switch state {
        case .int, .bool, .date, .timestamp: ints.removeLast()
        case .decimal:
            decimals.removeLast()
            if exactDecimals.last?.row == count { exactDecimals.removeLast() }
        case .text, .mapped: codes.removeLast()
        case .plainText: plain.removeLast()
        case .pending, .needsRescan: break
        }
    }

    /// Adds a field's value; an empty field is null.
    @inline(__always)
    mutating func append(_ field: Bytes) {
        let b = unpadded(field)
        defer { if state == .decimal { noteDecimal(b) } }
        // (Defers run last first: `count` is counted by then.)
        defer {
            if state == .timestamp, CSVValueParser.mayHaveTimestampSuffix(b), count > 0, !isNull(count &- 1) {
                timestampForms.note(b)
            }
        }
        defer { count &+= 1 }
        if b.isEmpty { return appendNull() }
        if checkedNull {
            checkedNull = false
            markerNulls &+= 1
            return appendNull()
        }
        if let value = checked {
            checked = nil
            if appendChecked(value) { return }
        }
        switch state {
        case .int:
            if let v = CSVValueParser.int(b) { return ints.append(v) }
            if let v = CSVValueParser.int(b, numbers) {
                noteGrouped(b)
                return ints.append(v)
            }
            if declared, let v = CSVValueParser.typedInt(b) { return ints.append(v) }
        case .decimal:
            if let v = CSVValueParser.decimal(b, numbers) { return decimals.append(v) }
        case .bool:
            // Beside booleans, `1` and `0` are booleans too.
            if let v = CSVValueParser.bool(b, digits: true) { return ints.append(v ? 1 : 0) }
        case .date:
            if case .date(let d)? = CSVValueParser.dateOrTimestamp(b) { return ints.append(d) }
        case .timestamp:
            switch CSVValueParser.dateOrTimestamp(b) {
            case .date(let d)?: return ints.append(d &* LocalTime.secondsPerDay)
            case .timestamp(let t)?: return ints.append(t)
            default: break
            }
        case .text:
            if probe != nil, appendProbed(b) { return }
            codes.append(encoder.code(for: b))
            // At each checkpoint: a column of mostly different values goes plain.
            let n = codes.count
            if n >= CSVPlainText.firstCheckpoint, n & (n &- 1) == 0,
               CSVPlainText.prefersPlain(distinct: encoder.values.count, rows: n) { becomePlainText() }
            return
        case .plainText: return plain.append(b)
        case .mapped: return codes.append(checkedCode)
        case .pending:
            let value = CSVValueParser.classify(b, numbers)
            if value == .text, markers.matches(b) {
                markerNulls &+= 1
                return appendNull()
            }
            return start(with: value, b)
        case .needsRescan: return
        }
        let value = CSVValueParser.classify(b, numbers)
        if value == .text, markers.matches(b) {
            markerNulls &+= 1
            return appendNull()
        }
        widen(to: value, b)
    }

    /// Keeps the first int read with one thousands group that a reader could take for a
    /// decimal mark (`1.500`).
    private mutating func noteGrouped(_ b: Bytes) {
        guard firstGrouped == nil, numbers.thousands != nil, CSVColumnSniffer.ambiguousMark(b) != nil else { return }
        firstGrouped = String(decoding: b, as: UTF8.self)
    }

    /// The user (`--type`) or the domain gave the column its type: it never widens, and an int
    /// column takes every whole number of 64 bits, leading zeros too.
    var declared: Bool { fixedType != nil && !widens }

    /// The field without the blanks around it when the column holds a typed value (` 5` in an
    /// int column is 5); text and a still-undecided column keep the field as it is.
    @inline(__always)
    private func unpadded(_ b: Bytes) -> Bytes {
        switch state {
        case .int, .decimal, .bool, .date, .timestamp: break
        default: return b
        }
        guard let first = b.first, let last = b.last,
              first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
        else { return b }
        return CSVValueParser.unpadded(b) ?? b
    }

    /// Stores a value `fits` parsed, widening a sniffed type where it must; false when the
    /// value belongs to no storage of this state (then `append` parses again).
    @inline(__always)
    private mutating func appendChecked(_ value: CSVValue) -> Bool {
        switch (state, value) {
        case (.int, .int(let v)), (.date, .date(let v)), (.timestamp, .timestamp(let v)): ints.append(v)
        case (.bool, .bool(let v)): ints.append(v ? 1 : 0)
        case (.decimal, .decimal(let v)): decimals.append(v)
        case (.decimal, .int(let v)): decimals.append(Double(v))
        case (.timestamp, .date(let d)): ints.append(d &* LocalTime.secondsPerDay)
        case (.int, .decimal), (.date, .timestamp): widen(to: value, Bytes(start: nil, count: 0))
        default: return false
        }
        return true
    }

    /// Counts the digits after the decimal mark (up to an exponent), keeping the most seen.
    @inline(__always)
    private mutating func noteDecimal(_ b: Bytes) {
        noteFraction(b)
        // A value of 16 digits or more, appended as the last row: kept as written too.
        guard b.count > 15, decimals.count == count, count > 0, !isNull(count &- 1),
              let exact = CSVValueParser.exactDecimal(b, numbers), exact.units.magnitude >= CSVColumnAccumulator.inexactUnits,
              exact.double == decimals[count &- 1]
        else { return }
        exactDecimals.append((count &- 1, exact))
    }

    /// Units (a value times 10^scale) from which a double may not give back the decimal written.
    static let inexactUnits: UInt64 = 1_000_000_000_000_000

    /// Whether row `row` (from 0) was appended as a null.
    func isNull(_ row: Int) -> Bool {
        let word = row >> 6
        return word < nullWords.count && nullWords[word] & (1 << UInt64(row & 63)) != 0
    }

    private mutating func noteFraction(_ b: Bytes) {
        let mark = numbers.mark
        var i = b.count &- 1
        while i >= 0, b[i] != mark { i &-= 1 }
        guard i >= 0 else { return }
        var digits = 0
        var j = i &+ 1
        while j < b.count, b[j] &- UInt8(ascii: "0") < 10 { digits &+= 1; j &+= 1 }
        if digits > fractionDigits { fractionDigits = digits }
    }

    /// Values that are not null.
    var nonNullCount: Int {
        var nulls = 0
        for w in nullWords { nulls &+= w.nonzeroBitCount }
        return count &- nulls
    }

    /// Sets a row's null bit.
    mutating func markNull(_ row: Int) {
        let word = row >> 6
        if nullWords.count <= word {
            nullWords.append(contentsOf: repeatElement(0, count: word &- nullWords.count &+ 1))
        }
        nullWords[word] |= 1 << UInt64(row & 63)
    }

    /// Adds a null without counting it (`append` counts).
    mutating func appendNull() {
        markNull(count)
        switch state {
        case .int, .bool, .date, .timestamp: ints.append(0)
        case .decimal: decimals.append(0)
        case .text where probe != nil:
            if probe?.distinct == 0 { probe?.placeholder = true }
            plain.appendEmpty()
        case .text, .mapped: codes.append(encoder.nullCode())
        case .plainText: plain.appendEmpty()
        case .pending, .needsRescan: break
        }
    }

    /// The first non-null value picks the type; the nulls before it are filled in.
    private mutating func start(with value: CSVValue, _ b: Bytes) {
        switch value {
        case .int(let v): state = .int; fill(&ints, v)
        case .decimal(let v): state = .decimal; fill(&decimals, v)
        case .bool(let v): state = .bool; fill(&ints, v ? 1 : 0)
        case .date(let d): state = .date; fill(&ints, d)
        case .timestamp(let t): state = .timestamp; fill(&ints, t)
        case .text:
            state = .text
            codes.reserveCapacity(max(capacityHint, count &+ 1))
            if count > 0 { codes.append(contentsOf: repeatElement(encoder.nullCode(), count: count)) }
            codes.append(encoder.code(for: b))
        }
    }

    private func fill<T>(_ array: inout [T], _ value: T) where T: Numeric {
        array.reserveCapacity(max(capacityHint, count &+ 1))
        array.append(contentsOf: repeatElement(0, count: count))
        array.append(value)
    }

    /// A value that did not parse as the column's type: widen the type or give up on it.
    private mutating func widen(to value: CSVValue, _ b: Bytes) {
        guard fixedType == nil || widens else {
            // `fits` rejected such rows already; never change a declared type.
            assertionFailure("a value that does not fit a declared type reached append")
            return appendNull()
        }
        switch (state, value) {
        case (.int, .decimal(let v)):
            widenIntsToDecimals()
            decimals.append(v)
        case (.date, .timestamp(let t)):
            widenDatesToTimestamps()
            ints.append(t)
        case (.int, .bool(let v)) where holdsOnlyBits:
            // `1` and `0` so far, now a boolean: they were booleans.
            state = .bool
            ints.append(v ? 1 : 0)
        default:
            giveUpForRescan()
        }
    }

    /// An int column whose values are all 1 or 0 (nulls hold 0), which a boolean makes bool.
    var holdsOnlyBits: Bool { state == .int && ints.allSatisfy { $0 == 0 || $0 == 1 } }

    mutating func widenIntsToDecimals() {
        state = .decimal
        decimals = ints.map { Double($0) }
        // Ints of 16 digits or more, which a double may round, kept as they are.
        exactDecimals = ints.indices.compactMap { i in
            ints[i].magnitude >= CSVColumnAccumulator.inexactUnits && !isNull(i) ? (i, DecimalValue(ints[i])) : nil
        }
        ints = []
    }

    mutating func widenDatesToTimestamps() {
        state = .timestamp
        for i in ints.indices { ints[i] = ints[i] &* LocalTime.secondsPerDay }
    }

    /// The column is text after all; its values are read again later.
    mutating func giveUpForRescan() {
        state = .needsRescan
        ints = []
        decimals = []
        exactDecimals = []
        codes = []
        plain = CSVPlainText()
        probe = nil
    }

    /// Keeps the text as bytes from now on (the values so far written out from the codes).
    /// The encoder stays for what it saw of the bytes (`CSVTextCheck`).
    mutating func becomePlainText() {
        guard state == .text else { return }
        if probe != nil { endProbe() }
        plain = CSVPlainText(codes: codes, values: encoder.values, nullWords: nullWords, capacity: capacityHint)
        codes = []
        state = .plainText
    }

    func mappedValue(_ text: String) -> Int64? {
        switch fixedType {
        case .category(let scale)?: return scale.index(of: text).map { Int64($0) }
        case .halfYear?: return HalfYear(parsing: text).map { Int64($0.ordinal) }
        default: return nil
        }
    }
}
