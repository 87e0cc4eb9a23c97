import Foundation

/// A random table of the kinds of column real exports hold, each cell kept both as a person
/// writes it (`written`, before the dialect's number format) and as tryg must show it after
/// loading (`shown`, `Value.display`).
struct RandomTypedTable {
    /// What a column holds, and so the type it must load as.
    enum Kind: CaseIterable {
        /// Codes of digits with leading zeros (`0900`, `00417`): text, every digit kept.
        case code
        /// Case or person numbers of 19–24 digits: more than an int holds, so text.
        case longID
        case int
        /// Ints written with thousands separators where the dialect has them (`1.250`).
        case groupedInt
        /// A decimal with the same number of decimals in every value.
        case decimal
        /// Dates, in ISO or Danish (`24-11-2025`, `24.11.2025`) spelling.
        case date
        case bool
        /// Danish free text, some of it holding delimiters, quotes or line breaks.
        case text

        var typeName: String {
            switch self {
            case .code, .longID, .text: return "text"
            case .int, .groupedInt: return "int"
            case .decimal: return "decimal"
            case .date: return "date"
            case .bool: return "bool"
            }
        }
    }

    /// One cell: nil for a missing value.
    struct Cell {
        /// How the value is shown once loaded.
        var shown: String
        /// The parts a number is written from, nil for other kinds.
        var number: (negative: Bool, whole: String, fraction: String)?
        /// The text written for a value that is not a number.
        var text: String
    }

    var names: [String]
    var kinds: [Kind]
    /// Per column: the decimals of a decimal column, and how a date column spells dates.
    var scales: [Int]
    var dateStyles: [Int]
    var rows: [[Cell?]]

    static let words = ["råb", "trussel", "hærværk", "uro", "gæst", "personale", "Blågården", "Nørrebro",
                        "Vesterbro", "børneafdeling", "læsesal", "indgang", "café", "aften", "vagt", "øl"]
    static let oddTexts = ["Sal 1, stueetage", "sagde \"stop\"", "to\nlinjer", "ø;æ|å", "tab\there",
                           "  mellemrum ", "Åbent hus", "É", "Æble, pære; blomme"]
    static let names = ["Dato", "Bibliotek", "Kategori", "Beløb", "Antal", "Postnr", "Sagsnr", "Bemærkning",
                        "Løbenr", "Alvor", "Besøgende", "Aktiv", "Personale nr", "Område", "Tidspunkt"]

    init(using rng: inout SeededGenerator) {
        let width = Int.random(in: 1...6, using: &rng)
        names = Array(RandomTypedTable.names.shuffled(using: &rng).prefix(width))
        let kinds = (0..<width).map { _ in Kind.allCases.randomElement(using: &rng) ?? .text }
        self.kinds = kinds
        let count = Int.random(in: 1...40, using: &rng)
        let scales = kinds.map { _ in Int.random(in: 1...2, using: &rng) }
        let dateStyles = kinds.map { _ in Int.random(in: 0..<3, using: &rng) }
        self.scales = scales
        self.dateStyles = dateStyles
        var rows: [[Cell?]] = []
        for _ in 0..<count {
            rows.append(kinds.indices.map { c in
                Int.random(in: 0..<8, using: &rng) == 0 ? nil
                    : RandomTypedTable.cell(kinds[c], scale: scales[c], dateStyle: dateStyles[c], using: &rng)
            })
        }
        // A code column shows its kind in at least one value, which may come late; a column of
        // grouped ints has one grouped twice, so the file says which mark groups thousands.
        for c in kinds.indices where kinds[c] == .code || kinds[c] == .groupedInt {
            let r = Int.random(in: 0..<count, using: &rng)
            if kinds[c] == .code {
                let code = "0" + String(Int.random(in: 100...9999, using: &rng))
                rows[r][c] = Cell(shown: code, number: nil, text: code)
            } else {
                let v = Int64.random(in: 1_000_000...999_999_999, using: &rng)
                rows[r][c] = Cell(shown: String(v), number: (false, String(v), ""), text: "")
            }
        }
        self.rows = rows
    }

    static func cell(_ kind: Kind, scale: Int, dateStyle: Int, using rng: inout SeededGenerator) -> Cell {
        switch kind {
        case .code:
            // Mostly plain digits; the leading zeros are what makes the column text.
            let digits = Int.random(in: 3...6, using: &rng)
            let v = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            return Cell(shown: v, number: nil, text: v)
        case .longID:
            let v = String(Int.random(in: 1...9, using: &rng))
                + (0..<Int.random(in: 18...23, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            return Cell(shown: v, number: nil, text: v)
        case .int, .groupedInt:
            let magnitude = kind == .int ? Int64.random(in: 0...99_999, using: &rng)
                : Int64.random(in: 0...Int64(10).power(Int.random(in: 1...12, using: &rng)), using: &rng)
            let negative = magnitude != 0 && Int.random(in: 0..<5, using: &rng) == 0
            return Cell(shown: (negative ? "-" : "") + String(magnitude),
                        number: (negative, String(magnitude), ""), text: "")
        case .decimal:
            let whole = String(Int64.random(in: 0...Int64(10).power(Int.random(in: 0...13, using: &rng)), using: &rng))
            let fraction = (0..<scale).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let negative = Int.random(in: 0..<5, using: &rng) == 0 && (whole != "0" || fraction.contains { $0 != "0" })
            return Cell(shown: (negative ? "-" : "") + whole + "." + fraction, number: (negative, whole, fraction), text: "")
        case .date:
            let y = Int.random(in: 2019...2026, using: &rng), m = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...28, using: &rng)
            let iso = String(format: "%04d-%02d-%02d", y, m, d)
            let written = dateStyle == 0 ? iso
                : String(format: dateStyle == 1 ? "%02d-%02d-%04d" : "%02d.%02d.%04d", d, m, y)
            return Cell(shown: iso, number: nil, text: written)
        case .bool:
            let v = Bool.random(using: &rng)
            let written = (v ? ["true", "ja", "TRUE", "Ja"] : ["false", "nej", "FALSE", "Nej"]).randomElement(using: &rng) ?? "true"
            return Cell(shown: v ? "true" : "false", number: nil, text: written)
        case .text:
            let v: String
            if Int.random(in: 0..<4, using: &rng) == 0 {
                v = oddTexts.randomElement(using: &rng) ?? "x"
            } else {
                v = (0..<Int.random(in: 1...4, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "x" }
                    .joined(separator: " ")
            }
            return Cell(shown: v, number: nil, text: v)
        }
    }
}

extension Int64 {
    /// `self` to the power `n` (small n; the tests stay far below overflow).
    func power(_ n: Int) -> Int64 { (0..<n).reduce(1) { acc, _ in acc * self } }
}
