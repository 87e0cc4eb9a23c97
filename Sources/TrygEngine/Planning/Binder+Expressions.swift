import Foundation
import TrygDomain

extension Binder {
    mutating func bindExpr(_ e: Expr, _ scope: Scope) throws(Diagnostic) -> BoundExpr {
        switch e.kind {
        case .literal(let l):
            return Binder.literal(l)
        case .column(let q, let n):
            let f = try scope.resolve(qualifier: q, name: n, whole: e.span)
            return .column(f.name, f.type)
        case .unary(let op, let a):
            let x = try bindExpr(a, scope)
            if op == "not" {
                try expectBool(x, a.span, "not")
                return .call(.not, [x], .bool, e.span)
            }
            guard x.type.isNumeric || x.type == .null else {
                throw Diagnostic(.error, "cannot negate \(x.type)", code: .typeMismatch, span: e.span, label: "'-' needs a number")
            }
            return .call(.negate, [x], x.type == .null ? .int : x.type, e.span)
        case .binary(let op, let a, let b):
            return try bindBinary(op, a, b, e.span, scope)
        case .inList(let a, let items, let negated):
            let x = try bindExpr(a, scope)
            // No value is in an empty list, not even null (SQLite's and Spark's answer).
            if items.isEmpty { return .literal(.bool(negated), .bool) }
            let field = fieldOf(x, scope)
            var values: [Value] = []
            var others: [BoundExpr] = []
            // `x in (1, null)` is true or null, never false: SQL's three-valued logic.
            var listHasNull = false
            // Literals that may match no row: one warning for the whole list, found in linear time.
            var listed: [(Value, Span)] = []
            var midnight = false
            for item in items {
                let y = try bindOperand(item, like: x.type, scope)
                if case .literal(var v, var vt) = y {
                    if x.type == .decimal, case .int(let i) = v { v = .decimal(DecimalValue(i)); vt = .decimal }
                    if x.type == .float, let d = v.numeric { v = .float(d); vt = .float }
                    if x.type == .timestamp, case .date(let d) = v {
                        if !midnight { warnings.append(midnightWarning(field, d, item.span)) }
                        midnight = true
                        v = .timestamp(d &* LocalTime.secondsPerDay)
                        vt = .timestamp
                    }
                    // A date column against a timestamp: the day at its midnight, as `=` compares;
                    // another time of day is no date's and matches no row.
                    if x.type == .date, case .timestamp(let t) = v {
                        guard let day = Binder.midnightDay(t) else {
                            listed.append((v, item.span))
                            continue
                        }
                        v = .date(day)
                        vt = .date
                    }
                    let (l, r) = try unify(x, a.span, .literal(v, vt), item.span, field: field, op: "in")
                    _ = l
                    if case .literal(let cv, _) = r, !cv.isNull { values.append(canonicalText(field, cv)) }
                    if case .literal(let cv, _) = r, cv.isNull { listHasNull = true }
                    if case .literal(let cv, _) = r { listed.append((canonicalText(field, cv), item.span)) }
                } else {
                    let (l, r) = try unify(x, a.span, y, item.span, field: field, op: "in")
                    others.append(.call(.eq, [l, r], .bool, item.span))
                }
            }
            let listType = values.reduce(x.type) { t, v in Binder.numericCommon(t, Binder.typeOf(v)) }
            let lhs = x.type.isNumeric ? Binder.cast(x, to: listType, a.span) : x
            if x.type.isNumeric && listType != x.type {
                values = values.map { v in
                    if listType == .float, let d = v.numeric { return .float(d) }
                    if listType == .decimal, case .int(let i) = v { return .decimal(DecimalValue(i)) }
                    return v
                }
            }
            // A library the data spells in several ways matches every spelling.
            values = values.flatMap { librarySpellings(field, $0) ?? [$0] }
            var result: BoundExpr = .call(.inList(values), [lhs], .bool, e.span)
            for o in others { result = .call(.or, [result, o], .bool, e.span) }
            if let w = missingValuesWarning(field, listed) { warnings.append(w) }
            if listHasNull { result = .call(.or, [result, .literal(.null, .bool)], .bool, e.span) }
            return negated ? .call(.not, [result], .bool, e.span) : result
        case .between(let a, let lo, let hi, let negated):
            let before = warnings.count
            let ge = try bindBinary(">=", a, lo, e.span, scope)
            let le = try bindBinary("<=", a, hi, e.span, scope)
            let both = BoundExpr.call(.and, [ge, le], .bool, e.span)
            betweenNullWarning(lo, hi, negated: negated, since: before)
            return negated ? .call(.not, [both], .bool, e.span) : both
        case .isNull(let a, let negated):
            let x = try bindExpr(a, scope)
            return .call(negated ? .isNotNull : .isNull, [x], .bool, e.span)
        case .call(let n, let args, _):
            return try bindCall(n, args, e.span, scope)
        }
    }

