import Foundation
import TrygDomain

/// Evaluates bound expressions over a relation, a whole column at a time.
struct Evaluator {
    let relation: Relation
    let cancellation: CancellationFlag

    var count: Int { relation.count }

    /// The rows where a predicate is true (null counts as false).
    func selection(_ predicate: BoundExpr) throws(Diagnostic) -> [Int32] {
        let c = try evaluate(predicate)
        guard let v = c.wideIntegers else { return [] }
        var out: [Int32] = []
        out.reserveCapacity(count / 4)
        if let nulls = c.nulls {
            for i in 0..<v.count where v[i] != 0 && !nulls[i] { out.append(Int32(i)) }
        } else {
            v.withUnsafeBufferPointer { p in
                for i in 0..<p.count where p[i] != 0 { out.append(Int32(truncatingIfNeeded: i)) }
            }
        }
        return out
    }

    func evaluate(_ e: BoundExpr) throws(Diagnostic) -> Column {
        try cancellation.check()
        switch e {
        case .column(let name, _):
            return try relation.column(name)
        case .literal(let v, let t):
            return Column.constant(v, type: t == .null ? .int : t, count: count)
        case .call(let op, let args, let type, let span):
            return try call(op, args, type, span)
        }
    }

    func call(_ op: ScalarOp, _ args: [BoundExpr], _ type: DataType, _ span: Span) throws(Diagnostic) -> Column {
        switch op {
        case .and, .or:
            return try logical(op == .and, try evaluate(args[0]), try evaluate(args[1]))
        case .not:
            let x = try evaluate(args[0])
            guard let v = x.wideIntegers else { return x }
            return Column(type: .bool, storage: .ints(v.map { $0 == 0 ? 1 : 0 }), nulls: x.nulls)
        case .eq, .ne, .lt, .le, .gt, .ge:
            return try Comparison.compare(op, args[0], args[1], self)
        case .inList(let values):
            return try Comparison.inList(try evaluate(args[0]), values)
        case .isNull, .isNotNull:
            let x = try evaluate(args[0])
            let want: Int64 = op == .isNull ? 1 : 0
            var out = [Int64](repeating: 1 - want, count: count)
            if let n = x.nulls { for i in 0..<count where n[i] { out[i] = want } }
            if case .literal(.null, _) = args[0] { out = [Int64](repeating: want, count: count) }
            return Column(type: .bool, storage: .ints(out))
        case .year, .month, .week, .weekday, .hour, .halfyear, .season, .date:
            let x = try evaluate(args[0])
            if let v = x.wideIntegers { return Evaluator.calendar(op, x.wide, v) }
            return try rowWise(op, args, type, span)
        case .add, .sub, .mul, .div, .mod, .negate:
            return try Arithmetic.apply(op, args.map { (a) throws(Diagnostic) -> Column in try evaluate(a) }, type, span)
        default:
            return try rowWise(op, args, type, span)
        }
    }

    /// Calendar parts of a date or timestamp column, computed like the derived columns.
    static func calendar(_ op: ScalarOp, _ x: Column, _ v: [Int64]) -> Column {
        let kind: DerivedColumn?
        switch op {
        case .year: kind = .year
        case .month: kind = .month
        case .week: kind = .week
        case .weekday: kind = .weekday
        case .hour: kind = .hour
        case .halfyear: kind = .halfyear
        case .season: kind = .season
        default: kind = nil
        }
        if let kind { return DerivedKernels.compute(kind, from: x, domain: .standard) }
        // date(t): the day of a timestamp (a date stays itself).
        if x.type == .date { return x }
        return Column(type: .date, storage: .ints(v.map { LocalTime.dayNumber(ofTimestamp: $0) }), nulls: x.nulls)
    }

