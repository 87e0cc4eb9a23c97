import TrygEngine

/// One column of bars on one scale: where zero sits, and how many cells a unit takes.
struct BarPanel {
    /// Cells left of the axis (value text and negative bars) and right of it (bars and value text).
    let left: Int
    let right: Int
    let negativeRoom: Int
    let positiveRoom: Int
    /// Cells per unit of value.
    let scale: Double
    let valueWidth: Int

    /// Lays out a panel `width` cells wide (axis included) for these values.
    init(values: [Double], width: Int, valueWidth: Int) {
        let most = max(0, values.max() ?? 0), least = min(0, values.min() ?? 0)
        let hasNegative = least < 0
        self.valueWidth = valueWidth
        let room = max(1, width - 1 - (valueWidth + 1) - (hasNegative ? valueWidth + 1 : 0))
        let spread = most - least
        negativeRoom = hasNegative ? max(1, min(room - 1, Int((Double(room) * -least / spread).rounded()))) : 0
        positiveRoom = room - negativeRoom
        // The scale both sides can hold, so that no bar runs past its room after rounding.
        let fits = [most > 0 ? Double(positiveRoom) / most : nil, least < 0 ? Double(negativeRoom) / -least : nil]
        scale = fits.compactMap { $0 }.min() ?? 0
        left = hasNegative ? valueWidth + 1 + negativeRoom : 0
        right = positiveRoom + 1 + valueWidth
    }

    /// The column's name above the axis: right of it where the bars grow right, else ending at it.
    func header(_ name: String, glyphs: ChartGlyphs) -> String {
        let width = left + 1 + right, w = DisplayWidth.of(name)
        if w <= right || w > left {
            return DisplayWidth.pad(String(repeating: " ", count: left) + " " + DisplayWidth.truncate(name, to: right), to: width)
        }
        return DisplayWidth.pad(DisplayWidth.pad(name, to: left, right: true), to: width)
    }

    /// One bar with its value, exactly as wide as the panel. The value stands in a column of its
    /// own past the longest bar's room, right-aligned, so the values of all rows line up.
    func row(_ value: Double?, text: String?, glyphs: ChartGlyphs, paint: (String) -> String) -> String {
        guard let value, let text else { return String(repeating: " ", count: left) + glyphs.vertical + String(repeating: " ", count: right) }
        let eighths = Int((abs(value) * scale * 8).rounded())
        if value < 0 {
            var cells = eighths / 8, half = false
            if eighths % 8 >= 6 { cells += 1 } else if eighths % 8 >= 2 && !glyphs.rightHalf.isEmpty { half = true }
            if glyphs.eighths.isEmpty { cells = Int((abs(value) * scale).rounded()) }
            let bar = (half ? glyphs.rightHalf : "") + String(repeating: glyphs.full, count: cells)
            let barWidth = cells + (half ? 1 : 0)
            let lead = DisplayWidth.pad(text, to: valueWidth, right: true) + " "
                + String(repeating: " ", count: max(0, negativeRoom - barWidth))
            return lead + paint(bar) + glyphs.vertical + String(repeating: " ", count: right)
        }
        var bar: String
        var barWidth: Int
        if glyphs.eighths.isEmpty {
            barWidth = Int((value * scale).rounded())
            bar = String(repeating: glyphs.full, count: barWidth)
        } else {
            let partial = eighths % 8 == 0 && eighths == 0 && value > 0 ? 1 : eighths % 8
            bar = String(repeating: glyphs.full, count: eighths / 8) + glyphs.eighths[partial]
            barWidth = eighths / 8 + (partial > 0 ? 1 : 0)
        }
        let tail = String(repeating: " ", count: max(0, positiveRoom - barWidth)) + " "
            + DisplayWidth.pad(text, to: valueWidth, right: true)
        return String(repeating: " ", count: left) + glyphs.vertical + paint(bar) + tail
    }
}
