import TrygEngine
/// One cell as the sheet stores it, before its column's type is known.
enum XLSXCell {
    /// A number and the index of its cell format (which may make it a date).
    case number(Double, format: Int)
    /// An index into the shared strings.
    case shared(Int)
    /// An inline string or a formula's text result.
    case text(String)
    case bool(Bool)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)
}

/// A row of a sheet: its 1-based number and its non-empty cells by 0-based column.
struct XLSXRow {
    let number: Int
    var cells: [(column: Int, cell: XLSXCell)]
    /// Whether the row holds cells without a value (blank cells with a format, as Excel and
    /// libxlsxwriter write them): a row of only those inside the data is a row of nulls.
    var hasBlankCells = false
    /// Whether the row lies inside the sheet's autofilter range, which marks the extent of a table.
    var inAutoFilter = false
    /// Columns of cells holding a formula without its result saved (a workbook written by a
    /// program that does not calculate, such as openpyxl): read as blank, and warned of.
    var unsavedFormulas: [Int] = []
}

/// Reads a worksheet part (`<sheetData><row><c r="B2" t="s" s="3"><v>…</v></c>`) into rows.
struct XLSXSheetReader {
    let path: String
    let cancellation: CancellationFlag?

    /// Excel's own limits on rows; columns are `LoadLimits.columns`.
    static let maxRow = 1_048_576
    /// The most cells a sheet may hold: beyond this the table would not fit in memory.
    static let maxCells = 50_000_000

