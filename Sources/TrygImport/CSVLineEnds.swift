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
    static func normalized(_ p: UnsafePointer<UInt8>, count n: Int, parts: Int = 1) -> (bytes: [UInt8], note: String)? {
        let lone = loneCRs(p, count: n, parts: parts)
        guard lone > 0 else { return nil }
        var out = Array(UnsafeBufferPointer(start: p, count: n))
        var lfs = 0
        for i in 0..<n {
            if out[i] == UInt8(ascii: "\r"), i + 1 >= n || out[i + 1] != UInt8(ascii: "\n") {
                out[i] = UInt8(ascii: "\n")
            } else if out[i] == UInt8(ascii: "\n") {
                lfs += 1
            }
        }
        let note = lfs == 0
            ? "lines end in CR alone (Excel for Mac); read as line ends"
            : "\(LoadReport.grouped(lone)) \(lone == 1 ? "line ends" : "lines end") in CR alone among LF line ends; read as line ends"
        return (out, note)
    }
}
