import Foundation

/// Writes a chart as SVG text, with the labels as real text.
///
/// cairo's SVG surface turns text into glyph outlines: the labels could then not be searched,
/// read aloud or edited in a slide. Positions come from the same cairo-measured layout.
final class SVGCanvas: ChartCanvas {
    private var body: [String] = []
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The whole document.
    var document: String {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))" font-family="\(ChartFont.family), Verdana, sans-serif">
            """
        return ([head] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    func fill(_ rect: ChartRect, _ color: ChartColor) {
        body.append("<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"\(paint("fill", color))/>")
    }

    func stroke(_ points: [ChartPoint], width: Double, _ color: ChartColor, dash: [Double]) {
        guard points.count > 1 else { return }
        let dashes = dash.isEmpty ? " stroke-linecap=\"round\"" : " stroke-dasharray=\"\(dash.map(n).joined(separator: " "))\""
        body.append("<polyline points=\"\(points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\" fill=\"none\""
                    + paint("stroke", color) + " stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"\(dashes)/>")
    }

    func fill(polygon: [ChartPoint], _ color: ChartColor) {
        body.append("<polygon points=\"\(polygon.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\"\(paint("fill", color))/>")
    }

    func circle(_ center: ChartPoint, radius: Double, fill: ChartColor, ring: ChartColor, ringWidth: Double) {
        body.append("<circle cx=\"\(n(center.x))\" cy=\"\(n(center.y))\" r=\"\(n(radius))\"\(paint("fill", fill))"
                    + paint("stroke", ring) + " stroke-width=\"\(n(ringWidth))\"/>")
    }

    func text(_ text: String, at point: ChartPoint, font: ChartFont, _ color: ChartColor, anchor: ChartTextAnchor) {
        let anchorName = anchor == .start ? "" : anchor == .middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\""
        body.append("<text x=\"\(n(point.x))\" y=\"\(n(point.y))\" font-size=\"\(n(font.size))\""
                    + (font.bold ? " font-weight=\"bold\"" : "") + anchorName + paint("fill", color)
                    + ">\(SVGCanvas.escape(text))</text>")
    }

    private func paint(_ attribute: String, _ c: ChartColor) -> String {
        " \(attribute)=\"\(c.hex)\"" + (c.alpha < 1 ? " \(attribute)-opacity=\"\(n(c.alpha))\"" : "")
    }

    /// A coordinate with at most two decimals, the same text on every run.
    private func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.2f", r).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
