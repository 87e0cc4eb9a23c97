/// A name as written, with its span.
struct Name: Sendable, Equatable {
    let text: String
    let span: Span
}

/// An expression as written.
indirect enum ExprKind: Sendable {
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
enum LiteralValue: Sendable, Equatable {
    case int(Int64), decimal(DecimalValue), float(Double), text(String), bool(Bool), null, date(Int64), timestamp(Int64)
    /// `$NAME` given as `--param NAME=TEXT`: the binder reads the text as the type its place needs.
    case parameter(name: String, text: String)
}

struct Expr: Sendable {
    let kind: ExprKind
    let span: Span

    init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// `EXPR [as NAME]`.
struct NamedExpr: Sendable {
    let expr: Expr
    let alias: Name?
}

/// One key of `order by` or `top`.
struct SortKey: Sendable {
    let expr: Expr
    /// true for `desc`, false for `asc`, nil when neither was written.
    let direction: Bool?

    var descending: Bool { direction ?? false }
}

enum SelectItem: Sendable {
    case star(Span)
    case starExcept([Name], Span)
    case expr(NamedExpr)
}

/// A table name or a query in parentheses.
indirect enum SourceRef: Sendable {
    case table(Name)
    case query(QueryAST, Span)

    var span: Span {
        switch self {
        case .table(let n): return n.span
        case .query(_, let s): return s
        }
    }
}

enum StageKind: Sendable {
    case filter(Expr)
    case groupBy(keys: [NamedExpr], aggregates: [NamedExpr])
    case compute([NamedExpr])
    case count
    case select([SelectItem])
    /// `distinct [COL, …]`: no columns means all of them.
    case distinct([Name])
    case derive([(Name, Expr)])
    case orderBy([SortKey])
    case limit(Int64, Span)
    case top(Int64, Span, SortKey)
    case join(left: Bool, source: SourceRef, alias: Name?, on: [(Expr, Expr?)])
    case pivot(column: Name, measures: [NamedExpr])
    case compare(column: Name, from: Expr, to: Expr)
    case trend
    /// `suppress below N`: small counts of the result suppressed for publishing.
    case suppress(below: Int64, span: Span)
    /// `chart bar|line [COL] [title "…"] [to "FILE"]`; the title and file keep their spans for errors.
    case chart(kind: Name, column: Name?, title: Name?, file: Name?)
}

struct Stage: Sendable {
    let kind: StageKind
    /// The span of the stage's keyword(s).
    let keywordSpan: Span
    let span: Span
}

/// A source followed by stages.
struct QueryAST: Sendable {
    let source: SourceRef
    let stages: [Stage]
    let span: Span
}

struct Statement: Sendable {
    enum Kind: Sendable {
        case query(QueryAST)
        case `let`(Name, QueryAST)
        /// `explain QUERY`, or `explain sql [DIALECT] QUERY` (then `sql` names the dialect).
        case explain(QueryAST, sql: SQLDialect?)
    }
    let kind: Kind
    let span: Span
    /// `to "FILE.xlsx"` after the query: write the result to this workbook.
    var output: Name? = nil
}
