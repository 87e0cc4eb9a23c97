import TrygDomain

extension Binder {
    /// Converts a literal to a field's type: through the domain for a half-year or ordered
    /// category, to a timestamp for a date; other types take a literal of their own type.
    func coerceLiteral(_ v: Value, _ span: Span, to field: Field) throws(Diagnostic) -> Value {
        switch (field.type, v) {
        case (_, .null):
            return v
        case (.halfYear, .text(let s)):
            guard let h = HalfYear(parsing: s) else {
                throw Diagnostic(.error, "\"\(s)\" is not a half-year", code: .invalidValue, span: span,
                                 label: "write e.g. \"vinter 2024/25\" or \"sommer 2025\"",
                                 notes: ["help: accepted forms: \(HalfYear.acceptedForms)"])
            }
            return .halfYear(h)
        case (.halfYear, .int(let y)):
            // A bare year could be the summer or either winter: say which forms mean what.
            throw Diagnostic(.error, "\(y) is a number, not a half-year", code: .invalidValue, span: span,
                             label: "write \"sommer \(y)\", \"vinter \(y - 1)/\(String(format: "%02d", (y % 100 + 100) % 100))\" or \"vinter \(y)/\(String(format: "%02d", ((y + 1) % 100 + 100) % 100))\"",
                             notes: ["help: accepted forms: \(HalfYear.acceptedForms); for the calendar year write year(…) = \(y)"])
        case (.category(let scale), .text(let s)):
            guard let i = scale.index(of: s) else {
                let near = Suggest.nearest(s, in: scale.values, max: 1)
                throw Diagnostic(.error, "\"\(s)\" is not a value of \(field.name)", code: .invalidValue, span: span,
                                 label: near.first.map { "did you mean \"\($0)\"?" } ?? "not on the scale",
                                 notes: ["help: \(field.name) is one of \(scale.values.map { "\"\($0)\"" }.joined(separator: " < "))"])
            }
            return .category(i, scale)
        case (.timestamp, .date(let d)):
            let (t, overflow) = d.multipliedReportingOverflow(by: LocalTime.secondsPerDay)
            if !overflow { return .timestamp(t) }
        default:
            if Binder.typeOf(v) == field.type { return v }
        }
        throw Diagnostic(.error, "cannot compare \(field.type) with \(Binder.typeOf(v))", code: .typeMismatch, span: span,
                         label: Binder.fitHint(for: field.type, field: field.name))
    }

    static func typeOf(_ v: Value) -> DataType {
        switch v {
        case .null: return .null
        case .int: return .int
        case .decimal: return .decimal
        case .float: return .float
        case .text: return .text
        case .bool: return .bool
        case .date: return .date
        case .timestamp: return .timestamp
        case .halfYear: return .halfYear
        case .category(_, let s): return .category(s)
        }
    }

    /// The distinct values a base-table field holds, for value warnings and completion.
    func distinctValues(_ origin: FieldOrigin) -> [Value] {
        origin.table.distinct("\(origin.column)") {
            ColumnStatistics.distinct(Executor.scanColumn(origin.table, origin.column, domain: domain))
        }
    }

    /// What the connected server says about a server table's column (nil: no server, or it could not say).
    func serverAnswer(_ origin: FieldOrigin) -> ServerValues.Answer? {
        guard let server else { return nil }
        return server.values.values(origin, remote: server.database, domain: domain)
    }

    /// A literal in another spelling of a library (full name, alias) becomes the short name
    /// the data holds; other text is left as it is.
    func canonicalText(_ field: Field?, _ v: Value) -> Value {
        guard let field, field.type == .text, case .text(let s) = v, let origin = field.origin else { return v }
        if origin.table.isRemote {
            guard let answer = serverAnswer(origin), !answer.values.contains(v) else { return v }
            if let short = domain.libraries.shortName(for: s), answer.values.contains(.text(short)) { return .text(short) }
            return v
        }
        // Only another spelling of a library needs the column's values (a free-text column's
        // dictionary is built on demand, so other literals never ask for it).
        guard let short = domain.libraries.shortName(for: s), case .stored(let i) = origin.column else { return v }
        if short != s, case (_, let dict)? = origin.table.columns[i].dictionaryEncoded {
            if dict.code(of: s) != nil { return v }
            if dict.code(of: short) != nil { return .text(short) }
        }
        // A column that spells the library one way of its own (`ØSTERBRO`): that spelling.
        // Only a dictionary-encoded column is asked, never free text.
        if case .text(_, let dict) = origin.table.columns[i].storage, dict.code(of: s) == nil, dict.code(of: short) == nil {
            let spellings = dict.values.filter { domain.libraries.shortName(for: $0) == short }
            if spellings.count == 1, let only = spellings.first { return .text(only) }
        }
        return v
    }

