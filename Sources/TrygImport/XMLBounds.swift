import Glibc
import TrygEngine

/// A linear look at a workbook's XML part before libxml2 parses it, for the one shape libxml2
/// parses in quadratic time: an element with very many attributes (it compares each with every
/// one before it). A cell with 200,000 attributes took minutes; a real workbook's elements have
/// a handful, so more than `maxAttributes` is an error naming the element, the cell and the line.
enum XMLBounds {
    /// Attributes (namespace declarations included) one element may have.
    static let maxAttributes = 256

    /// Checks every start tag of `bytes`; Ctrl-C is seen every few MiB.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, part: String, sheet: String?, path: String,
                      cancellation: CancellationFlag?) throws(Diagnostic) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var nextCheck = 1 << 22
        while i < n {
            if i >= nextCheck {
                nextCheck = i + (1 << 22)
                if cancellation?.isRaised == true {
                    throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: path))
                }
            }
            // Straight to the next markup.
            guard let lt = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return }
            i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
            let start = i
            let following = i + 1 < n ? base[i + 1] : 0
            if following == UInt8(ascii: "!") || following == UInt8(ascii: "?") {
                // A comment, CDATA section, declaration or processing instruction: skip to its end
                // (libxml2 itself refuses a DTD).
                i = skipSpecial(base, n, i)
                continue
            }
            var quote: UInt8 = 0
            var attributes = 0
            i += 1
            while i < n {
                let b = base[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: "=") {
                    attributes += 1
                } else if b == UInt8(ascii: ">") {
                    break
                }
                i += 1
            }
            if attributes > maxAttributes {
                throw tooMany(UnsafeBufferPointer(start: base, count: n), at: start, attributes, part: part, sheet: sheet, path: path)
            }
            i += 1
        }
    }

    /// The index after a `<!…>` or `<?…?>` that starts at `i`.
    private static func skipSpecial(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        func starts(_ s: StaticString, at k: Int) -> Bool {
            let c = s.utf8CodeUnitCount
            return k + c <= n && memcmp(base + k, s.utf8Start, c) == 0
        }
        let end: StaticString = starts("<!--", at: i) ? "-->" : starts("<![CDATA[", at: i) ? "]]>" : base[i + 1] == UInt8(ascii: "?") ? "?>" : ">"
        var k = i + 2
        while k < n {
            guard let hit = memchr(base + k, Int32(end.utf8Start[0]), n - k) else { return n }
            k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if starts(end, at: k) { return k + end.utf8CodeUnitCount }
            k += 1
        }
        return n
    }

    /// The error for the element starting at `start`: its name, its cell when it is one, the line.
    static func tooMany(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ count: Int, part: String,
                        sheet: String?, path: String) -> Diagnostic {
        let line = 1 + bytes[0..<start].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var k = start + 1
        while k < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                                 UInt8(ascii: "/"), UInt8(ascii: ">")].contains(bytes[k]) { k += 1 }
        let qualified = String(decoding: bytes[(start + 1)..<min(k, start + 41)], as: UTF8.self)
        let name = qualified.split(separator: ":").last.map(String.init) ?? qualified
        var element = "an element <\(qualified)>"
        if name == "c", let reference = attribute("r", in: bytes, from: k) {
            element = "cell \(reference.prefix(20))"
        }
        let place = sheet.map { "sheet '\($0)' (\(part), line \(line))" } ?? "\(part) (line \(line))"
        return Diagnostic(.error, "the workbook is damaged: \(element) in \(place) has \(LoadReport.grouped(count)) attributes, "
                          + "more than the \(maxAttributes) tryg reads on one element",
                          notes: ["note: an element of a real workbook has a few attributes; this file was not written by a spreadsheet program"],
                          file: FilePosition(path: path))
    }

    /// The value of the attribute `name` (local name) in the tag whose attributes start at `from`.
    private static func attribute(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> String? {
        var k = from
        var nameStart = from
        while k < bytes.count, bytes[k] != UInt8(ascii: ">") {
            let b = bytes[k]
            if b == UInt8(ascii: "=") {
                let attributeName = String(decoding: bytes[nameStart..<k], as: UTF8.self)
                    .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).last.map(String.init) ?? ""
                var v = k + 1
                while v < bytes.count, bytes[v] != UInt8(ascii: "\"") && bytes[v] != UInt8(ascii: "'") { v += 1 }
                guard v < bytes.count else { return nil }
                let quote = bytes[v]
                var e = v + 1
                while e < bytes.count, bytes[e] != quote { e += 1 }
                if attributeName.split(separator: ":").last.map(String.init) == name {
                    return String(decoding: bytes[(v + 1)..<min(e, bytes.count)], as: UTF8.self)
                }
                k = e + 1
                nameStart = k
                continue
            }
            k += 1
        }
        return nil
    }
}
