import Foundation
import TrygEngine
import TrygImport

/// Loads files into a catalog: one file for `.import`, every data file of a folder for `--data`.
/// A CSV file loads through the CSV reader, an `.xlsx` workbook through the XLSX reader.
public enum DataLoader {
    /// File extensions `--data` loads from a folder.
    public static let extensions = ["csv", "tsv", "xlsx"]

    /// Loads one file as a table, with its rejected rows (if any) as `NAME_rejects`.
    ///
    /// The catalog changes only when the load succeeds: a load that fails or is cancelled
    /// leaves it as it was. A table loaded again without rejects drops its old rejects table.
    @discardableResult
    public static func load(path: String, tableName: String, into catalog: Catalog, options: ImportOptions = ImportOptions(),
                            domain: DomainContext = .standard, cancellation: CancellationFlag? = nil) throws(Diagnostic) -> TableLoad {
        var load: TableLoad
        if isWorkbook(path) {
            if let option = options.csvOnlyOptions.first {
                throw Diagnostic(.error, "\(option) is for CSV files; a workbook's cells carry their own format",
                                 file: FilePosition(path: path))
            }
            load = try XLSXReader.load(path: path, tableName: tableName, options: with(options, domain, cancellation))
        } else {
            if options.sheet != nil {
                throw Diagnostic(.error, "sheet is for .xlsx workbooks; this file is read as CSV", file: FilePosition(path: path))
            }
            load = try CSVReader.load(path: path, tableName: tableName, options: with(options, domain, cancellation))
        }
        if let note = calendarNote(load.table) { load.report.notes.append(note) }
        load.report.notes += LoadChecks.notes(load.table)
        catalog.register(load.table)
        let rejectsName = TableLoad.rejectsName(tableName)
        if let rejects = load.rejects, load.rowsRejected > 0 {
            catalog.register(rejects.renamed(rejectsName))
        } else if catalog.table(rejectsName) != nil {
            catalog.remove(rejectsName)
        }
        return load
    }

    /// The options with the domain's scales (columns named like a scale load as that ordered
    /// category) and the cancellation flag (when given; else the options' own).
    private static func with(_ options: ImportOptions, _ domain: DomainContext,
                             _ cancellation: CancellationFlag?) -> ImportOptions {
        var options = options
        options.scales = domain.scales
        if let cancellation { options.cancellation = cancellation }
        return options
    }

    /// For a table of two date or timestamp columns or more, which one its calendar columns
    /// (`halfyear`, `year` …) come from (the first timestamp, else the first date), and how to
    /// ask for another's; nil otherwise.
    static func calendarNote(_ table: Table) -> String? {
        let dated = table.columnNames.indices.filter { [.date, .timestamp].contains(table.columns[$0].type) }.map { table.columnNames[$0] }
        let derived = table.derivedColumns.filter { dated.contains($0.source) }
        guard dated.count >= 2, let source = derived.first?.source, let other = dated.first(where: { $0 != source }) else { return nil }
        let names = derived.map(\.name)
        let listed = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.joined()
        return "\(listed) come from \(source), one of \(dated.count) date columns; for \(other), write halfyear(\(other)), year(\(other)) …"
    }