    /// A null bound: `x between null and 5` is null for every row (true for none), and
    /// `x not between null and 5` holds where x passes the other bound (x > 5), which the two
    /// comparisons' own warnings would not say. They give way to one warning that does.
    private mutating func betweenNullWarning(_ lo: Expr, _ hi: Expr, negated: Bool, since first: Int) {
        func isNull(_ e: Expr) -> Bool { if case .literal(.null) = e.kind { return true } else { return false } }
        guard isNull(lo) || isNull(hi), first <= warnings.count else { return }
        let kept = warnings[first...].filter { $0.message != Binder.nullComparison }
        warnings.removeSubrange(first...)
        warnings += kept
        let span = isNull(lo) ? lo.span : hi.span
        if negated, !(isNull(lo) && isNull(hi)) {
            let (side, op) = isNull(lo) ? ("upper", ">") : ("lower", "<")
            warnings.append(Diagnostic(.warning, "a null bound makes between null, so not between holds only past the other bound",
                                       span: span, label: "null",
                                       notes: ["help: that is a comparison with the \(side) bound alone (\(op)); write it so, "
                                               + "or give both bounds"]))
        } else {
            warnings.append(Diagnostic(.warning, "a null bound makes between null, true for no row", span: span,
                                       label: "holds for no row", notes: ["help: give both bounds"]))
        }
    }

    /// The warning for a comparison with a null literal.
    static let nullComparison = "a comparison with null is null, true for no row"

    static func literal(_ l: LiteralValue) -> BoundExpr {
        switch l {
        case .int(let v): return .literal(.int(v), .int)
        case .decimal(let v): return .literal(.decimal(v), .decimal)
        case .float(let v): return .literal(.float(v), .float)
        case .text(let v): return .literal(.text(v.precomposedForTrygNFC), .text)
        case .bool(let v): return .literal(.bool(v), .bool)
        case .null: return .literal(.null, .null)
        case .date(let v): return .literal(.date(v), .date)
        case .timestamp(let v): return .literal(.timestamp(v), .timestamp)
        case .parameter(_, let text): return Binder.inferredParameter(text)
        }
    }

    func fieldOf(_ e: BoundExpr, _ scope: Scope) -> Field? {
        if case .column(let n, _) = e { return scope.field(named: n) }
        return nil
    }