    /// Three-valued and/or.
    func logical(_ isAnd: Bool, _ a: Column, _ b: Column) throws(Diagnostic) -> Column {
        guard let x = a.wideIntegers, let y = b.wideIntegers else {
            throw Diagnostic.internalError("logical operator on non-boolean columns")
        }
        var out = [Int64](repeating: 0, count: count)
        if a.nulls == nil && b.nulls == nil {
            for i in 0..<count { out[i] = isAnd ? (x[i] & y[i]) : (x[i] | y[i]) }
            return Column(type: .bool, storage: .ints(out))
        }
        var nulls = Bitmap(count: count)
        for i in 0..<count {
            let an = a.isNull(i), bn = b.isNull(i)
            let av = x[i] != 0, bv = y[i] != 0
            if isAnd {
                if (!an && !av) || (!bn && !bv) { out[i] = 0 } else if an || bn { nulls[i] = true } else { out[i] = 1 }
            } else {
                if (!an && av) || (!bn && bv) { out[i] = 1 } else if an || bn { nulls[i] = true } else { out[i] = 0 }
            }
        }
        return Column(type: .bool, storage: .ints(out), nulls: nulls)
    }

    /// The general path: value by value, for functions whose cost is in the function itself.
    func rowWise(_ op: ScalarOp, _ args: [BoundExpr], _ type: DataType, _ span: Span) throws(Diagnostic) -> Column {
        var cols: [Column] = []
        for a in args { cols.append(try evaluate(a)) }
        // Text functions work on the dictionary once, not on every row.
        if [.lower, .upper, .trim, .length].contains(op), cols.count == 1, case (let codes, let dict)? = cols[0].dictionaryEncoded {
            let mapped = dict.values.map { s -> Value in ScalarFunctions.apply(op, [.text(s)]) }
            var b = ColumnBuilder(type: type, capacity: mapped.count)
            for v in mapped { b.append(v) }
            return b.finish().gather(codes).withNulls(union: cols[0].nulls)
        }
        if op.matchesText, cols.count == 2,
           case .text(let codes, let dict) = cols[0].storage, case .literal(.text(let needle), _) = args[1] {
            // Decide once per distinct text value.
            let hits = try TextMatch.answers(op, needle: needle, dictionary: dict, span: span, cancellation: cancellation)
                .map { Int64($0 ? 1 : 0) }
            var out = [Int64](repeating: 0, count: codes.count)
            for i in 0..<codes.count { out[i] = hits[Int(codes[i])] }
            return Column(type: .bool, storage: .ints(out), nulls: cols[0].nulls)
        }
        if op.matchesText, cols.count == 2,
           case .strings(let plain) = cols[0].storage, case .literal(.text(let needle), _) = args[1] {
            let hits = try PlainTextKernels.matchAnswers(op, needle: needle, plain, span: span, cancellation: cancellation)
            return Column(type: .bool, storage: .ints(hits.map { $0 ? 1 : 0 }), nulls: cols[0].nulls)
        }
        if op == .matches { return try rowWiseMatches(cols, span) }
        var b = ColumnBuilder(type: type, capacity: count)
        var row: [Value] = Array(repeating: .null, count: cols.count)
        for i in 0..<count {
            if i & 0xFFFF == 0 { try cancellation.check() }
            for j in 0..<cols.count { row[j] = cols[j].value(at: i) }
            let v = ScalarFunctions.apply(op, row)
            // abs and round give no value only when the answer does not fit: an overflow, not a null.
            if v.isNull, op == .abs || op == .round, !row[0].isNull { throw Arithmetic.overflow(span) }
            b.append(v)
        }
        return b.finish()
    }

    /// `text matches pattern` row by row, when the pattern is not one literal over a text
    /// column: each distinct pattern compiled once, Ctrl-C seen between rows.
    func rowWiseMatches(_ cols: [Column], _ span: Span) throws(Diagnostic) -> Column {
        var matchers: [String: RegularExpression.Matcher] = [:]
        var b = ColumnBuilder(type: .bool, capacity: count)
        for i in 0..<count {
            try cancellation.check()
            guard case .text(let s) = cols[0].value(at: i), case .text(let p) = cols[1].value(at: i) else {
                b.append(.null)
                continue
            }
            let matcher: RegularExpression.Matcher
            if let known = matchers[p] {
                matcher = known
            } else {
                // Patterns from the data are many at most as the rows; keep a bounded number.
                if matchers.count >= PatternMatch.keptPatterns { matchers.removeAll(keepingCapacity: true) }
                matcher = try PatternMatch.matcher(try PatternMatch.compile(p, span: span), span: span)
                matchers[p] = matcher
            }
            b.append(.bool(try PatternMatch.matches(matcher, s, span: span)))
        }
        return b.finish()
    }
}
