import TrygDomain

/// What `.help` and completion show of a function: how it is written, what it does, an example.
public struct FunctionHelp: Sendable, Equatable {
    public let name: String
    /// `round(x [, digits])`.
    public let usage: String
    public let summary: String
    /// A query that runs on the bundled samples (a golden test runs each one).
    public let example: String
    public let isAggregate: Bool
    /// The family file it is defined in (`calendar`, `text`, …).
    public let family: String
}

/// A scalar function, defined once: name, arity, binding and type rules, evaluation, help.
struct ScalarFunction: Sendable {
    let help: FunctionHelp
    let arity: ClosedRange<Int>
    /// Checks the bound arguments' types and returns the bound call.
    let bind: @Sendable (CallBinding) throws(Diagnostic) -> BoundExpr
    /// One row's value, for calls bound as `.function(name)`; nil when a kernel op evaluates it.
    let evaluate: (@Sendable ([Value]) -> Value)?
    /// Whether a null argument makes the result null without calling `evaluate`.
    var nullPropagating = true

    var name: String { help.name }
}

/// An aggregate, defined once: name, arity, binding and type rules, help; evaluation either by
/// an executor kernel (`AggregateKind`) or over each group's sorted values (`sortedGroup`).
struct AggregateFunction: Sendable {
    let help: FunctionHelp
    let arity: ClosedRange<Int>
    let bind: @Sendable (AggregateBinding) throws(Diagnostic) -> BoundAggregate

    var name: String { help.name }
}

/// The functions of the language; the binder looks them up here and `.help` formats them.
public enum FunctionCatalog {
    static let scalars: [ScalarFunction] = CalendarFunctions.all + TextFunctions.all + NumericFunctions.all
        + LogicFunctions.all
    static let aggregates: [AggregateFunction] = CountingAggregates.all + NumericAggregates.all + OrderedAggregates.all
        + PercentAggregates.all

    private static let scalarsByName = Dictionary(scalars.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    private static let aggregatesByName = Dictionary(aggregates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    /// Operators evaluated like functions (`||`, `ends with`), not listed as functions.
    private static let operatorsByName = Dictionary(TextFunctions.operators.map { ($0.name, $0) },
                                                    uniquingKeysWith: { a, _ in a })

    static func scalar(_ name: String) -> ScalarFunction? { scalarsByName[name.lowercased()] }
    static func aggregate(_ name: String) -> AggregateFunction? { aggregatesByName[name.lowercased()] }
    static func `operator`(_ spelling: String) -> ScalarFunction? { operatorsByName[spelling] }

    /// Every function's help: scalar functions, then aggregates, each in catalog order.
    public static var help: [FunctionHelp] { scalars.map(\.help) + aggregates.map(\.help) }
    /// The help of the operators the catalog evaluates (`||`, `ends with`).
    public static var operatorHelp: [FunctionHelp] { TextFunctions.operators.map(\.help) }
    /// The names of the scalar functions.
    public static var scalarNames: [String] { scalars.map(\.name) }
    /// The names of the aggregates.
    public static var aggregateNames: [String] { aggregates.map(\.name) }
    /// Whether a name is an aggregate (case-insensitive).
    public static func isAggregate(_ name: String) -> Bool { aggregate(name) != nil }

    /// Evaluates a call bound as `.function(name)` on one row.
    static func evaluate(_ name: String, _ args: [Value]) -> Value {
        guard let f = operatorsByName[name] ?? scalarsByName[name], let evaluate = f.evaluate else { return .null }
        if f.nullPropagating, args.contains(where: \.isNull) { return .null }
        return evaluate(args)
    }
}

/// A function call whose arguments are bound, handed to the function's `bind`.
struct CallBinding {
    let name: String
    let args: [BoundExpr]
    /// The arguments as written, for positions in messages.
    let exprs: [Expr]
    let span: Span
    let example: String

    var types: [DataType] { args.map(\.type) }

    /// Fails unless argument `i` has a type `ok` accepts (null always fits).
    func expect(_ i: Int, _ what: String, _ ok: (DataType) -> Bool) throws(Diagnostic) {
        let t = args[i].type
        guard t == .null || ok(t) else {
            throw Diagnostic(.error, "\(name) needs \(what), but this is \(t)", code: .typeMismatch, span: exprs[i].span,
                             label: "e.g. \(example)")
        }
    }

    /// A literal text argument from a fixed list (a unit), lower-cased.
    func unit(_ i: Int, _ units: [String]) throws(Diagnostic) -> String {
        guard case .literal(.text(let u), _) = args[i], units.contains(u.lowercased()) else {
            throw Diagnostic(.error, "\(name)'s unit must be one of \(units.map { "\"\($0)\"" }.joined(separator: ", "))",
                             code: .wrongArguments, span: exprs[i].span, label: "e.g. \(example)")
        }
        return u.lowercased()
    }

    /// The call evaluated by the catalog entry of `name`.
    func call(_ args: [BoundExpr], _ type: DataType) -> BoundExpr { .call(.function(name), args, type, span) }

    /// The one type several values can share (ints widen to decimals, decimals to floats; nulls fit anything).
    static func commonType(_ xs: [BoundExpr], _ spans: [Expr]) throws(Diagnostic) -> DataType {
        var t: DataType = .null
        for (i, x) in xs.enumerated() {
            if x.type == .null || x.type == t { continue }
            if t == .null { t = x.type; continue }
            if t.isNumeric && x.type.isNumeric { t = Binder.numericCommon(t, x.type); continue }
            if (t == .date && x.type == .timestamp) || (t == .timestamp && x.type == .date) { t = .timestamp; continue }
            throw Diagnostic(.error, "cannot mix \(t) and \(x.type) here", code: .typeMismatch, span: spans[i].span,
                             label: "give every value the type \(t)")
        }
        return t
    }

    /// A value brought to type `t` (a number to a wider number, a date to a timestamp, null to anything).
    static func convert(_ x: BoundExpr, to t: DataType, _ span: Span) -> BoundExpr {
        if x.type == t { return x }
        if case .literal(.null, _) = x { return .literal(.null, t) }
        if t.isNumeric && x.type.isNumeric { return Binder.cast(x, to: t, span) }
        if t == .timestamp && x.type == .date { return .call(.dateToTimestamp, [x], .timestamp, span) }
        return x
    }
}

/// An aggregate call whose arguments are bound, handed to the aggregate's `bind`.
struct AggregateBinding {
    let name: String
    let args: [BoundExpr]
    let exprs: [Expr]
    let distinct: Bool
    let span: Span
    /// The output column's name.
    let output: String
    let example: String

    func expect(_ i: Int, _ what: String, hint: String? = nil, _ ok: (DataType) -> Bool) throws(Diagnostic) {
        let t = args[i].type
        guard t == .null || ok(t) else {
            throw Diagnostic(.error, "\(name) needs \(what), but this is \(t)", code: .typeMismatch, span: exprs[i].span,
                             label: hint ?? "e.g. \(example)")
        }
    }

    func aggregate(_ kind: AggregateKind, _ type: DataType, fraction: Double? = nil) -> BoundAggregate {
        BoundAggregate(kind: kind, argument: args.first, name: output, type: type, fraction: fraction,
                       span: exprs.first?.span ?? span)
    }
}

extension DataType {
    /// Types whose values have an order an aggregate may pick from: numbers, dates, periods, ordered categories.
    var isOrdered: Bool {
        switch self {
        case .int, .decimal, .float, .date, .timestamp, .halfYear, .category: return true
        default: return false
        }
    }
}