    /// Every spelling of the literal's library that the column holds (`Vesterbro`, `VESTERBRO`,
    /// `Vesterbro Bibliotek og Kulturhus`), when it holds more than one: a filter on a library
    /// then matches it however the data spells it, as `district` does. nil otherwise, and for
    /// a column of mostly different values (free text), which is never asked.
    func librarySpellings(_ field: Field?, _ v: Value) -> [Value]? {
        guard let field, field.type == .text, case .text(let s) = v, let origin = field.origin,
              let short = domain.libraries.shortName(for: s), case .stored(let i) = origin.column,
              case .text(_, let dict) = origin.table.columns[i].storage else { return nil }
        let spellings = dict.values.filter { domain.libraries.shortName(for: $0) == short }
        return spellings.count > 1 ? spellings.sorted().map { .text($0) } : nil
    }

    /// Types whose literal can be checked against the values a column holds.
    static func warnsOnMissing(_ type: DataType) -> Bool {
        switch type {
        case .text, .halfYear, .category, .int, .bool, .date: return true
        default: return false
        }
    }

    /// True when a stored text value is in the column (the dictionary knows it and a row has it).
    func storedTextPresent(_ origin: FieldOrigin, _ v: Value) -> Bool {
        guard case .text(let s) = v, case .stored(let i) = origin.column else { return false }
        let column = origin.table.columns[i]
        switch column.storage {
        case .text(let codes, let dict):
            guard let code = dict.code(of: s) else { return false }
            return column.nulls == nil || codes.contains(code)
        case .strings(let plain):
            let equal = PlainTextKernels.equal(plain, s)
            return equal.indices.contains { equal[$0] && !column.isNull($0) }
        default:
            return false
        }
    }

    /// A warning when a compared literal matches none of the field's values, naming the closest.
    func missingValueWarning(_ field: Field?, _ v: Value, _ span: Span) -> Diagnostic? {
        guard let field, let origin = field.origin, !v.isNull, Binder.warnsOnMissing(field.type) else { return nil }
        let v = Binder.asStored(v, field.type)
        if origin.table.isRemote {
            // Only a complete list of the server's values can say that one is missing.
            guard let answer = serverAnswer(origin), answer.complete, !answer.values.contains(v) else { return nil }
            return missingWarning(field, origin, answer.values, v, span)
        }
        if storedTextPresent(origin, v) { return nil }
        // A library the column spells several ways matches every spelling.
        if librarySpellings(field, v) != nil { return nil }
        let values = distinctValues(origin)
        if values.contains(v) { return nil }
        return missingWarning(field, origin, values, v, span)
    }

    /// A warning when `contains`, `starts with` or `ends with` (ignoring case) matches none of
    /// the values of a text column: one stored with a dictionary (a few thousand values at most,
    /// as library and category are), or free text of at most `plainTextMatchWarningRows` rows,
    /// searched once more at memory speed; a larger column of free text is not searched twice.
    mutating func textMatchWarning(_ op: String, _ x: BoundExpr, _ y: BoundExpr, _ scope: Scope, _ span: Span) {
        guard case .literal(.text(let needle), _) = y, !needle.isEmpty, let field = fieldOf(x, scope),
              let origin = field.origin, !origin.table.isRemote, case .stored(let i) = origin.column,
              i < origin.table.columns.count else { return }
        let operation: TextFold.Operation = op == "starts with" ? .startsWith : op == "ends with" ? .endsWith : .contains
        var note: [String] = []
        switch origin.table.columns[i].storage {
        case .text(_, let dict) where dict.values.count <= Binder.textMatchWarningLimit:
            guard !dict.values.contains(where: { TextFold.general($0, needle, operation) }) else { return }
            note = rangeNote(field, origin, dict.values.map { Value.text($0) })
        case .strings(let s) where s.count <= Binder.plainTextMatchWarningRows:
            guard !PlainTextKernels.anyMatch(needle, operation, s) else { return }
        default:
            return
        }
        warnings.append(Diagnostic(.warning, "no \(field.name) \(op == "contains" ? "contains" : op == "starts with" ? "starts with" : "ends with") \"\(needle)\"",
                                   span: span, label: "matches no row", notes: note))
    }

