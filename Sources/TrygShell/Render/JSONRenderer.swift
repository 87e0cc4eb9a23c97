import TrygEngine

/// Writes a result as a JSON array of objects, one per row, keys in column order.
///
/// Numbers stay numbers (at full precision), bools are bools, null is `null`; dates, times,
/// half-years and categories are strings as displayed.
public enum JSONRenderer {
    public static func render(_ table: Table) -> String {
        guard table.rowCount > 0 else { return "[]\n" }
        let keys = table.columnNames.map(quote)
        var out = "[\n"
        for r in 0..<table.rowCount {
            let members = keys.indices.map { c in "\(keys[c]): \(value(table.value(row: r, column: c)))" }
            out += "  {" + members.joined(separator: ", ") + "}"
            out += r + 1 < table.rowCount ? ",\n" : "\n"
        }
        return out + "]\n"
    }

    /// One line of JSON Lines for the `statement`-th result of a script:
    /// `{"statement": 1, "columns": ["a", "b"], "rows": [[1, "x"], …]}`, and after `suppress below N`
    /// `"suppressed": {"below": 5, "cells": 7, "note": "…"}` (the suppressed cells are null).
    public static func renderLine(_ table: Table, statement: Int, suppression: Suppression? = nil) -> String {
        let columns = table.columnNames.map(quote).joined(separator: ", ")
        let rows = (0..<table.rowCount).map { r in
            "[" + (0..<table.columnNames.count).map { value(table.value(row: r, column: $0)) }.joined(separator: ", ") + "]"
        }
        var line = "{\"statement\": \(statement), \"columns\": [\(columns)], \"rows\": [\(rows.joined(separator: ", "))]"
        if let s = suppression {
            line += ", \"suppressed\": {\"below\": \(s.threshold), \"cells\": \(s.cells.count), \"note\": \(quote(s.note))}"
        }
        return line + "}\n"
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return d.isFinite ? String(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        default: return quote(v.display)
        }
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
