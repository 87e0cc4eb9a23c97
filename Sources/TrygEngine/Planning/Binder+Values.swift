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
                throw Diagnostic(.error, "\"\(s)\" is not a half-year", span: span,
                                 label: "write e.g. \"vinter 2024/25\" or \"sommer 2025\"",
                                 notes: ["help: accepted forms: \(HalfYear.acceptedForms)"])
            }
            return .halfYear(h)
        case (.halfYear, .int(let y)):
            // A bare year could be the summer or either winter: say which forms mean what.
            throw Diagnostic(.error, "\(y) is a number, not a half-year", span: span,
                             label: "write \"sommer \(y)\", \"vinter \(y - 1)/\(String(format: "%02d", (y % 100 + 100) % 100))\" or \"vinter \(y)/\(String(format: "%02d", ((y + 1) % 100 + 100) % 100))\"",
                             notes: ["help: accepted forms: \(HalfYear.acceptedForms); for the calendar year write year(…) = \(y)"])
        case (.category(let scale), .text(let s)):
            guard let i = scale.index(of: s) else {
                let near = Suggest.nearest(s, in: scale.values, max: 1)
                throw Diagnostic(.error, "\"\(s)\" is not a value of \(field.name)", span: span,
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
        throw Diagnostic(.error, "cannot compare \(field.type) with \(Binder.typeOf(v))", span: span,
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

    /// A literal in another spelling of a library (full name, alias) becomes the short name
    /// the data holds; other text is left as it is.
    func canonicalText(_ field: Field?, _ v: Value) -> Value {
        guard let field, field.type == .text, case .text(let s) = v, let origin = field.origin else { return v }
        if case .stored(let i) = origin.column, case .text(_, let dict) = origin.table.columns[i].storage {
            if dict.code(of: s) != nil { return v }
            if let short = domain.libraries.shortName(for: s), dict.code(of: short) != nil { return .text(short) }
        }
        return v
    }

    /// A warning when a compared literal matches none of the field's values, naming the closest.
    func missingValueWarning(_ field: Field?, _ v: Value, _ span: Span) -> Diagnostic? {
        guard let field, let origin = field.origin, !v.isNull else { return nil }
        switch field.type {
        case .text, .halfYear, .category: break
        default: return nil
        }
        // A stored text value the dictionary knows is present: no need to list the values.
        if case .text(let s) = v, case .stored(let i) = origin.column,
           case .text(let codes, let dict) = origin.table.columns[i].storage, let code = dict.code(of: s),
           origin.table.columns[i].nulls == nil || codes.contains(code) {
            return nil
        }
        let values = distinctValues(origin)
        if values.contains(v) { return nil }
        let shown = values.map(\.display)
        let wanted = v.display
        // Half-years are not typos of each other: name the range instead.
        let near = field.type == .halfYear ? [] : Suggest.nearest(wanted, in: shown, max: 3)
        var message = "no \(field.name) is \"\(wanted)\""
        if let best = near.first { message += "; did you mean \"\(best)\"?" }
        var notes: [String] = []
        if near.isEmpty {
            if field.type == .halfYear, let lo = values.min(by: Binder.valueLess), let hi = values.max(by: Binder.valueLess) {
                notes.append("note: \(field.name) runs from \(lo.display) to \(hi.display) in \(origin.table.name)")
            } else if shown.count <= 12 {
                notes.append("note: \(field.name) is one of \(shown.sorted().map { "\"\($0)\"" }.joined(separator: ", "))")
            }
        }
        return Diagnostic(.warning, message, span: span, label: "matches no row", notes: notes)
    }

    static func valueLess(_ a: Value, _ b: Value) -> Bool {
        if case .halfYear(let x) = a, case .halfYear(let y) = b { return x < y }
        return a.display < b.display
    }
}
