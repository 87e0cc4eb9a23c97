import TrygDomain
import TrygEngine

/// A sheet of a workbook, as `.sheets` lists it.
public struct XLSXSheetInfo: Sendable, Equatable {
    public let name: String
    /// Rows that hold at least one cell.
    public let rows: Int
    /// The widest row's last column.
    public let columns: Int
    /// `hidden` or `veryHidden` for a sheet Excel does not show; nil for a visible one.
    public let state: String?
}

/// Loads a sheet of an .xlsx workbook (Office Open XML) into a table.
///
/// The workbook is a zip archive (read with libzip) of XML parts (read with libxml2): the
/// sheets, their shared strings, and the cell formats. A number whose format is a date
/// becomes a date, or a timestamp when the format or the value has a time of day; a time
/// of day alone becomes text such as `14:05`. Booleans, empty cells (null) and inline and
/// formula strings are read as they are; a text cell that spells a number, date or
/// boolean counts as one, as in a CSV file. Column types follow the CSV rule (the type
/// nearly all values have), and a row with a value that does not fit its column's type —
/// or an error cell such as `#DIV/0!` — goes to the rejects with the cell and the reason.
public enum XLSXReader {
    /// Loads a sheet of the workbook at `path`.
    public static func load(path: String, tableName: String, options: ImportOptions = .init()) throws(Diagnostic) -> TableLoad {
        let file = try CSVMappedFile(path: path, cancellation: options.cancellation)
        return try file.withBytes { bytes throws(Diagnostic) in
            try load(bytes: bytes, path: path, tableName: tableName, options: options)
        }
    }

    /// Loads a sheet of a workbook's bytes; `path` names it in messages and in the rejects.
    public static func load(bytes: UnsafeRawBufferPointer, path: String, tableName: String,
                            options: ImportOptions = .init()) throws(Diagnostic) -> TableLoad {
        let archive = try XLSXArchive(bytes: bytes, path: path)
        let workbook = try XLSXWorkbook(archive: archive, cancellation: options.cancellation)
        let (sheet, finding) = try choose(workbook, options.sheet)
        guard let part = try archive.part(sheet.part) else {
            throw XLSXArchive.damaged(path, "sheet '\(sheet.name)' has no part \(sheet.part)")
        }
        let rows = try XLSXSheetReader(path: path, cancellation: options.cancellation).read(part, part: sheet.part, sheet: sheet.name)
        var findings = [finding]
        if workbook.date1904 {
            findings.append(LoadReport.Finding(part: "dates", value: "1904 system", given: false, evidence: "workbook setting"))
        }
        return try XLSXTableBuilder(workbook: workbook, options: options, tableName: tableName, sheetName: sheet.name)
            .build(rows, findings: findings)
    }

    /// The sheets of the workbook at `path`, with their sizes.
    public static func sheets(path: String) throws(Diagnostic) -> [XLSXSheetInfo] {
        let file = try CSVMappedFile(path: path)
        return try file.withBytes { bytes throws(Diagnostic) in try sheets(bytes: bytes, path: path) }
    }

    /// The sheets of a workbook's bytes, with their sizes.
    public static func sheets(bytes: UnsafeRawBufferPointer, path: String) throws(Diagnostic) -> [XLSXSheetInfo] {
        let archive = try XLSXArchive(bytes: bytes, path: path)
        let workbook = try XLSXWorkbook(archive: archive)
        let reader = XLSXSheetReader(path: path, cancellation: nil)
        var infos: [XLSXSheetInfo] = []
        for sheet in workbook.sheets {
            let rows = try archive.part(sheet.part).map { part throws(Diagnostic) in try reader.read(part, part: sheet.part, sheet: sheet.name) } ?? []
            let filled = rows.filter { !$0.cells.isEmpty }
            let columns = filled.map { ($0.cells.map(\.column).max() ?? -1) + 1 }.max() ?? 0
            infos.append(XLSXSheetInfo(name: sheet.name, rows: filled.count, columns: columns, state: sheet.state))
        }
        return infos
    }

    /// Loads a sheet from a workbook's parts, past the zip layer: the fuzzer's way in to the
    /// XML readers (a mutated zip rarely gets past its checksums).
    @_spi(Fuzzing)
    public static func load(sheet: [UInt8], sharedStrings: [UInt8]?, styles: [UInt8]?, workbook: [UInt8]?,
                            path: String, options: ImportOptions = .init()) throws(Diagnostic) -> TableLoad {
        let book = try XLSXWorkbook(workbook: workbook, sharedStrings: sharedStrings, styles: styles, path: path)
        let rows = try XLSXSheetReader(path: path, cancellation: nil).read(sheet, part: "xl/worksheets/sheet1.xml")
        return try XLSXTableBuilder(workbook: book, options: options, tableName: "fuzz", sheetName: "fuzz")
            .build(rows, findings: [])
    }

    /// The sheet to load and the report's finding: the one named, or the first visible.
    private static func choose(_ workbook: XLSXWorkbook, _ name: String?) throws(Diagnostic)
        -> (XLSXWorkbook.Sheet, LoadReport.Finding) {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        let visible = workbook.sheets.filter { $0.state == nil || $0.state == "visible" }
        // A sheet's place among the visible sheets, as a person counts the tabs.
        func place(_ sheet: XLSXWorkbook.Sheet) -> String {
            guard let k = visible.firstIndex(where: { $0.name == sheet.name }) else { return "hidden" }
            return "sheet \(k + 1) of \(visible.count) visible"
        }
        if let name {
            let wanted = name.precomposedForTrygNFC.lowercased()
            guard let sheet = workbook.sheets.first(where: { $0.name.lowercased() == wanted }) else {
                let hint = Suggest.nearest(name, in: workbook.sheets.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                throw Diagnostic(.error, "the workbook has no sheet '\(name)'\(hint)",
                                 notes: ["note: its sheets are \(names)"], file: FilePosition(path: workbook.path))
            }
            return (sheet, LoadReport.Finding(part: "sheet", value: "'\(sheet.name)', \(place(sheet))", given: true))
        }
        guard let sheet = workbook.sheets.first(where: { $0.state == nil || $0.state == "visible" }) ?? workbook.sheets.first else {
            throw XLSXArchive.damaged(workbook.path, "it lists no sheets")
        }
        let hidden = workbook.sheets.filter { $0.state != nil && $0.state != "visible" }.map { "'\($0.name)'" }
        let shown = visible.map { "'\($0.name)'" }.joined(separator: ", ")
        let evidence = workbook.sheets.count == 1 ? "the only sheet"
            : visible.count <= 1 && hidden.isEmpty ? "the first of \(workbook.sheets.count): \(names)"
            : "sheet 1 of \(visible.count) visible: \(shown)"
                + (hidden.isEmpty ? "" : "; hidden: \(hidden.joined(separator: ", "))")
        return (sheet, LoadReport.Finding(part: "sheet", value: "'\(sheet.name)'", given: false, evidence: evidence))
    }
}
