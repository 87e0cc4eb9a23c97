import Foundation
import TrygEngine

/// Loads CSV files into a catalog: one file for `.import`, every `*.csv` of a folder for `--data`.
public enum DataLoader {
    /// Loads one file as a table, with its rejected rows (if any) as `NAME_rejects`.
    @discardableResult
    public static func load(path: String, tableName: String, into catalog: Catalog,
                            domain: DomainContext = .standard) throws(Diagnostic) -> CSVLoad {
        // Columns named like a domain scale (`safety`) load as that ordered category.
        let load = try CSVReader.load(path: path, tableName: tableName, options: CSVOptions(scales: domain.scales))
        catalog.register(load.table)
        if let rejects = load.rejects, load.rowsRejected > 0 {
            catalog.register(rejects.renamed(rejectsName(tableName)))
        }
        return load
    }

    /// Loads every `*.csv` in a folder, in name order; the file name (without `.csv`) names the table.
    public static func loadDirectory(_ directory: String, into catalog: Catalog) throws(Diagnostic) -> [(name: String, load: CSVLoad)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Diagnostic(.error, "cannot read the folder '\(directory)'", file: FilePosition(path: directory))
        }
        var loads: [(String, CSVLoad)] = []
        for file in entries.filter({ $0.lowercased().hasSuffix(".csv") }).sorted() {
            let name = tableName(forFile: file)
            let path = (directory as NSString).appendingPathComponent(file)
            loads.append((name, try load(path: path, tableName: name, into: catalog)))
        }
        return loads
    }

    /// The table name for a file: its base name without the extension.
    public static func tableName(forFile path: String) -> String {
        let base = (path as NSString).lastPathComponent
        let ext = (base as NSString).pathExtension
        return ext.isEmpty ? base : String(base.dropLast(ext.count + 1))
    }

    static func rejectsName(_ table: String) -> String { table + "_rejects" }

    /// One line saying what a load did, for the person at the shell.
    public static func summary(_ load: CSVLoad, name: String) -> String {
        var s = "\(name): \(load.rowsLoaded) \(load.rowsLoaded == 1 ? "row" : "rows")"
        if load.rowsRejected > 0 {
            s += ", \(load.rowsRejected) rejected (see \(rejectsName(name)))"
        }
        return s
    }
}
