/// A surface chart images are drawn on, in layout units (1600 × 900, y down).
///
/// Two kinds: cairo (PNG and PDF) and SVG text. The layout measures text through cairo for
/// both, with the same font, so every format puts every label in the same place.
protocol ChartCanvas: AnyObject {
    func fill(_ rect: ChartRect, _ color: ChartColor)
    /// A line through points; `dash` lengths alternate on and off (empty: solid).
    func stroke(_ points: [ChartPoint], width: Double, _ color: ChartColor, dash: [Double])
    func fill(polygon: [ChartPoint], _ color: ChartColor)
    func circle(_ center: ChartPoint, radius: Double, fill: ChartColor, ring: ChartColor, ringWidth: Double)
    /// Text with its baseline at `point`, anchored at its start, middle or end.
    func text(_ text: String, at point: ChartPoint, font: ChartFont, _ color: ChartColor, anchor: ChartTextAnchor)
}

struct ChartPoint: Equatable {
    var x: Double
    var y: Double

    init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

struct ChartRect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var right: Double { x + width }
    var bottom: Double { y + height }
}

/// A colour with opacity, components 0…1.
struct ChartColor: Equatable {
    let red: Double
    let green: Double
    let blue: Double
    var alpha: Double = 1

    /// `0x0072B2` as a colour.
    init(_ rgb: UInt32, alpha: Double = 1) {
        red = Double((rgb >> 16) & 0xFF) / 255
        green = Double((rgb >> 8) & 0xFF) / 255
        blue = Double(rgb & 0xFF) / 255
        self.alpha = alpha
    }

    /// `#0072b2`, for SVG.
    var hex: String {
        let parts = [red, green, blue].map { c -> String in
            let v = Int((c * 255).rounded())
            let digits = String(v, radix: 16)
            return v < 16 ? "0" + digits : digits
        }
        return "#" + parts.joined()
    }

    static let ink = ChartColor(0x1A1A1A)
    static let muted = ChartColor(0x5F5F5F)
    static let grid = ChartColor(0xE3E3E3)
    static let white = ChartColor(0xFFFFFF)
    static let band = ChartColor(0xF2C14E, alpha: 0.22)

    /// The series colours (Okabe–Ito): told apart by most colour-blind viewers, strong on a projector.
    static let series: [ChartColor] = [0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00].map { ChartColor($0) }

    static func series(_ i: Int) -> ChartColor { series[i % series.count] }
}

struct ChartFont: Equatable {
    let size: Double
    var bold = false

    /// The one typeface of chart images: it holds æ, ø, å and the mark symbol ▲.
    static let family = "DejaVu Sans"
}

enum ChartTextAnchor {
    case start, middle, end
}