    mutating func bindBinary(_ op: String, _ a: Expr, _ b: Expr, _ span: Span, _ scope: Scope) throws(Diagnostic) -> BoundExpr {
        if let call = try bindCatalogOperator(op, a, b, span, scope) {
            if op == "ends with", case .call(_, let args, _, _) = call, args.count == 2 {
                textMatchWarning(op, args[0], args[1], scope, b.span)
            }
            return call
        }
        var (x, y) = try bindOperands(op, a, b, scope)
        switch op {
        case "and", "or":
            try expectBool(x, a.span, op)
            try expectBool(y, b.span, op)
            return .call(op == "and" ? .and : .or, [x, y], .bool, span)
        case "=", "!=", "<", "<=", ">", ">=":
            let fx = fieldOf(x, scope), fy = fieldOf(y, scope)
            // `x = null` is null for every row, as in SQL: say what was likely meant.
            let nullSide: (Span, Field?)? = {
                if case .literal(.null, _) = y { return (b.span, fx) }
                if case .literal(.null, _) = x { return (a.span, fy) }
                return nil
            }()
            if let (span, field) = nullSide {
                let test = op == "!=" ? "is not null" : "is null"
                warnings.append(Diagnostic(.warning, Binder.nullComparison, span: span,
                                           label: "holds for no row", notes: ["help: write \(field?.name ?? "the value") \(test)"]))
            }
            if op == "=" {
                if x.type == .timestamp, case .literal(.date(let d), _) = y { warnings.append(midnightWarning(fx, d, b.span)) }
                if y.type == .timestamp, case .literal(.date(let d), _) = x { warnings.append(midnightWarning(fy, d, a.span)) }
            }
            if case .literal = x, fy != nil {
                (y, x) = try unify(y, b.span, x, a.span, field: fy, op: op)
            } else {
                (x, y) = try unify(x, a.span, y, b.span, field: fx, op: op)
            }
            if op != "=" && op != "!=" {
                if let v = Binder.literalValue(y), let w = emptyRangeWarning(fx, op, v, b.span) { warnings.append(w) }
                if let v = Binder.literalValue(x), let w = emptyRangeWarning(fy, Comparison.flippedSpelling(op), v, a.span) {
                    warnings.append(w)
                }
            }
            if op == "=" || op == "!=" {
                if case .literal(let v, let t) = y { y = .literal(canonicalText(fx, v), t) }
                if case .literal(let v, let t) = x { x = .literal(canonicalText(fy, v), t) }
                if case .literal(let v, _) = y, let w = missingValueWarning(fx, v, b.span) { warnings.append(w) }
                if case .literal(let v, _) = x, let w = missingValueWarning(fy, v, a.span) { warnings.append(w) }
                // A library the data spells in several ways matches every spelling.
                var spelled: (BoundExpr, [Value])?
                if case .literal(let v, _) = y, let all = librarySpellings(fx, v) { spelled = (x, all) }
                if case .literal(let v, _) = x, let all = librarySpellings(fy, v) { spelled = (y, all) }
                if let (column, all) = spelled {
                    let any = BoundExpr.call(.inList(all), [column], .bool, span)
                    return op == "=" ? any : .call(.not, [any], .bool, span)
                }
            }
            let ops: [String: ScalarOp] = ["=": .eq, "!=": .ne, "<": .lt, "<=": .le, ">": .gt, ">=": .ge]
            return .call(ops[op] ?? .eq, [x, y], .bool, span)
        case "contains", "starts with", "matches":
            for (v, s) in [(x, a.span), (y, b.span)] where v.type != .text && v.type != .null {
                throw Diagnostic(.error, "'\(op)' works on text, but this is \(v.type)", code: .typeMismatch, span: s,
                                 label: "compare text, e.g. description contains \"dør\"")
            }
            if op == "matches", case .literal(.text(let pattern), _) = y {
                // Compiled once here, when the query is planned; execution finds it compiled.
                _ = try PatternMatch.compile(pattern, span: b.span)
            }
            let sop: ScalarOp = op == "contains" ? .contains : op == "matches" ? .matches : .startsWith
            if op != "matches" { textMatchWarning(op, x, y, scope, b.span) }
            return .call(sop, [x, y], .bool, span)
        default:   // + - * / %
            if x.type == .null { x = .literal(.null, y.type.isNumeric ? y.type : .int) }
            if y.type == .null { y = .literal(.null, x.type.isNumeric ? x.type : .int) }
            if (op == "+" || op == "-"), x.type == .date, y.type == .int {
                return .call(op == "+" ? .add : .sub, [x, y], .date, span)
            }
            if op == "+", x.type == .int, y.type == .date {
                return .call(.add, [y, x], .date, span)
            }
            if op == "-", x.type == .date, y.type == .date {
                return .call(.sub, [x, y], .int, span)   // days between
            }
            guard x.type.isNumeric, y.type.isNumeric else {
                let bad = x.type.isNumeric ? (y, b.span) : (x, a.span)
                let times: Set<DataType> = [.date, .timestamp]
                if op == "-", times.contains(x.type), times.contains(y.type) {
                    throw Diagnostic(.error, "'-' between a \(x.type) and a \(y.type) needs a unit", code: .typeMismatch, span: span,
                                     label: "the time between them in some unit",
                                     notes: ["help: date_diff(\"hour\", a, b) counts hours from a to b; also \"day\", \"week\", \"month\", \"year\""])
                }
                throw Diagnostic(.error, "'\(op)' needs numbers, but this is \(bad.0.type)", code: .typeMismatch, span: bad.1,
                                 label: bad.0.type == .text ? "text is no number; compare it, join it with ||, or use length(…)" : "use a number")
            }
            let sop: ScalarOp = ["+": .add, "-": .sub, "*": .mul, "/": .div, "%": .mod][op] ?? .add
            // `/` gives a float; otherwise ints widen to decimals and anything with a float is a float.
            let t = sop == .div ? DataType.float : Binder.numericCommon(x.type, y.type)
            return .call(sop, [Binder.cast(x, to: t, a.span), Binder.cast(y, to: t, b.span)], t, span)
        }
    }

