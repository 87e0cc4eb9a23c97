import CXLSX
import Foundation
import TrygEngine

/// One result to write as a sheet of a workbook.
struct WorkbookSheet {
    /// The sheet's name, as Excel accepts it (see `WorkbookSheetName`).
    let name: String
    let table: Table
    /// The cells `suppress below N` made null: written empty, with a note.
    let suppression: Suppression?
}

/// Why a workbook could not be written.
struct WorkbookExportError: Error, Equatable {
    let reason: String
}

/// Writes results as an .xlsx workbook with libxlsxwriter: one sheet per result, a bold frozen
/// header row with an autofilter, column widths, and typed cells (see `WorkbookCell`).
///
/// The workbook is written to a temporary file beside the target and renamed over it only when
/// whole, so a failed write leaves neither a half workbook nor a changed old one.
enum WorkbookExport {
    /// Rows of a sheet, the header's included, and its columns.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// Sheet names for results: the wanted name (a `let` name or `-- sheet:`), else `Resultat N`,
    /// each made acceptable to Excel and unique.
    static func sheetNames(_ wanted: [String?]) -> [String] {
        var taken = Set<String>()
        return wanted.enumerated().map { i, name in
            let fallback = WorkbookSheetName.numbered(i + 1)
            let clean = WorkbookSheetName.sanitised(name ?? fallback, fallback: fallback, taken: taken)
            taken.insert(clean.lowercased())
            return clean
        }
    }

