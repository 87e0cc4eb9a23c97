/// A name as written, with its span.
public struct Name: Sendable, Equatable {
    public let text: String
    public let span: Span
}

/// An expression as written.
public indirect enum ExprKind: Sendable {
    case literal(LiteralValue)
    /// `column` or `table.column`.
    case column(qualifier: Name?, name: Name)
    case unary(op: String, Expr)
    case binary(op: String, Expr, Expr)
    /// `f(args)`, `count(distinct x)`, `count`, `count(*)`.
    case call(name: Name, args: [Expr], distinct: Bool)
    case inList(Expr, [Expr], negated: Bool)
    case between(Expr, Expr, Expr, negated: Bool)
    case isNull(Expr, negated: Bool)
}

/// A literal as written.
public enum LiteralValue: Sendable, Equatable {
    case int(Int64), decimal(DecimalValue), float(Double), text(String), bool(Bool), null, date(Int64), timestamp(Int64)
    /// `$NAME` given as `--param NAME=TEXT`: the binder reads the text as the type its place needs.
    case parameter(name: String, text: String)
}

public struct Expr: Sendable {
    public let kind: ExprKind
    public let span: Span

    public init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// `EXPR [as NAME]`.
public struct NamedExpr: Sendable {
    public let expr: Expr
    public let alias: Name?
}

/// One key of `order by` or `top`.
public struct SortKey: Sendable {
    public let expr: Expr
    /// true for `desc`, false for `asc`, nil when neither was written.
    public let direction: Bool?

    public var descending: Bool { direction ?? false }
}

public enum SelectItem: Sendable {
    case star(Span)
    case starExcept([Name], Span)
    case expr(NamedExpr)
}

/// A table name or a query in parentheses.
public indirect enum SourceRef: Sendable {
    case table(Name)
    case query(QueryAST, Span)

    public var span: Span {
        switch self {
        case .table(let n): return n.span
        case .query(_, let s): return s
        }
    }
}

public enum StageKind: Sendable {
    case filter(Expr)
    case groupBy(keys: [NamedExpr], aggregates: [NamedExpr])
    case compute([NamedExpr])
    case count
    case select([SelectItem])
    case derive([(Name, Expr)])
    case orderBy([SortKey])
    case limit(Int64, Span)
    case top(Int64, Span, SortKey)
    case join(left: Bool, source: SourceRef, alias: Name?, on: [(Expr, Expr?)])
    case pivot(column: Name, measures: [NamedExpr])
    case compare(column: Name, from: Expr, to: Expr)
    case trend
    /// `chart bar|line [COL] [title "…"] [to "FILE"]`; the title and file keep their spans for errors.
    case chart(kind: Name, column: Name?, title: Name?, file: Name?)
}

public struct Stage: Sendable {
    public let kind: StageKind
    /// The span of the stage's keyword(s).
    public let keywordSpan: Span
    public let span: Span
}

/// A source followed by stages.
public struct QueryAST: Sendable {
    public let source: SourceRef
    public let stages: [Stage]
    public let span: Span
}

public struct Statement: Sendable {
    public enum Kind: Sendable {
        case query(QueryAST)
        case `let`(Name, QueryAST)
        case explain(QueryAST)
    }
    public let kind: Kind
    public let span: Span
}
