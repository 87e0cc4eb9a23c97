/// Sheet names Excel accepts, made from a statement's `let` name, a `-- sheet:` comment or a number.
enum WorkbookSheetName {
    /// The most UTF-16 units of a sheet name.
    static let maxLength = 31
    /// Characters a sheet name may not hold.
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// The name of the `n`th result (1-based) when nothing names it.
    static func numbered(_ n: Int) -> String { "Resultat \(n)" }

    /// `name` made acceptable and different from every name in `taken` (compared without case,
    /// as Excel does): forbidden and control characters become `_`, an apostrophe at either end
    /// goes, the name is cut to 31 UTF-16 units, an empty name or `History` (which Excel keeps for
    /// itself) becomes `fallback`, and a repeated name gets ` (2)`, ` (3)` …
    static func sanitised(_ name: String, fallback: String, taken: Set<String>) -> String {
        var clean = String(name.map { c -> Character in
            forbidden.contains(c) || c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } ? "_" : c
        })
        while clean.hasPrefix("'") { clean.removeFirst() }
        while clean.hasSuffix("'") { clean.removeLast() }
        clean = String(clean.drop { $0 == " " })
        clean = cut(clean, to: maxLength)
        while clean.hasSuffix(" ") || clean.hasSuffix("'") { clean.removeLast() }
        if clean.isEmpty || clean.lowercased() == "history" { clean = cut(fallback, to: maxLength) }
        var candidate = clean
        var n = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = cut(clean, to: maxLength - suffix.utf16.count) + suffix
            n += 1
        }
        return candidate
    }

    /// The longest prefix of whole characters with at most `units` UTF-16 units.
    static func cut(_ s: String, to units: Int) -> String {
        var out = "", count = 0
        for c in s {
            let n = c.utf16.count
            if count + n > units { break }
            out.append(c)
            count += n
        }
        return out
    }
}