    /// A warning when `column < v` (or `<=`, `>`, `>=`) holds for none of an ordered column's
    /// values (`severity > 5` where severity runs from 1 to 5), naming the range.
    func emptyRangeWarning(_ field: Field?, _ op: String, _ v: Value, _ span: Span) -> Diagnostic? {
        guard let field, let origin = field.origin, !origin.table.isRemote, !v.isNull,
              [DataType.halfYear, .int, .date, .timestamp].contains(field.type) || field.type.isCategory else { return nil }
        let v = Binder.asStored(v, field.type)
        guard let (lo, hi) = valueRange(origin) else { return nil }
        let none: Bool
        switch op {
        case "<": none = !Binder.valueLess(lo, v)
        case "<=": none = Binder.valueLess(v, lo)
        case ">": none = !Binder.valueLess(v, hi)
        case ">=": none = Binder.valueLess(hi, v)
        default: none = false
        }
        guard none else { return nil }
        let shown = field.type == .halfYear || field.type.isCategory ? "\"\(v.display)\"" : v.display
        return Diagnostic(.warning, "no \(field.name) is \(op) \(shown)",
                          span: span, label: "matches no row",
                          notes: ["note: \(field.name) runs from \(lo.display) to \(hi.display) in \(origin.table.name)"])
    }

    /// The least and the greatest non-null value of an integer-coded column (ints, dates,
    /// timestamps, half-years, categories), from one pass over it, cached with the table.
    func valueRange(_ origin: FieldOrigin) -> (Value, Value)? {
        let both = origin.table.distinct("range \(origin.column)") { () -> [Value] in
            let c = Executor.scanColumn(origin.table, origin.column, domain: domain)
            var lo = Int64.max, hi = Int64.min
            switch c.storage {
            case .ints(let p):
                for i in p.indices where !c.isNull(i) { lo = min(lo, p[i]); hi = max(hi, p[i]) }
            case .bytes(let p, let base):
                for i in p.indices where !c.isNull(i) { lo = min(lo, base &+ Int64(p[i])); hi = max(hi, base &+ Int64(p[i])) }
            default:
                return []
            }
            guard lo <= hi else { return [] }
            let ends = Column(type: c.type, storage: .ints([lo, hi]))
            return [ends.value(at: 0), ends.value(at: 1)]
        }
        guard both.count == 2 else { return nil }
        return (both[0], both[1])
    }

    /// A literal's value, a date literal compared with a timestamp as its midnight included.
    static func literalValue(_ e: BoundExpr) -> Value? {
        switch e {
        case .literal(let v, _): return v
        case .call(.dateToTimestamp, let args, _, _):
            if args.count == 1, case .literal(.date(let d), _) = args[0] { return .timestamp(d &* LocalTime.secondsPerDay) }
            return nil
        default: return nil
        }
    }

    /// The most dictionary values `textMatchWarning` looks through.
    static let textMatchWarningLimit = 4096
    /// Rows of free text searched once more for a warning that a pattern matches nothing: about
    /// a millisecond for each hundred thousand.
    static let plainTextMatchWarningRows = 1_000_000

