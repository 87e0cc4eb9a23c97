import TrygDomain

/// Expressions: every operator and scalar function of the language, or an error naming it.
extension SQLCompiler {
    /// An expression over the columns of `rel`.
    func expr(_ e: BoundExpr, _ rel: Rel) throws(Diagnostic) -> String {
        switch e {
        case .column(let name, _): return try id(name)
        case .literal(let v, let t): return try literal(v, t)
        case .call(let op, let args, let type, let span):
            var a: [String] = []
            for x in args { a.append(try expr(x, rel)) }
            return try call(op, args, a, type, span, rel)
        }
    }

    /// A value as a literal; half-years as their ordinals, categories as their positions.
    func literal(_ v: Value, _ type: DataType) throws(Diagnostic) -> String {
        switch v {
        case .null: return type == .null || type == .text || type == .bool ? "NULL" : "CAST(NULL AS \(try sqlType(type)))"
        case .int(let i): return i == .min ? "(-9223372036854775807 - 1)" : (i < 0 ? "(\(i))" : "\(i)")
        case .decimal(let d):
            let s = d.description
            // As narrow as the literal: Spark widens a comparison of DECIMAL(38, 9) with
            // DECIMAL(38, 0) to DECIMAL(38, 0), cutting the column's fraction off.
            let digits = s.filter(\.isNumber).count
            return "CAST(\(try text(s)) AS \(dialect == .postgres ? "NUMERIC" : "DECIMAL(\(min(38, max(digits, d.scale + 1))), \(d.scale))"))"
        case .float(let d):
            let s = d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : String(d)
            return "CAST(\(try text(s)) AS \(dialect.doubleType))"
        case .text(let s): return try text(s)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d):
            let date = CivilDate(dayNumber: Int(d))
            guard (1...9999).contains(date.year) else { throw unsupported("the date \(v.display)", nil, "SQL dates run from year 1 to 9999") }
            return "DATE '\(date.iso)'"
        case .timestamp(let t):
            let day = LocalTime.dayNumber(ofTimestamp: t)
            let date = CivilDate(dayNumber: Int(day))
            guard (1...9999).contains(date.year) else { throw unsupported("the timestamp \(v.display)", nil, "SQL timestamps run from year 1 to 9999") }
            let secs = Int(t - day * LocalTime.secondsPerDay)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "TIMESTAMP '\(date.iso) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))'"
        case .halfYear(let h): return "\(h.ordinal)"
        case .category(let i, _): return "\(i)"
        }
    }

    /// The SQL type a value of a tryg type travels as inside the statement.
    func sqlType(_ type: DataType) throws(Diagnostic) -> String {
        switch type {
        case .int, .halfYear, .category, .null: return "BIGINT"
        case .decimal: return dialect.decimalType
        case .float: return dialect.doubleType
        case .text: return dialect == .spark ? "STRING" : (dialect == .postgres ? "TEXT" : "VARCHAR")
        case .bool: return "BOOLEAN"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        }
    }

    /// An argument as text: a category or half-year as its label.
    func asText(_ sql: String, _ e: BoundExpr) throws(Diagnostic) -> String {
        switch e.type {
        case .category, .halfYear: return try label(sql, e.type)
        case .text: return sql
        case .float, .timestamp:
            throw unsupported("\(e.type == .float ? "a float" : "a timestamp") written as text", nil,
                              "tryg and SQL write these differently; round or format it first, or run it in tryg")
        default: return dialect.text(sql)
        }
    }

    func call(_ op: ScalarOp, _ args: [BoundExpr], _ a: [String], _ type: DataType, _ span: Span,
              _ rel: Rel) throws(Diagnostic) -> String {
        func need(_ n: Int) throws(Diagnostic) {
            guard a.count >= n else { throw Diagnostic.internalError("\(op.name) with \(a.count) arguments", span: span) }
        }
        try need(op == .coalesce || op == .function("concat") || op == .function("today") || op == .function("now") ? 0 : 1)
        switch op {
        case .not: return "(NOT \(a[0]))"
        case .negate: return "(- \(a[0]))"
        case .and, .or, .eq, .ne, .lt, .le, .gt, .ge:
            try need(2)
            let sym = op == .and ? "AND" : op == .or ? "OR" : op == .ne ? "<>" : op.name
            // Text is ordered as tryg orders it: Danish, æ, ø, å after z.
            if [.lt, .le, .gt, .ge].contains(op), args[0].type == .text, args[1].type == .text {
                guard let left = dialect.danishOrder(a[0]) else {
                    throw unsupported("comparing text in Danish order (æ, ø, å after z)", span,
                                      "\(dialect.title) has no Danish collation; compare with = or in, or compile for postgres or duckdb")
                }
                return "(\(left) \(sym) \(a[1]))"
            }
            return "(\(a[0]) \(sym) \(a[1]))"
        case .add, .sub:
            try need(2)
            if args[0].type == .date && args[1].type == .int { return dialect.addDays(a[0], a[1], subtract: op == .sub) }
            if args[0].type == .date && args[1].type == .date { return dialect.daysBetween(a[1], a[0]) }
            return "(\(a[0]) \(op == .add ? "+" : "-") \(a[1]))"
        case .mul:
            try need(2)
            return "(\(a[0]) * \(a[1]))"
        case .div:
            try need(2)
            return "(\(a[0]) / NULLIF(\(a[1]), 0))"
        case .mod:
            try need(2)
            if type == .float && dialect == .postgres {
                throw unsupported("'%' of floats", span, "PostgreSQL has no remainder of doubles; use decimals")
            }
            return "(\(a[0]) % NULLIF(\(a[1]), 0))"
        case .isNull: return "(\(a[0]) IS NULL)"
        case .isNotNull: return "(\(a[0]) IS NOT NULL)"
        case .inList(let values):
            // Listed values no row can hold (an empty list is bound as `false`): null stays null.
            if values.isEmpty { return "(CASE WHEN \(a[0]) IS NULL THEN NULL ELSE FALSE END)" }
            var list: [String] = []
            for v in values { list.append(try literal(v, args[0].type)) }
            return "(\(a[0]) IN (\(list.joined(separator: ", "))))"
        case .contains:
            try need(2)
            return "(\(dialect.position(of: "LOWER(\(a[1]))", in: "LOWER(\(a[0]))")) > 0)"
        case .startsWith:
            try need(2)
            return "(LEFT(LOWER(\(a[0])), \(dialect.length(a[1]))) = LOWER(\(a[1])))"
        case .endsWith:
            try need(2)
            return "(RIGHT(LOWER(\(a[0])), \(dialect.length(a[1]))) = LOWER(\(a[1])))"
        case .matches:
            try need(2)
            if case .literal(.text(let pattern), _) = args[1] {
                return dialect.matches(a[0], try text(dialect.regularExpression(pattern)))
            }
            if dialect == .postgres, args[1].type != .null {
                throw unsupported("matches with a pattern that is not a literal", span,
                                  "PostgreSQL reads some PCRE escapes otherwise (\\b is a backspace there), so only a written pattern is translated")
            }
            return dialect.matches(a[0], a[1])
        case .toDecimal:
            // Twenty digits hold any int, and leave a comparison with DECIMAL(38, 9) its scale.
            return "CAST(\(a[0]) AS \(dialect == .postgres ? "NUMERIC" : "DECIMAL(20, 0)"))"
        case .toFloat: return "CAST(\(a[0]) AS \(dialect.doubleType))"
        case .dateToTimestamp: return "CAST(\(a[0]) AS TIMESTAMP)"
        case .date: return "CAST(\(a[0]) AS DATE)"
        case .year: return try calendar(.year, a[0], sourceType: args[0].type)
        case .month: return try calendar(.month, a[0], sourceType: args[0].type)
        case .week: return try calendar(.week, a[0], sourceType: args[0].type)
        case .weekday: return try calendar(.weekday, a[0], sourceType: args[0].type)
        case .hour: return try calendar(.hour, a[0], sourceType: args[0].type)
        case .halfyear: return try calendar(.halfyear, a[0], sourceType: args[0].type)
        case .season: return try calendar(.season, a[0], sourceType: args[0].type)
        case .lower: return "LOWER(\(try asText(a[0], args[0])))"
        case .upper: return "UPPER(\(try asText(a[0], args[0])))"
        case .trim:
            // The white space tryg's trim removes, not the spaces alone that TRIM does, spelt
            // as code points (no line break or tab inside the statement's text).
            let codes = TextFunctions.trimmedScalars.map(\.value)
            let escaped = codes.map { "\\u" + String(repeating: "0", count: max(0, 4 - String($0, radix: 16).count)) + String($0, radix: 16) }.joined()
            let x = try asText(a[0], args[0])
            switch dialect {
            case .postgres: return "BTRIM(\(x), E'\(escaped)')"
            case .duckdb: return "TRIM(\(x), \(codes.map { "CHR(\($0))" }.joined(separator: " || ")))"
            case .spark: return "TRIM(BOTH '\(escaped)' FROM \(x))"
            }
        case .length: return "CAST(\(dialect.length(try asText(a[0], args[0]))) AS BIGINT)"
        case .abs: return "ABS(\(a[0]))"
        case .coalesce: return a.count == 1 ? a[0] : "COALESCE(\(a.joined(separator: ", ")))"
        case .ifThen:
            try need(3)
            return "(CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END)"
        case .round:
            return try round(args, a, type, span)
        case .function(let name):
            return try function(name, args, a, type, span)
        }
    }

    /// `round(x [, digits])`: half away from zero, a float on the value as it prints.
    func round(_ args: [BoundExpr], _ a: [String], _ type: DataType, _ span: Span) throws(Diagnostic) -> String {
        let digits = a.count > 1 ? a[1] : "0"
        guard type == .float else { return "ROUND(\(a[0]), \(digits))" }
        switch dialect {
        case .postgres:
            // The double's printed digits (text is its shortest exact form; a cast to numeric
            // straight keeps only 15), then numeric rounds half away from zero, as tryg does.
            return "CAST(ROUND(CAST(CAST(\(a[0]) AS TEXT) AS NUMERIC), \(digits)) AS DOUBLE PRECISION)"
        case .spark:
            return "ROUND(\(a[0]), \(digits))"
        case .duckdb:
            throw unsupported("round of a float", span, "DuckDB rounds a double's binary value, not the value as it prints; round a decimal")
        }
    }

    /// The functions the catalog evaluates by name.
    func function(_ name: String, _ args: [BoundExpr], _ a: [String], _ type: DataType, _ span: Span) throws(Diagnostic) -> String {
        switch name {
        case "||":
            guard a.count == 2 else { break }
            return "(\(try asText(a[0], args[0])) || \(try asText(a[1], args[1])))"
        case "concat":
            var parts: [String] = []
            for (s, e) in zip(a, args) { parts.append(try asText(s, e)) }
            return dialect.concat(parts)
        case "substr":
            guard a.count >= 2, case .literal(.int(let start), _) = args[1], start >= 1 else {
                throw unsupported("substr with a start that is not a whole number from 1", span,
                                  "tryg counts a negative start from the end, which SQL engines do differently")
            }
            if a.count == 3 {
                guard case .literal(.int(let length), _) = args[2], length >= 0 else {
                    throw unsupported("substr with a length that is not a whole number from 0", span, "give the length as a number")
                }
                return "SUBSTR(\(a[0]), \(start), \(length))"
            }
            return "SUBSTR(\(a[0]), \(start))"
        case "today":
            return "CURRENT_DATE"
        case "now":
            return dialect == .postgres ? "LOCALTIMESTAMP" : "CAST(CURRENT_TIMESTAMP AS TIMESTAMP)"
        case "date_diff":
            guard a.count == 3, case .literal(.text(let unit), _) = args[0] else { break }
            return try dateDiff(unit.lowercased(), (a[1], args[1].type), (a[2], args[2].type), span)
        case "date_trunc":
            guard a.count == 2, case .literal(.text(let unit), _) = args[0] else { break }
            let u = unit.lowercased()
            if u == "halfyear" {
                let h = try calendar(.halfyear, a[1], sourceType: args[1].type)
                return dialect.date(year: dialect.intDivide(h, "2"), month: "CASE WHEN \(h) % 2 = 1 THEN 10 ELSE 4 END")
            }
            guard ["day", "week", "month", "year", "hour"].contains(u) else {
                throw unsupported("date_trunc(\"\(u)\", …)", span, "truncate to a day, week, month, half-year or year")
            }
            let truncated = "DATE_TRUNC(\(try text(u)), \(u == "hour" ? a[1] : "CAST(\(a[1]) AS TIMESTAMP)"))"
            return u == "hour" ? "CAST(\(truncated) AS TIMESTAMP)" : "CAST(\(truncated) AS DATE)"
        default:
            break
        }
        throw unsupported("the function '\(name)'", span, "run this query in tryg")
    }

    /// `date_diff(unit, a, b)`: how many unit boundaries lie from a to b.
    func dateDiff(_ unit: String, _ x: (String, DataType), _ y: (String, DataType), _ span: Span) throws(Diagnostic) -> String {
        if unit == "hour" {
            guard let a = dialect.epochHours("CAST(\(x.0) AS TIMESTAMP)"), let b = dialect.epochHours("CAST(\(y.0) AS TIMESTAMP)") else {
                throw unsupported("date_diff(\"hour\", …)", span, "\(dialect.title) reads timestamps in a time zone; count days")
            }
            return "(\(b) - \(a))"
        }
        let a = "CAST(\(x.0) AS DATE)", b = "CAST(\(y.0) AS DATE)"
        func index(_ d: String) throws(Diagnostic) -> String {
            switch unit {
            case "month": return "(\(try calendar(.year, d, sourceType: .date)) * 12 + \(try calendar(.month, d, sourceType: .date)))"
            case "year": return try calendar(.year, d, sourceType: .date)
            case "halfyear": return try calendar(.halfyear, d, sourceType: .date)
            default:
                // Mondays since 1970-01-05 … counted as tryg does: (days + 3 - weekday) / 7.
                let days = dialect.daysBetween("DATE '1970-01-01'", d)
                return dialect.intDivide("(\(days) + 3 - (\(try calendar(.weekday, d, sourceType: .date))))", "7")
            }
        }
        switch unit {
        case "day": return dialect.daysBetween(a, b)
        case "month", "year", "halfyear", "week": return "(\(try index(b)) - \(try index(a)))"
        default: throw unsupported("date_diff(\"\(unit)\", …)", span, "count days, weeks, months, half-years or years")
        }
    }
}
