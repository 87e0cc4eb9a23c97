import Foundation
import FuzzReplay
import TrygDomain
@_spi(Chunking) import TrygImport
import TrygEngine

/// libFuzzer target for the CSV reader: bytes → sniff, decode and load. Errors are fine; a
/// trap, a hang, a table whose columns disagree in length, or a load that comes out
/// differently when the file is read in three chunks at once is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    CSVFuzz.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

#if !TRYG_FUZZ
@main
struct CSVFuzzReplay {
    static func main() {
        exit(FuzzReplay.main(Array(CommandLine.arguments.dropFirst()), name: "fuzz-csv") { CSVFuzz.run($0) })
    }
}
#endif

enum CSVFuzz {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeRawBufferPointer(bytes)
        // The input's length picks one of a few sets of given options, so that each part of
        // the format is exercised both sniffed and given.
        var options = ImportOptions(scales: DomainContext.standard.scales)
        switch bytes.count % 7 {
        case 1: options.delimiter = UInt8(ascii: ";")
        case 2:
            options.quoting = false
            options.header = false
        case 3:
            options.decimalComma = true
            options.thousands = ThousandsSeparator.none
        case 4: options.encoding = .windows1252
        case 5:
            // Declared types: the checks that reject rows rather than widen.
            options.header = false
            options.types = ["column_1": .int, "column_2": .date]
        case 6:
            options.header = false
            options.types = ["column_1": .halfYear, "column_2": .category(SurveyScale.safety)]
        default: break
        }
        let whole = outcome(raw, options)
        options.chunks = 3
        let chunked = outcome(raw, options)
        precondition(whole == chunked, "read in chunks, the file loads differently:\n\(whole)\n---\n\(chunked)")
    }

    /// Everything a load produced, as text, after checking that it hangs together.
    static func outcome(_ raw: UnsafeRawBufferPointer, _ options: ImportOptions) -> String {
        do {
            let load = try CSVReader.load(bytes: raw, path: "fuzz.csv", tableName: "fuzz", options: options)
            let table = load.table
            precondition(table.rowCount == load.rowsLoaded, "row count")
            precondition(table.columns.allSatisfy { $0.count == load.rowsLoaded }, "a column of another length")
            precondition(load.rowsRejected == (load.rejects?.rowCount ?? 0), "rejected count")
            precondition(load.report.misfits.count == table.columns.count, "misfits per column")
            precondition(Set(table.columnNames.map { $0.lowercased() }).count == table.columnNames.count, "duplicate names")
            return "\(table.columnNames) \(table.columns.map(\.type)) \(table.rows) \(load.rejects?.rows ?? [])\n"
                + load.reportText(name: "fuzz") + load.report.warnings.map(\.description).joined(separator: "\n")
        } catch {
            precondition(error.file?.path == "fuzz.csv", "an error without the file's name")
            return error.description
        }
    }
}