    /// The rows of the worksheet part `part` (of the sheet named `sheet`, for messages).
    func read(_ bytes: [UInt8], part: String, sheet: String? = nil) throws(Diagnostic) -> [XLSXRow] {
        let xml = try XMLPullReader(bytes, part: part, path: path, sheet: sheet, cancellation: cancellation)
        var rows: [XLSXRow] = []
        var row: XLSXRow?
        var cells = 0
        var nextColumn = 0
        // The cell being read.
        var reference: (column: Int, row: Int?)?
        var type = "n"
        var format = 0
        var value: [UInt8] = []
        var hasValue = false, hasFormula = false
        var inValue = false, inInline = false, inText = false
        var inline = ""

        while try xml.next() {
            switch xml.node {
            case .start:
                if xml.named("row") {
                    let number = try xml.attribute("r").map { r throws(Diagnostic) in try rowNumber(r, part) }
                        ?? ((rows.last?.number ?? 0) + 1)
                    if rows.count & 4095 == 0, cancellation?.isRaised == true {
                        throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: path))
                    }
                    row = XLSXRow(number: number, cells: [])
                    nextColumn = 0
                    if xml.isEmptyElement, let r = row {
                        rows.append(r)
                        row = nil
                    }
                } else if xml.named("c") {
                    type = "n"
                    format = 0
                    reference = nil
                    value.removeAll(keepingCapacity: true)
                    hasValue = false
                    hasFormula = false
                    inline = ""
                    var badReference: String?
                    xml.forEachAttribute { name, v in
                        if XMLPullReader.equal(name, "r") {
                            reference = XLSXSheetReader.cellReference(v)
                            if reference == nil { badReference = String(cString: v) }
                        } else if XMLPullReader.equal(name, "t") {
                            type = String(cString: v)
                        } else if XMLPullReader.equal(name, "s") {
                            format = Int(String(cString: v)) ?? 0
                        }
                    }
                    if let badReference {
                        throw XLSXArchive.damaged(path, "cell reference '\(badReference.prefix(20))' in \(part) is not one Excel can have")
                    }
                    if xml.isEmptyElement {
                        nextColumn = (reference?.column ?? nextColumn) + 1
                        row?.hasBlankCells = true
                    }
                } else if xml.named("autoFilter"), let ref = xml.attribute("ref"),
                          let end = ref.split(separator: ":").last.flatMap({ XLSXSheetReader.cellReference(String($0)) })?.row {
                    for i in rows.indices where rows[i].number <= end { rows[i].inAutoFilter = true }
                } else if xml.named("f") {
                    hasFormula = true
                } else if xml.named("v") {
                    inValue = !xml.isEmptyElement
                    hasValue = true
                } else if xml.named("is") {
                    inInline = !xml.isEmptyElement
                    hasValue = true
                } else if xml.named("t"), inInline {
                    inText = !xml.isEmptyElement
                }
            case .text:
                if inValue {
                    xml.withTextBytes { value.append(contentsOf: $0) }
                    guard value.count <= LoadLimits.fieldBytes else {
                        throw Diagnostic(.error, "a cell in \(part) holds more than \(LoadReport.grouped(LoadLimits.fieldBytes)) bytes",
                                         file: FilePosition(path: path))
                    }
                } else if inText {
                    inline += xml.text
                }
            case .end:
                if xml.named("v") {
                    inValue = false
                } else if xml.named("t") {
                    inText = false
                } else if xml.named("is") {
                    inInline = false
                } else if xml.named("c") {
                    let column = reference?.column ?? nextColumn
                    nextColumn = column + 1
                    guard column < LoadLimits.columns else {
                        throw Diagnostic(.error, "\(part) has a cell beyond column XFD, Excel's last",
                                         file: FilePosition(path: path))
                    }
                    if hasValue, let cell = try cellValue(type: type, format: format, value: value, inline: inline, part: part) {
                        cells += 1
                        guard cells <= XLSXSheetReader.maxCells else {
                            throw Diagnostic(.error, "the sheet has more than \(LoadReport.grouped(XLSXSheetReader.maxCells)) cells",
                                             file: FilePosition(path: path))
                        }
                        row?.cells.append((column, cell))
                    } else {
                        row?.hasBlankCells = true
                        if hasFormula, !hasValue || value.isEmpty { row?.unsavedFormulas.append(column) }
                    }
                } else if xml.named("row"), let r = row {
                    rows.append(r)
                    row = nil
                }
            case .other:
                break
            }
        }
        return rows
    }

    private func cellValue(type: String, format: Int, value: [UInt8], inline: String,
                           part: String) throws(Diagnostic) -> XLSXCell? {
        let text = { String(decoding: value, as: UTF8.self) }
        switch type {
        case "s":
            guard let index = Int(text()), index >= 0 else {
                throw XLSXArchive.damaged(path, "a shared string index in \(part) is not a number")
            }
            return .shared(index)
        case "str": return .text(XLSXWorkbook.unescape(text()).precomposedForTrygNFC)
        case "inlineStr": return .text(XLSXWorkbook.unescape(inline).precomposedForTrygNFC)
        case "b": return .bool(text() == "1" || text().lowercased() == "true")
        case "e": return .error(text())
        case "d": return value.isEmpty ? nil : .text(text())
        default:
            guard !value.isEmpty else { return nil }
            let number = value.withUnsafeBufferPointer { CSVValueParser.decimal($0) } ?? Double(text()).flatMap { $0.isFinite ? $0 : nil }
            guard let number else {
                throw XLSXArchive.damaged(path, "a number cell in \(part) holds '\(text().prefix(40))'")
            }
            return .number(number, format: format)
        }
    }

    private func rowNumber(_ r: String, _ part: String) throws(Diagnostic) -> Int {
        guard let n = Int(r), n >= 1, n <= XLSXSheetReader.maxRow else {
            throw XLSXArchive.damaged(path, "row number '\(r.prefix(20))' in \(part) is not one Excel can have")
        }
        return n
    }

    /// `B12` as (1, 12); nil when it is not a cell reference within Excel's limits.
    static func cellReference(_ text: String) -> (column: Int, row: Int?)? {
        let bytes = Array(text.utf8.prefix(16)) + [0]
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { cellReference($0) } }
    }

    /// `B12` as (1, 12); nil when it is not a cell reference within Excel's limits.
    static func cellReference(_ p: UnsafePointer<UInt8>) -> (column: Int, row: Int?)? {
        var i = 0, column = 0, row = 0, letters = 0, digits = 0
        while p[i] != 0 {
            let c = p[i] | 0x20
            guard c >= UInt8(ascii: "a"), c <= UInt8(ascii: "z"), digits == 0 else { break }
            column = column * 26 + Int(c - UInt8(ascii: "a")) + 1
            letters += 1
            guard letters <= 3 else { return nil }
            i += 1
        }
        while p[i] != 0 {
            let d = p[i] &- UInt8(ascii: "0")
            guard d < 10, digits < 7 else { return nil }
            row = row * 10 + Int(d)
            digits += 1
            i += 1
        }
        guard letters > 0, column <= LoadLimits.columns, digits == 0 || (row >= 1 && row <= maxRow) else { return nil }
        return (column - 1, digits > 0 ? row : nil)
    }
}
