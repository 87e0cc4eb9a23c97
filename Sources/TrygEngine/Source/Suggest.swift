import Foundation

/// Finds the nearest names for "did you mean" hints, folding case and diacritics.
public enum Suggest {
    /// Lower-case, without diacritics, with æ ø å spelled out, so `blagarden` meets `Blågården`.
    public static func fold(_ s: String) -> String {
        var t = s.lowercased()
        t = t.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
            .replacingOccurrences(of: "aa", with: "å")
        t = t.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return t.replacingOccurrences(of: "oe", with: "o")
    }

    /// Edit distance (Levenshtein) over characters, stopping early past `limit`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The longest name a suggestion is looked for (no column name is longer: 1,024 bytes).
    static let longestName = 1024

    /// The closest candidates, best first; only those near enough to be a plausible typo.
    ///
    /// The work is bounded by the candidates' lengths: a name far longer than every candidate
    /// is no typo of one, and the distance is computed only when the lengths are close enough.
    public static func nearest(_ name: String, in candidates: [String], max: Int = 3) -> [String] {
        guard name.utf8.count <= longestName else { return [] }
        let f = fold(name)
        let fCount = f.count
        var scored: [(Int, String)] = []
        for c in candidates where c.utf8.count <= longestName {
            let fc = fold(c)
            let fcCount = fc.count
            let allowed = Swift.max(1, Swift.max(fCount, fcCount) / 3)
            let d: Int
            if fc == f {
                d = 0
            } else if fc.hasPrefix(f) || f.hasPrefix(fc) {
                d = 1
            } else if abs(fCount - fcCount) > allowed {
                continue   // the distance is at least the difference in length
            } else {
                d = distance(f, fc)
            }
            if d <= allowed { scored.append((d, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var seen = Set<String>()
        return scored.map(\.1).filter { seen.insert($0).inserted }.prefix(max).map { $0 }
    }

    /// The single nearest candidate.
    public static func nearest(_ name: String, in candidates: [String]) -> String? {
        nearest(name, in: candidates, max: 1).first
    }
}
