import Glibc
import TrygEngine

/// Line ends other than `\n` and `\r\n`: a file saved by Excel for Mac (or an old tool) ends
/// its lines with `\r` alone, and a file pieced together may mix them. The scanner reads
/// `\n` and `\r\n`; a `\r` alone is turned into `\n` before it reads (the same length, so
/// every line and column in a message stays where it was), and the report says so.
enum CSVLineEnds {
    /// How many `\r` are not followed by `\n`. One `memchr` pass, in `parts` stretches read
    /// at once (this pass is the first to touch a mapped file's pages, so it pays for
    /// mapping them: on one core, about a second for each gigabyte).
    static func loneCRs(_ p: UnsafePointer<UInt8>, count n: Int, parts: Int = 1) -> Int {
        let parts = max(1, min(parts, n / 4096))
        guard parts > 1 else { return loneCRs(p, from: 0, to: n, count: n) }
        let bounds = (0..<parts).map { n / parts &* $0 } + [n]
        return CSVParallel.map(parts) { k in loneCRs(p, from: bounds[k], to: bounds[k &+ 1], count: n) }.reduce(0, &+)
    }

    /// Lone `\r` in `start..<end` of the `n` bytes at `p` (the byte after one may lie past `end`).
    private static func loneCRs(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, count n: Int) -> Int {
        var lone = 0
        var at = start
        while at < end {
            guard let hit = memchr(p + at, Int32(UInt8(ascii: "\r")), end - at) else { break }
            let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
            if i + 1 >= n || p[i + 1] != UInt8(ascii: "\n") { lone += 1 }
            at = i + 1
        }
        return lone
    }

    /// The bytes with each lone `\r` made `\n`, and the report's note; nil when there is none.
    ///
    /// In a file that also has `\n` line ends, a `\r` inside a quoted field is part of its
    /// value (a line break typed on an old Mac, pasted into a description) and stays; only one
    /// between fields ends a line. A field is quoted when `"` opens it: at the start of a line
    /// or after one of `delimiters` (`nil`: any of `,` `;` tab `|`, before the dialect is
    /// known); `""` inside it is a quote, and a `"` followed by anything else closes it. With
    /// `quoting` false no field is quoted. A file with no `\n` at all ends its lines in `\r`
    /// alone, and every lone `\r` is a line end there, quoted or not.
    static func normalized(_ p: UnsafePointer<UInt8>, count n: Int, parts: Int = 1,
                           delimiter: UInt8? = nil, quoting: Bool = true) -> (bytes: [UInt8], note: String)? {
        let lone = loneCRs(p, count: n, parts: parts)
        guard lone > 0 else { return nil }
        let hasLF = memchr(p, Int32(UInt8(ascii: "\n")), n) != nil
        var out = Array(UnsafeBufferPointer(start: p, count: n))
        var lfs = 0
        var ends = 0
        var quoted = false
        var fieldStart = true
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), quote = UInt8(ascii: "\"")
        func separates(_ b: UInt8) -> Bool {
            if let d = delimiter { return b == d }
            return b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "|")
        }
        var i = 0
        while i < n {
            let b = out[i]
            if quoted {
                if b == quote {
                    if i + 1 < n && out[i + 1] == quote { i += 2; continue }
                    quoted = false
                } else if b == cr && !hasLF && (i + 1 >= n || out[i + 1] != lf) {
                    out[i] = lf
                    ends += 1
                }
                i += 1
                continue
            }
            if b == cr, i + 1 >= n || out[i + 1] != lf {
                out[i] = lf
                ends += 1
                fieldStart = true
            } else if b == lf {
                lfs += 1
                fieldStart = true
            } else if b == quote && quoting && fieldStart {
                quoted = true
                fieldStart = false
            } else {
                fieldStart = separates(b)
            }
            i += 1
        }
        guard ends > 0 else { return nil }
        let note = lfs == 0
            ? "lines end in CR alone (Excel for Mac); read as line ends"
            : "\(LoadReport.grouped(ends)) \(ends == 1 ? "line ends" : "lines end") in CR alone among LF line ends; read as line ends"
        return (out, note)
    }
}
