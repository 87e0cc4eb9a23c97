/// The characters a terminal chart is drawn with: Unicode blocks and Braille, or plain ASCII.
struct ChartGlyphs: Sendable {
    /// A whole cell of bar.
    let full: String
    /// Eighths of a cell for the end of a bar growing right (index 1…7); empty without them.
    let eighths: [String]
    /// The right half of a cell, for the end of a bar growing left; empty without it.
    let rightHalf: String
    let vertical: String
    let horizontal: String
    let tickLeft: String
    let tickDown: String
    let corner: String
    /// Marks a timeline event on an axis.
    let mark: String
    /// A faint rule across a plot where the effort started.
    let rule: String
    /// The point symbols of the lines, one per series (they repeat after the last).
    let markers: [String]
    /// Eight heights for sparklines, lowest first.
    let spark: [String]
    let ellipsis: String
    let arrow: String
    /// Lines between points in Braille dots (2 × 4 per cell); false draws them with ASCII slopes.
    let braille: Bool

    static let unicode = ChartGlyphs(
        full: "█", eighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"], rightHalf: "▐",
        vertical: "│", horizontal: "─", tickLeft: "┤", tickDown: "┬", corner: "└",
        mark: "▲", rule: "┊", markers: ["●", "■", "◆", "○", "□", "◇"],
        spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], ellipsis: "…", arrow: "→", braille: true)

    static let ascii = ChartGlyphs(
        full: "#", eighths: [], rightHalf: "", vertical: "|", horizontal: "-", tickLeft: "+", tickDown: "+",
        corner: "+", mark: "^", rule: ":", markers: ["*", "o", "x", "+", "@", "%"],
        spark: ["_", ".", ",", "-", "~", "=", "*", "#"], ellipsis: "...", arrow: "->", braille: false)

    func marker(_ series: Int) -> String { markers[series % markers.count] }
}

/// Terminal colours of the series (ANSI), the same order as the image palette.
enum ChartColors {
    static let ansi = ["34", "33", "32", "35", "36", "31"]

    static func ansi(_ series: Int) -> String { ansi[series % ansi.count] }

    /// Text in an ANSI colour, or unchanged when colour is off.
    static func paint(_ text: String, _ code: String, _ on: Bool) -> String {
        on && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
