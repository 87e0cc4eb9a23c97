import TrygDomain

/// How a scan produces a column: stored in the table, or derived from a stored one through the domain.
enum ScanColumn: Sendable, Equatable {
    case stored(Int)
    case derived(DerivedColumn, source: Int)
}

/// Columns every table with a date or timestamp carries without declaration, and `district`.
enum DerivedColumn: String, Sendable, CaseIterable {
    case halfyear, season, year, month, week, weekday, hour, district

    var type: DataType {
        switch self {
        case .halfyear: return .halfYear
        case .season: return .category(CalendarScales.season)
        case .weekday: return .category(CalendarScales.weekday)
        case .district: return .text
        default: return .int
        }
    }
}


/// What a field is for in a grouped result: `compare`, `trend` and `pivot` need to know.
enum FieldRole: Sendable, Equatable { case plain, key, measure }

/// Where a field's values come from, when it is a base table's column (for value warnings).
struct FieldOrigin: Sendable {
    let table: Table
    let column: ScanColumn
}

/// One output column of a plan node.
struct Field: Sendable {
    var name: String
    var type: DataType
    var role: FieldRole = .plain
    /// A group's row count (`count`): suppression reads from it how many rows each measure came from.
    var countsRows = false
    var origin: FieldOrigin?
    /// The table the field came from, for `table.column` references after a join.
    var qualifier: String?
    /// A derived column computed again from a column `derive` replaced: still left out by `*`.
    var rederived = false

    /// A derived column as the scan made it: `*` leaves these out (they are there by name).
    var isUntouchedDerived: Bool {
        if rederived { return true }
        // Also the right side's copy a join renamed `libraries.year`.
        if case .derived(let kind, _)? = origin?.column { return name == kind.rawValue || name == "\(qualifier ?? "").\(kind.rawValue)" }
        return false
    }
}

struct JoinNode: Sendable {
    let left: LogicalPlan
    let right: LogicalPlan
    let isLeft: Bool
    let leftKeys: [String]
    let rightKeys: [String]
    /// Output name for each right field (clashing names become `table.column`); nil drops it.
    let rightNames: [String?]
}

struct PivotNode: Sendable {
    var input: LogicalPlan
    /// The keys that stay rows.
    let keys: [String]
    let column: String
    let measures: [String]
    /// The pivot column's values, in its own order, read when the query was bound.
    let values: [Value]
    /// The output name of each cell column: for each value, each measure (`n vinter 2024/25`).
    let cellNames: [String]
    /// Measures whose missing cells are 0 (counts and sums), not null.
    let zeroFill: Set<String>
    /// The input's rows, read when the query was bound (to name the columns): not read again.
    let inputRows: Table?
}

struct CompareNode: Sendable {
    var input: LogicalPlan
    let keys: [String]
    let column: String
    let measure: String
    let from: Value
    let to: Value
    /// A missing group counts 0 (the measure counts or sums), not null.
    let zeroFill: Bool
    /// The output columns after the keys: the measure at `from`, at `to`, the change and the
    /// change in percent; each made distinct from the keys' names and the others.
    let names: [String]
}

/// The unit `trend` steps by from one period to the previous one in the calendar.
enum TrendStep: Sendable, Equatable {
    case halfYear, day, one
    /// `group by year, month`: the month before January is December of the year before.
    case month(year: String)
    /// `group by year, week`: ISO weeks, 52 or 53 a year; the week before week 1 is the last
    /// week of the year before.
    case week(year: String)
    /// A timestamp has no calendar period: the previous row of the partition.
    case none
}

struct TrendNode: Sendable {
    var input: LogicalPlan
    let keys: [String]
    let period: String
    let measure: String
    let step: TrendStep
    /// Measures that are 0, not null, in a period with no rows.
    let zeroFill: Set<String>
    /// The `trend` keyword, for an error about a period the calendar cannot place.
    var span: Span? = nil
}

/// A node of the logical plan. Expressions refer to input fields by name.
indirect enum LogicalPlan: Sendable {
    case scan(Table, [(String, ScanColumn)])
    case filter(LogicalPlan, BoundExpr)
    case project(LogicalPlan, [(String, BoundExpr)])
    case aggregate(LogicalPlan, keys: [(String, BoundExpr)], aggregates: [BoundAggregate])
    case sort(LogicalPlan, [BoundSortKey])
    case limit(LogicalPlan, Int)
    /// The first N rows in the order of the keys (`top`, and `order by` followed by `limit`).
    case topN(LogicalPlan, Int, [BoundSortKey])
    case join(JoinNode)
    case pivot(PivotNode)
    case compare(CompareNode)
    case trend(TrendNode)
    /// A table computed outside the plan (a `let` result is just a scan; this is for pivots' outputs).
    case values(Table)

    var children: [LogicalPlan] {
        switch self {
        case .scan, .values: return []
        case .filter(let i, _), .project(let i, _), .aggregate(let i, _, _), .sort(let i, _), .limit(let i, _),
             .topN(let i, _, _):
            return [i]
        case .join(let j): return [j.left, j.right]
        case .pivot(let p): return [p.input]
        case .compare(let c): return [c.input]
        case .trend(let t): return [t.input]
        }
    }
}
