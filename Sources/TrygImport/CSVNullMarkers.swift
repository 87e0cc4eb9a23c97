import TrygEngine

/// The values that stand for a missing one in exports: `NULL`, `null`, `N/A`, `NA`, `-`, and
/// those the person gives (`null "ukendt"`, `--null ukendt`); compared ignoring ASCII case.
/// An empty field is null everywhere; a marker, or a field of blanks alone (fixed-width
/// padding), is null in a column of any type but text,
/// and counted in the load's report. Checked only for a value that does not parse as its
/// column's type, so the usual values pay nothing for it.
struct CSVNullMarkers: Sendable {
    /// The markers, in lower case.
    let values: [[UInt8]]
    /// The markers as written, for the report.
    let names: [String]

    /// The markers every load knows.
    static let standardNames = ["NULL", "N/A", "NA", "-"]

    static let standard = CSVNullMarkers(extra: [])

    init(extra: [String]) {
        var all: [[UInt8]] = []
        var names: [String] = []
        for name in CSVNullMarkers.standardNames + extra {
            let lower = Array(name.utf8).map(CSVNullMarkers.lower)
            if !lower.isEmpty, !all.contains(lower) {
                all.append(lower)
                names.append(name)
            }
        }
        values = all
        self.names = names
    }

    /// True when the bytes are one of the markers (ignoring ASCII case), or blanks alone.
    func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if !b.isEmpty, b.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return true }
        guard b.count <= 64 else { return false }
        for marker in values where marker.count == b.count {
            var same = true
            for i in 0..<b.count where CSVNullMarkers.lower(b[i]) != marker[i] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// The markers as the report lists them: `NULL, N/A, NA, -, ukendt`.
    var shown: String { names.joined(separator: ", ") }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c &- UInt8(ascii: "A") < 26 ? c | 0x20 : c }
}
