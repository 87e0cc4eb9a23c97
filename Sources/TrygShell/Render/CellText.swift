import Foundation
import TrygEngine

/// How single values read in each output format.
enum CellText {
    /// Text for a table view: decimals exactly with their scale, floats rounded to at most two
    /// places, control characters made visible.
    static func display(_ value: Value) -> String {
        switch value {
        case .float(let d): return rounded(d)
        case .text(let s): return visible(s)
        default: return value.display
        }
    }

    /// Table text with Danish number style: `1.234,50`, `12.345`; other values as `display`.
    static func danish(_ value: Value) -> String {
        switch value {
        case .int(let i) where i.magnitude >= 10_000: return grouped(String(i))
        case .decimal, .float: return grouped(display(value))
        default: return display(value)
        }
    }

    /// `-1234.5` as `-1.234,5`: `.` between thousands, a decimal comma.
    static func grouped(_ plain: String) -> String {
        guard plain.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return plain }
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let fraction = parts.count > 1 ? "," + parts[1] : ""
        return (negative ? "-" : "") + groups.joined(separator: ".") + fraction
    }

    /// Full-precision text (csv, line): what `Value.display` gives.
    static func exact(_ value: Value) -> String { value.display }

    /// A float rounded to two places as `round(x, 2)` rounds it (half away from zero on the
    /// value as it prints), without trailing zeros past the first decimal. From 10^15 up a
    /// float has no digits to spare for places: it shows as its shortest exact text (`1e+308`,
    /// `-2.5e+20`), never as the long run of digits its binary value spells out.
    static func rounded(_ d: Double) -> String {
        guard d.isFinite, d.magnitude < 1e15 else { return Value.format(d) }
        let r = d.roundedAsPrinted(2)
        if r == 0 { return "0.0" }
        var s = String(format: "%.2f", r)
        if s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// Newlines, tabs and every other control character as visible escapes (`\n`, `\x1b`,
    /// `\u009b`), so one value stays on one line of a table and a terminal never obeys it.
    static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\t" || VisibleControls.isControl($0) }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if VisibleControls.isControl(c) { out += VisibleControls.visible(c) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// Whether a column's numbers may have decimals (and so are shown with a common number of them).
    static func hasDecimals(_ type: DataType) -> Bool { type == .decimal || type == .float }

    /// The texts of one column's numbers with a common number of decimals: each padded with
    /// zeros to the most any has (the value unchanged), so the decimal marks line up (`2.28`,
    /// `2.30`). Text that is not a plain number (`NULL`, `<5`, `inf`, `nan`) is left as it is.
    static func commonDecimals(_ cells: [String], mark: Character) -> [String] {
        func isNumber(_ s: String) -> Bool {
            s.contains(where: \.isWholeNumber)
                && s.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "," || $0 == "-" }
        }
        func decimals(_ s: String) -> Int {
            s.lastIndex(of: mark).map { s.distance(from: $0, to: s.endIndex) - 1 } ?? 0
        }
        let most = cells.lazy.filter(isNumber).map(decimals).max() ?? 0
        guard most > 0 else { return cells }
        return cells.map { s in
            guard isNumber(s) else { return s }
            let have = decimals(s)
            guard have < most else { return s }
            return s + (have == 0 && !s.contains(mark) ? String(mark) : "") + String(repeating: "0", count: most - have)
        }
    }

    /// Whether a column is numeric and so right-aligned.
    static func isNumeric(_ type: DataType) -> Bool { type == .int || type == .decimal || type == .float }
}
