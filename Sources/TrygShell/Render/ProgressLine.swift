import Foundation
import TrygEngine

/// The one-line progress bar of a long load or query, as drawn on standard error:
///
///     incidents.csv ▕█████████░░░░░░░░░░░▏ 47 %  612 MB of 1.28 GB · 4.70M rows · 2.3 s
///     running · 2.3 s · Ctrl-C cancels
///
/// A load shows the file's name, a bar and the bytes read of its size (DuckDB's progress bar
/// is the model); a query, whose total is not known, shows how long it has run. The line
/// never exceeds `width` display columns (the name is shortened first, then the bar dropped).
public enum ProgressLine {
    public static func render(_ s: WorkProgress.Snapshot, elapsed: Double, width: Int, ascii: Bool) -> String {
        let time = seconds(elapsed)
        let dot = ascii ? " - " : " · "
        guard s.bytesTotal > 0 else {
            let parts = ["running", s.rows > 0 ? rows(s.rows) : nil, time, "Ctrl-C cancels"].compactMap { $0 }
            return fit(parts.joined(separator: dot), width: width)
        }
        let fraction = min(1, max(0, Double(s.bytesDone) / Double(s.bytesTotal)))
        let percent = "\(Int(fraction * 100)) %"
        let detail = "\(bytes(s.bytesDone)) of \(bytes(s.bytesTotal))\(dot)\(rows(s.rows))\(dot)\(time)"
        let name = (s.label as NSString).lastPathComponent
        let barWidth = 20
        // name, bar, percent, detail, with single spaces (two before the detail).
        let fixed = barWidth + 2 + 1 + percent.count + 2 + detail.count
        if width >= fixed + 1 + 4 {
            let room = width - fixed - 1
            return truncated(name, to: room) + " " + bar(fraction, width: barWidth, ascii: ascii) + " " + percent + "  " + detail
        }
        return fit("\(truncated(name, to: 24)) \(percent)\(dot)\(detail)", width: width)
    }

    static func bar(_ fraction: Double, width: Int, ascii: Bool) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        let rest = max(0, width - filled)
        return ascii ? "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: rest) + "]"
            : "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: rest) + "▏"
    }

    /// `812 B`, `61.2 KB`, `612 MB`, `1.28 GB` (powers of 1000, three significant digits).
    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(max(0, n)), unit = 0
        while value >= 999.5, unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(Int(value)) B" }
        return "\(significant(value)) \(units[unit])"
    }

    /// `812 rows`, `48.1K rows`, `4.7M rows`.
    static func rows(_ n: Int) -> String {
        if n < 10_000 { return "\(n) \(n == 1 ? "row" : "rows")" }
        if n < 1_000_000 { return "\(significant(Double(n) / 1000))K rows" }
        return "\(significant(Double(n) / 1_000_000))M rows"
    }

    static func seconds(_ s: Double) -> String {
        s < 60 ? String(format: "%.1f s", s) : "\(Int(s) / 60) min \(Int(s) % 60) s"
    }

    private static func significant(_ v: Double) -> String {
        v >= 99.5 ? String(format: "%.0f", v) : v >= 9.95 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    }

    private static func truncated(_ text: String, to room: Int) -> String {
        DisplayWidth.truncate(text, to: room)
    }

    private static func fit(_ text: String, width: Int) -> String {
        DisplayWidth.of(text) <= width ? text : truncated(text, to: max(0, width))
    }
}
