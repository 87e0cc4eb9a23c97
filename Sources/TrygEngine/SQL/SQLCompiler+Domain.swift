import TrygDomain

/// The domain in SQL: derived calendar columns as expressions, districts from a `VALUES` list,
/// half-years as ordinals and ordered categories as positions until the final select.
extension SQLCompiler {
    /// A table's columns as the plan reads them, stored and derived.
    mutating func scan(_ table: Table, _ cols: [(String, ScanColumn)]) throws(Diagnostic) -> Rel {
        let t = "t"
        var items: [String] = []
        var fields: [(name: String, type: DataType)] = []
        var needsDistricts = false
        for (name, column) in cols {
            switch column {
            case .stored(let i):
                let type = table.columns[i].type
                var ref = "\(t).\(try id(table.columnNames[i]))"
                // A server column of a type tryg does not map is read and compared as its text.
                if table.textOnServer.contains(i) { ref = "CAST(\(ref) AS \(SQLTableScript(dialect: dialect).storedType(.text)))" }
                items.append("\(try stored(ref, type)) AS \(try id(name))")
                fields.append((name, type))
            case .derived(let kind, let source):
                let ref = "\(t).\(try id(table.columnNames[source]))"
                if kind == .district {
                    needsDistricts = true
                    items.append("d.district AS \(try id(name))")
                } else {
                    items.append("\(try calendar(kind, ref, sourceType: table.columns[source].type)) AS \(try id(name))")
                }
                fields.append((name, kind.type))
            }
        }
        var from = "\(try id(table.name)) AS \(t)"
        if needsDistricts, let lib = cols.first(where: { if case .derived(.district, _) = $0.1 { return true } else { return false } }),
           case .derived(_, let source) = lib.1 {
            from += "\nLEFT JOIN \(try districts()) ON d.spelling = LOWER(\(t).\(try id(table.columnNames[source])))"
        }
        return add("SELECT \(try selectList(items))\nFROM \(from)",
                   fields, ordered: false)
    }

    /// The domain's libraries as a `VALUES` list: every spelling (lower-cased) with its district.
    func districts() throws(Diagnostic) -> String {
        var seen: Set<String> = []
        var rows: [String] = []
        for lib in domain.libraries.libraries {
            for spelling in lib.spellings {
                let key = spelling.lowercased()
                // The first library a spelling names wins, as the directory's lookup does.
                guard seen.insert(key).inserted else { continue }
                rows.append("(\(try text(key)), \(try text(lib.district)))")
            }
        }
        if rows.isEmpty { rows.append("(\(try text("")), CAST(NULL AS \(dialect == .spark ? "STRING" : "VARCHAR")))") }
        return "(VALUES \(rows.joined(separator: ", "))) AS d(spelling, district)"
    }

    /// A stored column as the statement carries it: a half-year label as its ordinal, a category's
    /// label as its position (a text the scale does not hold is null, as loading makes it).
    func stored(_ ref: String, _ type: DataType) throws(Diagnostic) -> String {
        switch type {
        case .category(let scale):
            var cases = ""
            for (i, v) in scale.values.enumerated() { cases += " WHEN \(try text(v)) THEN \(i)" }
            return "CASE \(ref)\(cases) END"
        case .halfYear:
            let year = "CAST(SUBSTR(\(ref), 8, 4) AS BIGINT)"
            return "CASE WHEN \(ref) LIKE 'vinter %' THEN \(year) * 2 + 1 WHEN \(ref) LIKE 'sommer %' THEN \(year) * 2 END"
        default:
            return ref
        }
    }

    /// A calendar part of a date or timestamp, as the derived column and the function of that name give it.
    func calendar(_ kind: DerivedColumn, _ t: String, sourceType: DataType) throws(Diagnostic) -> String {
        let year = "CAST(EXTRACT(YEAR FROM \(t)) AS BIGINT)"
        let month = "CAST(EXTRACT(MONTH FROM \(t)) AS BIGINT)"
        switch kind {
        case .year: return year
        case .month: return month
        case .week: return "CAST(EXTRACT(WEEK FROM \(t)) AS BIGINT)"
        case .weekday: return "CAST(\(dialect.isoWeekday(t)) - 1 AS BIGINT)"
        case .hour:
            if sourceType == .date { return "CAST(0 AS BIGINT)" }
            return "CAST(EXTRACT(HOUR FROM \(t)) AS BIGINT)"
        case .season: return "CASE WHEN \(month) BETWEEN 4 AND 9 THEN 1 WHEN \(month) IS NOT NULL THEN 0 END"
        case .halfyear:
            // Summer Y is 2Y, winter Y/Y+1 is 2Y+1 (HalfYear.ordinal); January to March belong to the winter before.
            return "(\(year) * 2 + CASE WHEN \(month) >= 10 THEN 1 WHEN \(month) <= 3 THEN -1 ELSE 0 END)"
        case .district:
            throw Diagnostic.internalError("district is not a calendar part")
        }
    }

    /// A value as the result shows it: a half-year's label, a category's value, others as they are.
    func label(_ sql: String, _ type: DataType) throws(Diagnostic) -> String {
        switch type {
        case .category(let scale):
            var cases = ""
            for (i, v) in scale.values.enumerated() { cases += " WHEN \(i) THEN \(try text(v))" }
            return "CASE \(sql)\(cases) END"
        case .halfYear:
            let year = dialect.intDivide(sql, "2")
            let next = dialect.text("(\(year) + 1) % 100")
            // The year in four digits (SQL's years run from 1 to 9999), as HalfYear.label writes it.
            let four = "LPAD(\(dialect.text(year)), 4, '0')"
            let winter = "\(dialect.concat(["'vinter '", four, "'/'", "LPAD(\(next), 2, '0')"]))"
            let summer = "\(dialect.concat(["'sommer '", four]))"
            return "CASE WHEN \(sql) % 2 = 1 THEN \(winter) WHEN \(sql) % 2 = 0 THEN \(summer) END"
        default:
            return sql
        }
    }
}