    /// Writes the sheets to `path`, replacing what was there only once the workbook is whole.
    static func write(_ sheets: [WorkbookSheet], to path: String) throws(WorkbookExportError) {
        for sheet in sheets { try checkSize(sheet) }
        if let failure = tryg_xlsx_load() {
            throw WorkbookExportError(reason: "libxlsxwriter cannot be loaded (\(String(cString: failure))); "
                                      + "install libxlsxwriter4 (scripts/setup does), or write csv")
        }
        let temporary = path + ".tryg-partial"
        // Made here first, so a folder that is missing or cannot be written is said plainly
        // (libxlsxwriter would print its own message to standard error).
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkbookExportError(reason: String(cString: strerror(errno))) }
        close(fd)
        // Constant memory: rows go to a temporary file as they are written, not into memory.
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        guard let book = workbook_new_opt(temporary, &options) else {
            unlink(temporary)
            throw WorkbookExportError(reason: "libxlsxwriter could not start a workbook")
        }
        do throws(WorkbookExportError) {
            let styles = WorkbookStyles(book)
            for sheet in sheets { try write(sheet, to: book, styles: styles) }
        } catch {
            _ = workbook_close(book)
            unlink(temporary)
            throw error
        }
        errno = 0
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else {
            let detail = errno != 0 ? " (\(String(cString: strerror(errno))))" : ""
            unlink(temporary)
            throw WorkbookExportError(reason: message(status) + detail)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WorkbookExportError(reason: reason)
        }
    }

    /// A result too large for a sheet is an error before anything is written.
    private static func checkSize(_ sheet: WorkbookSheet) throws(WorkbookExportError) {
        let t = sheet.table
        if t.rowCount > maxRows - 1 {
            throw WorkbookExportError(reason: "sheet '\(sheet.name)' would have \(t.rowCount) rows; a sheet holds at most "
                                      + "\(maxRows - 1) below its header (narrow the query, or write csv)")
        }
        if t.columns.count > maxColumns {
            throw WorkbookExportError(reason: "sheet '\(sheet.name)' would have \(t.columns.count) columns; "
                                      + "a sheet holds at most \(maxColumns)")
        }
    }

    private static func write(_ sheet: WorkbookSheet, to book: UnsafeMutablePointer<lxw_workbook>, styles: WorkbookStyles) throws(WorkbookExportError) {
        guard let ws = workbook_add_worksheet(book, sheet.name) else {
            throw WorkbookExportError(reason: "Excel does not accept '\(sheet.name)' as a sheet name")
        }
        let table = sheet.table
        let formats = table.columns.enumerated().map { c, column in
            WorkbookColumnFormat.of(column, name: table.columnNames[c])
        }
        let cellFormats = formats.map { styles.format($0.numberFormat) }
        for (c, f) in formats.enumerated() {
            try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), f.width, nil), sheet, row: 0, column: c)
        }
        for (c, name) in table.columnNames.enumerated() {
            try writeText(name, ws, sheet, row: 0, column: c, format: styles.header)
        }
        let suppressed = sheet.suppression.map { s in Set(s.cells.map { [$0.row, $0.column] }) } ?? []
        let note = sheet.suppression.map { "suppressed: a count under \($0.threshold), or a cell that would give one away" }
        for r in 0..<table.rowCount {
            let row = lxw_row_t(r + 1)
            var empty = true
            for (c, column) in table.columns.enumerated() {
                if !suppressed.isEmpty, suppressed.contains([r, c]) {
                    if let note { try check(worksheet_write_comment(ws, row, lxw_col_t(c), note), sheet, row: r + 1, column: c) }
                    continue
                }
                if column.isNull(r) { continue }
                let value = column.value(at: r)
                switch formats[c].asText ? .text(value.display) : WorkbookCell(value) {
                case .empty: continue
                case .number(let x):
                    try check(worksheet_write_number(ws, row, lxw_col_t(c), x, cellFormats[c]), sheet, row: r + 1, column: c)
                case .bool(let b):
                    try check(worksheet_write_boolean(ws, row, lxw_col_t(c), b ? 1 : 0, nil), sheet, row: r + 1, column: c)
                case .text(let s):
                    try writeText(s, ws, sheet, row: r + 1, column: c, format: nil)
                    if s.isEmpty { continue }
                }
                empty = false
            }
            // A row of nulls is a row of blank cells, which readers keep, not an empty row they skip.
            if empty, !table.columns.isEmpty {
                try check(worksheet_write_blank(ws, row, 0, styles.blank), sheet, row: r + 1, column: 0)
            }
        }
        worksheet_freeze_panes(ws, 1, 0)
        if !table.columns.isEmpty {
            try check(worksheet_autofilter(ws, 0, 0, lxw_row_t(table.rowCount), lxw_col_t(table.columns.count - 1)),
                      sheet, row: 0, column: 0)
        }
    }

    private static func writeText(_ text: String, _ ws: UnsafeMutablePointer<lxw_worksheet>, _ sheet: WorkbookSheet, row: Int, column: Int,
                                  format: UnsafeMutablePointer<lxw_format>?) throws(WorkbookExportError) {
        guard text.utf16.count <= WorkbookCell.maxTextLength else {
            throw WorkbookExportError(reason: "cell \(reference(row: row, column: column)) of sheet '\(sheet.name)' holds "
                                      + "\(text.utf16.count) characters; a workbook cell holds at most \(WorkbookCell.maxTextLength)")
        }
        try check(worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(column), text, format), sheet, row: row, column: column)
    }

    private static func check(_ status: lxw_error, _ sheet: WorkbookSheet, row: Int, column: Int) throws(WorkbookExportError) {
        guard status != LXW_NO_ERROR else { return }
        throw WorkbookExportError(reason: "cell \(reference(row: row, column: column)) of sheet '\(sheet.name)': \(message(status))")
    }

    private static func message(_ status: lxw_error) -> String {
        lxw_strerror(status).map { String(cString: $0) } ?? "libxlsxwriter error \(status.rawValue)"
    }

    /// `A1`, `B7`, `AA12` for a 0-based row and column.
    static func reference(row: Int, column: Int) -> String {
        var n = column + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(Character(Unicode.Scalar(UInt8(65 + r)))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }
}

/// The formats of one workbook: the bold header, and one per number format, made once each.
private final class WorkbookStyles {
    let book: UnsafeMutablePointer<lxw_workbook>
    let header: UnsafeMutablePointer<lxw_format>?
    /// A format that changes nothing: libxlsxwriter writes a blank cell only with a format.
    let blank: UnsafeMutablePointer<lxw_format>?
    private var byCode: [String: UnsafeMutablePointer<lxw_format>] = [:]

    init(_ book: UnsafeMutablePointer<lxw_workbook>) {
        self.book = book
        header = workbook_add_format(book)
        if let header { format_set_bold(header) }
        blank = workbook_add_format(book)
    }

    func format(_ code: String?) -> UnsafeMutablePointer<lxw_format>? {
        guard let code else { return nil }
        if let f = byCode[code] { return f }
        guard let f = workbook_add_format(book) else { return nil }
        format_set_num_format(f, code)
        byCode[code] = f
        return f
    }
}
