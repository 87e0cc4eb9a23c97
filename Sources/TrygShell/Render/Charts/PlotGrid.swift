/// A grid of terminal cells to plot lines on: Braille dots (2 × 4 per cell), or one ASCII
/// character per cell, with symbols laid over the lines where the points are.
struct PlotGrid {
    let columns: Int
    let rows: Int
    let braille: Bool
    private var dots: [UInt8]
    private var strokes: [Character?]
    private var overlay: [String?]
    /// The series that last drew in a cell, for its colour.
    private var owner: [Int?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = columns
        self.rows = rows
        self.braille = braille
        dots = Array(repeating: 0, count: columns * rows)
        strokes = Array(repeating: nil, count: columns * rows)
        overlay = Array(repeating: nil, count: columns * rows)
        owner = Array(repeating: nil, count: columns * rows)
    }

    /// Dots across and down: the resolution lines are drawn at.
    var width: Int { columns * (braille ? 2 : 1) }
    var height: Int { rows * (braille ? 4 : 1) }

    /// Draws a straight line between two dots (Bresenham).
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), series: Int) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        // ASCII has four directions: flat and steep stretches read better as - and | than as slopes.
        let steepness = dx == 0 ? Double.infinity : Double(-dy) / Double(dx)
        let stroke: Character = steepness < 0.4 ? "-" : steepness > 2.5 ? "|" : (sy < 0) == (sx > 0) ? "/" : "\\"
        while true {
            plot(x, y, series: series, stroke: stroke)
            if x == b.x && y == b.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    private mutating func plot(_ x: Int, _ y: Int, series: Int, stroke: Character) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        if braille {
            let cell = (y / 4) * columns + x / 2
            let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            dots[cell] |= bits[x % 2][y % 4]
            owner[cell] = series
        } else {
            let cell = y * columns + x
            strokes[cell] = stroke
            owner[cell] = series
        }
    }

    /// Puts a symbol in the cell holding a dot, over whatever line is there.
    mutating func put(_ symbol: String, atDot x: Int, _ y: Int, series: Int?) {
        let column = x / (braille ? 2 : 1), row = y / (braille ? 4 : 1)
        put(symbol, column: column, row: row, series: series)
    }

    mutating func put(_ symbol: String, column: Int, row: Int, series: Int?) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        overlay[row * columns + column] = symbol
        owner[row * columns + column] = series
    }

    /// Whether nothing is drawn in a cell.
    func isEmpty(column: Int, row: Int) -> Bool {
        let i = row * columns + column
        return dots[i] == 0 && strokes[i] == nil && overlay[i] == nil
    }

    /// One row of cells as text; `paint` colours what a series drew.
    func text(row: Int, paint: (String, Int?) -> String) -> String {
        var out = ""
        for column in 0..<columns {
            let i = row * columns + column
            if let symbol = overlay[i] {
                out += paint(symbol, owner[i])
            } else if braille, dots[i] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(dots[i])) {
                out += paint(String(Character(scalar)), owner[i])
            } else if let stroke = strokes[i] {
                out += paint(String(stroke), owner[i])
            } else {
                out += " "
            }
        }
        return out
    }
}