    /// True for a path that names an .xlsx workbook (or .xlsm, the same with macros).
    public static func isWorkbook(_ path: String) -> Bool {
        ["xlsx", "xlsm"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Loads every data file (`*.csv`, `*.tsv`, `*.xlsx`, the first sheet of each) in a folder,
    /// in name order; the file name without its extension names the table. A file that cannot
    /// be loaded leaves the others loading: its error is in `failures` (and the table is not
    /// made). A cancelled load stops the whole folder, by throwing.
    public static func loadDirectory(_ directory: String, into catalog: Catalog, options: ImportOptions = ImportOptions(),
                                     failures: inout [Diagnostic]) throws(Diagnostic) -> [(name: String, load: TableLoad)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Diagnostic(.error, "cannot read the folder '\(directory)'", file: FilePosition(path: directory))
        }
        var loads: [(String, TableLoad)] = []
        // Two files may make one name (`a-b.csv` and `a_b.csv`, or `x.csv` and `x.xlsx`): a file
        // named so already (`a_b.csv`) keeps it, else the earlier in name order; the other takes
        // `_2` (`_3` …), and its note says why.
        let files = entries.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        var taken = Set<String>()
        var names: [String: String] = [:]
        let named = files.filter { baseName($0).precomposedForTrygNFC == tableName(forFile: $0) }
        for file in named + files.filter({ !named.contains($0) }) {
            let plain = tableName(forFile: file)
            var name = plain
            var k = 2
            while taken.contains(name) {
                name = "\(plain)_\(k)"
                k += 1
            }
            taken.insert(name)
            names[file] = name
        }
        for file in files {
            let name = names[file] ?? tableName(forFile: file)
            let path = (directory as NSString).appendingPathComponent(file)
            // A folder may mix CSV files and workbooks: each takes the options that apply to it.
            let applicable = isWorkbook(path) ? options.forWorkbook : options.forCSV
            do throws(Diagnostic) {
                loads.append((name, try load(path: path, tableName: name, into: catalog, options: applicable)))
            } catch {
                if error.code == .cancelled { throw error }
                failures.append(error)
            }
        }
        return loads
    }

    /// `loadDirectory` for a folder that must load whole: the first file that cannot be loaded
    /// is thrown (after the others have loaded).
    public static func loadDirectory(_ directory: String, into catalog: Catalog,
                                     options: ImportOptions = ImportOptions()) throws(Diagnostic) -> [(name: String, load: TableLoad)] {
        var failures: [Diagnostic] = []
        let loads = try loadDirectory(directory, into: catalog, options: options, failures: &failures)
        if let first = failures.first { throw first }
        return loads
    }

    /// The table name for a file: its base name without the extension, made a plain
    /// identifier (`mine data-2025.csv` is `mine_data_2025`) so it never needs back-quotes.
    public static func tableName(forFile path: String) -> String {
        identifier(baseName(path))
    }

    /// The file's name without its folder and extension.
    public static func baseName(_ path: String) -> String {
        let base = (path as NSString).lastPathComponent
        let ext = (base as NSString).pathExtension
        return ext.isEmpty ? base : String(base.dropLast(ext.count + 1))
    }

    /// The note when a table's name is not its file's name as written; nil when it is.
    public static func nameNote(table name: String, path: String) -> String? {
        let base = baseName(path).precomposedForTrygNFC
        guard base != name else { return nil }
        let plain = tableName(forFile: path)
        if plain != name {
            return "  note: the table is named \(name) (another file of the folder is named \(plain) too; `.import FILE as NAME` picks another)"
        }
        return "  note: the table is named \(name) (the file name '\(base)' is not a plain name; `.import FILE as NAME` picks another)"
    }

    /// Text made a plain identifier: letters, digits and `_` kept, every other run of
    /// characters one `_`, none at the ends; one that would start with a digit starts with `t_`.
    public static func identifier(_ text: String) -> String {
        var out = ""
        for c in text.precomposedForTrygNFC {
            if c.isLetter || c.isNumber || c == "_" {
                out.append(c)
            } else if !out.isEmpty && out.last != "_" {
                out.append("_")
            }
        }
        while out.last == "_" { out.removeLast() }
        if out.isEmpty { return "data" }
        if out.first?.isNumber == true { out = "t_" + out }
        let scan = Lexer.scan(out)
        let plain = scan.tokens.count == 1 && scan.tokens[0].kind == .word(out) && scan.openQuote == nil
        return plain ? out : "data_" + String(out.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) })
    }

    /// One line saying what a load did: `incidents: 12,345 rows loaded, 3 rejected — see incidents_rejects`.
    public static func summary(_ load: TableLoad, name: String) -> String {
        load.summary(name: name)
    }
}
