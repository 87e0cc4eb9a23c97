import TrygEngine
/// The parts of a workbook a sheet needs: the sheets and where they are, the shared strings,
/// the cell formats, and the date system.
struct XLSXWorkbook {
    /// A sheet as the workbook lists it.
    struct Sheet: Equatable {
        let name: String
        /// The part that holds its cells, such as `xl/worksheets/sheet1.xml`.
        let part: String
        /// `hidden` or `veryHidden` when not shown in Excel.
        let state: String?
    }

    var sheets: [Sheet] = []
    var sharedStrings: [String] = []
    /// The kind of each cell format (`s` attribute of a cell indexes this).
    var formats: [XLSXFormatKind] = []
    /// Dates count from 1904 (old Mac workbooks).
    var date1904 = false
    let path: String
    /// Raised on Ctrl-C; the parts' readers check it.
    let cancellation: CancellationFlag?

    /// The most shared strings a workbook may hold (each is at least a few bytes of XML).
    static let maxSharedStrings = 50_000_000

    /// Reads the workbook's structure from its parts.
    init(archive: XLSXArchive, cancellation: CancellationFlag? = nil) throws(Diagnostic) {
        path = archive.path
        self.cancellation = cancellation
        guard let workbook = try archive.part("xl/workbook.xml") else {
            throw XLSXArchive.damaged(path, "it has no xl/workbook.xml (is it an .xlsx workbook?)")
        }
        let relations = try archive.part("xl/_rels/workbook.xml.rels").map { bytes throws(Diagnostic) in
            try XLSXWorkbook.relations(bytes, path: path, cancellation: cancellation)
        } ?? [:]
        try readWorkbook(workbook, relations: relations)
        if let strings = try archive.part("xl/sharedStrings.xml") { try readSharedStrings(strings) }
        if let styles = try archive.part("xl/styles.xml") { try readStyles(styles) }
    }

    /// A workbook from its parts' bytes directly (the fuzzer's way in, past the zip layer).
    init(workbook: [UInt8]?, sharedStrings: [UInt8]?, styles: [UInt8]?, path: String) throws(Diagnostic) {
        self.path = path
        cancellation = nil
        if let workbook { try readWorkbook(workbook, relations: [:]) }
        if let sharedStrings { try readSharedStrings(sharedStrings) }
        if let styles { try readStyles(styles) }
    }

    /// The kind of the cell format at `index`; a number when there is no such format.
    func format(_ index: Int) -> XLSXFormatKind {
        index >= 0 && index < formats.count ? formats[index] : .number(decimals: 0)
    }

    // MARK: Parts

    /// `Id` → target part of each relationship, targets resolved against `xl/`.
    private static func relations(_ bytes: [UInt8], path: String,
                                  cancellation: CancellationFlag?) throws(Diagnostic) -> [String: String] {
        let xml = try XMLPullReader(bytes, part: "xl/_rels/workbook.xml.rels", path: path, cancellation: cancellation)
        var targets: [String: String] = [:]
        while try xml.next() {
            guard xml.node == .start, xml.named("Relationship"), let id = xml.attribute("Id"),
                  let target = xml.attribute("Target") else { continue }
            targets[id] = resolve(target)
        }
        return targets
    }

    /// A relationship target as a part name: `/xl/worksheets/sheet1.xml` or `worksheets/sheet1.xml`.
    static func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    private mutating func readWorkbook(_ bytes: [UInt8], relations: [String: String]) throws(Diagnostic) {
        let xml = try XMLPullReader(bytes, part: "xl/workbook.xml", path: path, cancellation: cancellation)
        while try xml.next() {
            guard xml.node == .start else { continue }
            if xml.named("workbookPr") {
                if let v = xml.attribute("date1904") { date1904 = v == "1" || v == "true" }
            } else if xml.named("sheet") {
                let name = (xml.attribute("name") ?? "").precomposedForTrygNFC
                // The relationship id is `r:id`; its local name is `id`.
                let id = xml.attribute("id") ?? ""
                let part = relations[id] ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                sheets.append(Sheet(name: name, part: part, state: xml.attribute("state")))
            }
        }
    }

    /// Each `<si>` is one string: its `<t>` texts joined (rich text has one per run),
    /// leaving out phonetic guides (`<rPh>`).
    private mutating func readSharedStrings(_ bytes: [UInt8]) throws(Diagnostic) {
        let xml = try XMLPullReader(bytes, part: "xl/sharedStrings.xml", path: path, cancellation: cancellation)
        var current = ""
        var inString = false, inText = false, inPhonetic = false
        while try xml.next() {
            switch xml.node {
            case .start:
                if xml.named("si") {
                    current = ""
                    inString = !xml.isEmptyElement
                    if xml.isEmptyElement { try append("") }
                } else if xml.named("rPh") {
                    inPhonetic = !xml.isEmptyElement
                } else if xml.named("t") {
                    inText = !xml.isEmptyElement
                }
            case .end:
                if xml.named("si"), inString {
                    try append(current)
                    inString = false
                } else if xml.named("rPh") {
                    inPhonetic = false
                } else if xml.named("t") {
                    inText = false
                }
            case .text:
                if inString, inText, !inPhonetic { current += xml.text }
            case .other:
                break
            }
        }
    }

    private mutating func append(_ string: String) throws(Diagnostic) {
        guard sharedStrings.count < XLSXWorkbook.maxSharedStrings else {
            throw XLSXArchive.damaged(path, "it has more than \(LoadReport.grouped(XLSXWorkbook.maxSharedStrings)) shared strings")
        }
        sharedStrings.append(XLSXWorkbook.unescape(string).precomposedForTrygNFC)
    }

    /// Number formats by id, then the cell formats (`cellXfs`) that point at them.
    private mutating func readStyles(_ bytes: [UInt8]) throws(Diagnostic) {
        let xml = try XMLPullReader(bytes, part: "xl/styles.xml", path: path, cancellation: cancellation)
        var custom: [Int: XLSXFormatKind] = [:]
        var inCellFormats = false
        while try xml.next() {
            switch xml.node {
            case .start:
                if xml.named("numFmt"), let id = xml.attribute("numFmtId").flatMap({ Int($0) }) {
                    custom[id] = XLSXFormatKind.custom(xml.attribute("formatCode") ?? "")
                } else if xml.named("cellXfs") {
                    inCellFormats = !xml.isEmptyElement
                } else if inCellFormats, xml.named("xf") {
                    guard formats.count < 1 << 20 else { throw XLSXArchive.damaged(path, "it has too many cell formats") }
                    let id = xml.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    formats.append(custom[id] ?? XLSXFormatKind.builtIn(id))
                }
            case .end:
                if xml.named("cellXfs") { inCellFormats = false }
            case .text, .other:
                break
            }
        }
    }

    /// Undoes Excel's `_xHHHH_` escapes for characters XML cannot hold (`_x000D_` is a CR).
    static func unescape(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