    /// One warning for the literals of an `in` list that match no row, in time linear in the list.
    func missingValuesWarning(_ field: Field?, _ items: [(Value, Span)]) -> Diagnostic? {
        guard let field, let origin = field.origin, Binder.warnsOnMissing(field.type) else { return nil }
        let values: [Value]
        if origin.table.isRemote {
            guard let answer = serverAnswer(origin), answer.complete else { return nil }
            values = answer.values
        } else {
            values = distinctValues(origin)
        }
        let present = Set(values)
        let missing = items.filter {
            !$0.0.isNull && !present.contains(Binder.asStored($0.0, field.type)) && librarySpellings(field, $0.0) == nil
        }
        guard let first = missing.first else { return nil }
        if missing.count == 1 { return missingWarning(field, origin, values, first.0, first.1) }
        let shown = missing.prefix(5).map { "\"\($0.0.display)\"" }.joined(separator: ", ")
        return Diagnostic(.warning, "\(missing.count) of the \(items.count) values listed match no \(field.name)",
                          span: first.1, label: "matches no row",
                          notes: ["note: \(shown)\(missing.count > 5 ? ", …" : "")"] + rangeNote(field, origin, values))
    }

    func missingWarning(_ field: Field, _ origin: FieldOrigin, _ values: [Value], _ v: Value, _ span: Span) -> Diagnostic {
        let wanted = v.display
        // Ordered values are not typos of each other: name the range instead.
        let ordered = [DataType.halfYear, .int, .date].contains(field.type)
        let near = ordered ? [] : Suggest.nearest(wanted, in: values.map(\.display), max: 3)
        var message = "no \(field.name) is \(field.type == .text || field.type == .halfYear || field.type.isCategory ? "\"\(wanted)\"" : wanted)"
        if let best = near.first { message += "; did you mean \"\(best)\"?" }
        return Diagnostic(.warning, message, span: span, label: "matches no row",
                          notes: near.isEmpty ? rangeNote(field, origin, values) : [])
    }

    /// Where the field's values run (ordered types), or which they are (a dozen or fewer).
    func rangeNote(_ field: Field, _ origin: FieldOrigin, _ values: [Value]) -> [String] {
        if [DataType.halfYear, .int, .date].contains(field.type),
           let lo = values.min(by: Binder.valueLess), let hi = values.max(by: Binder.valueLess) {
            return ["note: \(field.name) runs from \(lo.display) to \(hi.display) in \(origin.table.name)"]
        }
        if values.isEmpty { return ["note: \(field.name) holds no value in \(origin.table.name)"] }
        if values.count <= 12 {
            return ["note: \(field.name) is one of \(values.map(\.display).sorted().map { "\"\($0)\"" }.joined(separator: ", "))"]
        }
        return []
    }

    /// `t = 2025-01-01` with a timestamp `t`: the date stands for its midnight, which is rarely meant.
    func midnightWarning(_ field: Field?, _ day: Int64, _ span: Span) -> Diagnostic {
        let name = field?.name ?? "the timestamp"
        let date = Value.date(day).display
        return Diagnostic(.warning, "\(name) is a timestamp: = \(date) matches only \(date)T00:00", span: span,
                          label: "midnight only", notes: ["help: for the whole day write date(\(name)) = \(date)"])
    }

    /// A literal as the column's values are: a whole number written as a decimal or float
    /// (`2.0`) is the int 2 beside an int column, which it matches; a timestamp at midnight
    /// (`2024-03-31T00:00`) is that day beside a date column.
    static func asStored(_ v: Value, _ type: DataType) -> Value {
        if type == .date, case .timestamp(let t) = v, let day = midnightDay(t) { return .date(day) }
        guard type == .int else { return v }
        switch v {
        case .decimal(let d):
            if let whole = d.rounded(0), whole.scale == 0, whole.rescaled(to: d.scale) == d { return .int(whole.units) }
        case .float(let x):
            if x.rounded() == x, let i = Int64(exactly: x) { return .int(i) }
        default: break
        }
        return v
    }

    /// The day of a timestamp that is its midnight, nil for any other time.
    static func midnightDay(_ t: Int64) -> Int64? {
        let (q, r) = t.quotientAndRemainder(dividingBy: LocalTime.secondsPerDay)
        return r == 0 ? q : nil
    }

    static func valueLess(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.halfYear(let x), .halfYear(let y)): return x < y
        case (.int(let x), .int(let y)), (.date(let x), .date(let y)), (.timestamp(let x), .timestamp(let y)): return x < y
        case (.category(let x, _), .category(let y, _)): return x < y
        default: return a.display < b.display
        }
    }
}
