import Foundation
import TrygDomain

/// The scalar operations an expression can apply, after names and types are resolved.
enum ScalarOp: Sendable, Equatable {
    case not, negate, and, or
    case eq, ne, lt, le, gt, ge
    case add, sub, mul, div, mod
    case isNull, isNotNull
    case inList([Value])
    case contains, startsWith, endsWith, matches
    case toDecimal, toFloat, dateToTimestamp
    case year, month, week, weekday, hour, date, halfyear, season
    case lower, upper, length, trim
    case round, abs, coalesce, ifThen
    /// A function or operator the catalog evaluates (`FunctionCatalog`), by its name.
    case function(String)

    /// The text matching this op does, for `contains`, `starts with` and `ends with`; nil for any other.
    var textOperation: TextFold.Operation? {
        switch self {
        case .contains: return .contains
        case .startsWith: return .startsWith
        case .endsWith: return .endsWith
        default: return nil
        }
    }

    /// Whether the op matches text against a needle (`contains`, `starts with`, `ends with`, `matches`).
    var matchesText: Bool { textOperation != nil || self == .matches }

    /// The name `explain` prints.
    var name: String {
        switch self {
        case .not: return "not"
        case .negate: return "-"
        case .and: return "and"
        case .or: return "or"
        case .eq: return "="
        case .ne: return "!="
        case .lt: return "<"
        case .le: return "<="
        case .gt: return ">"
        case .ge: return ">="
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .mod: return "%"
        case .isNull: return "is null"
        case .isNotNull: return "is not null"
        case .inList: return "in"
        case .contains: return "contains"
        case .startsWith: return "starts with"
        case .endsWith: return "ends with"
        case .matches: return "matches"
        case .toDecimal: return "decimal"
        case .toFloat: return "float"
        case .dateToTimestamp: return "timestamp"
        case .ifThen: return "if"
        case .function(let name): return name
        default: return String(describing: self)
        }
    }

    var isInfix: Bool {
        switch self {
        case .and, .or, .eq, .ne, .lt, .le, .gt, .ge, .add, .sub, .mul, .div, .mod, .contains, .startsWith, .endsWith, .matches:
            return true
        case .function(let name):
            return FunctionCatalog.operator(name) != nil
        default:
            return false
        }
    }
}

/// A typed expression over named input fields.
indirect enum BoundExpr: Sendable {
    case column(String, DataType)
    case literal(Value, DataType)
    case call(ScalarOp, [BoundExpr], DataType, Span)

    var type: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .call(_, _, let t, _): return t
        }
    }

    /// The input fields the expression reads.
    var columns: Set<String> {
        switch self {
        case .column(let n, _): return [n]
        case .literal: return []
        case .call(_, let args, _, _): return args.reduce(into: Set()) { $0.formUnion($1.columns) }
        }
    }

    var isLiteral: Bool { if case .literal = self { return true } else { return false } }

    /// Renames field references (after a projection is pushed through).
    func substituting(_ map: [String: BoundExpr]) -> BoundExpr {
        switch self {
        case .column(let n, _): return map[n] ?? self
        case .literal: return self
        case .call(let op, let args, let t, let s): return .call(op, args.map { $0.substituting(map) }, t, s)
        }
    }

    /// The expression as `explain` prints it.
    var text: String {
        switch self {
        case .column(let n, _): return n.contains(where: { $0 == " " }) ? "`\(n)`" : n
        case .literal(let v, _):
            switch v {
            case .text, .halfYear, .category: return "\"\(v.display)\""
            case .null: return "null"
            default: return v.display
            }
        case .call(let op, let args, _, _):
            if case .inList(let vs) = op, let a = args.first {
                return "\(a.text) in (\(vs.map { BoundExpr.literal($0, .null).text }.joined(separator: ", ")))"
            }
            if op.isInfix, args.count == 2 { return "(\(args[0].text) \(op.name) \(args[1].text))" }
            if op == .isNull || op == .isNotNull, let a = args.first { return "(\(a.text) \(op.name))" }
            if op == .not, let a = args.first { return "not \(a.text)" }
            if op == .negate, let a = args.first { return "-\(a.text)" }
            return "\(op.name)(\(args.map(\.text).joined(separator: ", ")))"
        }
    }
}

/// The aggregate functions.
enum AggregateKind: String, Sendable {
    case count, countNonNull = "count_nonnull", countDistinct = "count_distinct"
    case sum, avg, min, max, median, pct, share
    case stddev, mode, quantile
}

/// One aggregate of a `group by … compute` or `compute` stage.
struct BoundAggregate: Sendable {
    let kind: AggregateKind
    let argument: BoundExpr?
    let name: String
    let type: DataType
    /// `quantile`'s fraction (0.5 for the median of an ordered category).
    var fraction: Double?
    /// Where the aggregate is written, for errors such as an overflowing sum.
    var span: Span? = nil

    init(kind: AggregateKind, argument: BoundExpr?, name: String, type: DataType, fraction: Double? = nil,
         span: Span? = nil) {
        self.kind = kind
        self.argument = argument
        self.name = name
        self.type = type
        self.fraction = fraction
        self.span = span
    }

    var text: String {
        switch kind {
        case .count: return "count"
        case .countNonNull: return "count(\(argument?.text ?? ""))"
        case .countDistinct: return "count(distinct \(argument?.text ?? ""))"
        case .share: return "share"
        case .quantile: return "quantile(\(argument?.text ?? ""), \(fraction.map { Value.format($0) } ?? ""))"
        default: return "\(kind.rawValue)(\(argument?.text ?? ""))"
        }
    }
}

/// A sort key with direction.
struct BoundSortKey: Sendable {
    let expr: BoundExpr
    let descending: Bool
}
