import Foundation
import FuzzReplay
@_spi(Fuzzing) import TrygImport
import TrygEngine

/// libFuzzer target for the XLSX reader. An input that starts like a zip archive (`PK`) is
/// loaded as a workbook, through libzip; any other is taken as a workbook's XML parts —
/// the sheet, then shared strings, styles and the workbook part, separated by NUL bytes —
/// and loaded past the zip layer, which a mutated archive seldom gets through. Errors are
/// fine; a trap, a hang or a table whose columns disagree in length is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func xlsxFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    XLSXFuzz.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

#if !TRYG_FUZZ
@main
struct XLSXFuzzReplay {
    static func main() {
        exit(FuzzReplay.main(Array(CommandLine.arguments.dropFirst()), name: "fuzz-xlsx") { XLSXFuzz.run($0) })
    }
}
#endif

enum XLSXFuzz {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let options = ImportOptions(header: bytes.count % 3 == 1 ? false : nil, scales: DomainContext.standard.scales)
        do {
            if bytes.count >= 2, bytes[0] == 0x50, bytes[1] == 0x4B {
                let raw = UnsafeRawBufferPointer(bytes)
                _ = try XLSXReader.sheets(bytes: raw, path: "fuzz.xlsx")
                check(try XLSXReader.load(bytes: raw, path: "fuzz.xlsx", tableName: "fuzz", options: options))
            } else {
                let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Array($0) }
                func part(_ i: Int) -> [UInt8]? { i < parts.count ? parts[i] : nil }
                check(try XLSXReader.load(sheet: part(0) ?? [], sharedStrings: part(1), styles: part(2), workbook: part(3),
                                          path: "fuzz.xlsx", options: options))
            }
        } catch {
            precondition(error.file?.path == "fuzz.xlsx", "an error without the file's name")
            _ = error.description
        }
    }

    static func check(_ load: TableLoad) {
        let table = load.table
        precondition(table.rowCount == load.rowsLoaded, "row count")
        precondition(table.columns.allSatisfy { $0.count == load.rowsLoaded }, "a column of another length")
        precondition(load.rowsRejected == (load.rejects?.rowCount ?? 0), "rejected count")
        precondition(Set(table.columnNames.map { $0.lowercased() }).count == table.columnNames.count, "duplicate names")
        for column in table.columns {
            for row in 0..<min(table.rowCount, 32) { _ = column.value(at: row).display }
        }
        _ = load.reportText(name: "fuzz")
    }
}