    /// Brings both sides of a comparison to one type, converting literals through the domain.
    mutating func unify(_ x: BoundExpr, _ xs: Span, _ y: BoundExpr, _ ys: Span, field: Field?,
                        op: String) throws(Diagnostic) -> (BoundExpr, BoundExpr) {
        let tx = x.type, ty = y.type
        if tx == ty || tx == .null || ty == .null { return (x, y) }
        if tx.isNumeric && ty.isNumeric {
            let t = Binder.numericCommon(tx, ty)
            return (Binder.cast(x, to: t, xs), Binder.cast(y, to: t, ys))
        }
        if tx == .date && ty == .timestamp { return (.call(.dateToTimestamp, [x], .timestamp, xs), y) }
        if tx == .timestamp && ty == .date { return (x, .call(.dateToTimestamp, [y], .timestamp, ys)) }
        if case .literal(let v, _) = y, (tx == .halfYear || tx.isCategory) {
            let c = try coerceLiteral(v, ys, to: field ?? Field(name: "value", type: tx))
            return (x, .literal(c, tx))
        }
        if case .literal(let v, _) = x, (ty == .halfYear || ty.isCategory) {
            let c = try coerceLiteral(v, xs, to: Field(name: "value", type: ty))
            return (.literal(c, ty), y)
        }
        if tx.isCategory, case .category(let s) = tx, ty == .text {
            // A category column compared with a text column: compare as text.
            _ = s
            return (.call(.lower, [x], .text, xs), .call(.lower, [y], .text, ys))
        }
        throw Diagnostic(.error, "cannot compare \(tx) with \(ty)", code: .typeMismatch, span: ys,
                         label: Binder.fitHint(for: tx, field: field?.name),
                         notes: ["help: '\(op)' needs both sides of one type; numbers mix, and a date compares with a timestamp"])
    }

    static func fitHint(for type: DataType, field: String?) -> String {
        let n = field ?? "it"
        switch type {
        case .text: return "\(n) is text: write the value in quotes"
        case .int, .decimal, .float: return "\(n) is a number: write a number without quotes"
        case .bool: return "\(n) is true or false"
        case .date: return "\(n) is a date: write 2025-01-01"
        case .timestamp: return "\(n) is a timestamp: write 2025-01-01T08:30 or a date"
        case .halfYear: return "\(n) is a half-year: write \"vinter 2024/25\" or \"sommer 2025\""
        case .category(let s): return "\(n) is one of \(s.values.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .null: return "a value"
        }
    }
}

extension Binder {
    /// The type two numbers meet in: int, then decimal (exact), then float.
    static func numericCommon(_ a: DataType, _ b: DataType) -> DataType {
        if a == .null { return b }
        if b == .null { return a }
        if a == .float || b == .float { return .float }
        if a == .decimal || b == .decimal { return .decimal }
        return a
    }

    /// A number expression as a wider number type (int to decimal, int or decimal to float).
    static func cast(_ x: BoundExpr, to t: DataType, _ span: Span) -> BoundExpr {
        if x.type == t || !x.type.isNumeric { return x }
        if case .literal(let v, _) = x {
            if t == .float, let d = v.numeric { return .literal(.float(d), .float) }
            if t == .decimal, case .int(let i) = v { return .literal(.decimal(DecimalValue(i)), .decimal) }
        }
        if t == .decimal { return .call(.toDecimal, [x], .decimal, span) }
        if t == .float { return .call(.toFloat, [x], .float, span) }
        return x
    }
}

extension DataType {
    var isCategory: Bool { if case .category = self { return true } else { return false } }
}
