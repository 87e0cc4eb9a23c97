import Glibc
import TrygEngine

/// Line ends other than `\n` and `\r\n`: a file saved by Excel for Mac (or an old tool) ends
/// its lines with `\r` alone, and a file pieced together may mix them. The scanner reads
/// `\n` and `\r\n`; a `\r` alone is turned into `\n` before it reads (the same length, so
/// every line and column in a message stays where it was), and the report says so.
enum CSVLineEnds {
    /// How many `\r` are not followed by `\n`, and how many `\n` there are besides (only
    /// counted when some `\r` is alone). One `memchr` pass: a file without `\r` costs little.
    static func loneCRs(_ p: UnsafePointer<UInt8>, count n: Int) -> Int {
        var lone = 0
        var at = 0
        while at < n {
            guard let hit = memchr(p + at, Int32(UInt8(ascii: "\r")), n - at) else { break }
            let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
            if i + 1 >= n || p[i + 1] != UInt8(ascii: "\n") { lone += 1 }
            at = i + 1
        }
        return lone
    }

    /// The bytes with each lone `\r` made `\n`, and the report's note; nil when there is none.
    static func normalized(_ p: UnsafePointer<UInt8>, count n: Int) -> (bytes: [UInt8], note: String)? {
        let lone = loneCRs(p, count: n)
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
