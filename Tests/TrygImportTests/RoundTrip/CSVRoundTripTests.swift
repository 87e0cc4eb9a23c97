import Foundation
import Testing
@testable import TrygImport
@testable import TrygEngine

/// Random typed tables written in random dialects load, with no options, to the table they
/// were made from: every name, type and cell, and exactly the rows that cannot be read in the
/// rejects. A failure names its seed; replay one with `TRYG_ROUNDTRIP_SEED=N swift test
/// --filter CSVRoundTripTests`, and `scripts/fuzz SECONDS roundtrip` runs fresh seeds.
@Suite struct CSVRoundTripTests {
    static let seeds: [UInt64] = {
        let env = ProcessInfo.processInfo.environment
        let first = env["TRYG_ROUNDTRIP_SEED"].flatMap { UInt64($0) } ?? 0
        let count = env["TRYG_ROUNDTRIP_CASES"].flatMap { Int($0) } ?? 400
        return (0..<UInt64(count)).map { first &+ $0 }
    }()

    @Test func writtenTablesLoadBackCellByCell() {
        var failures = 0
        for seed in CSVRoundTripTests.seeds where failures < 5 {
            if let problem = CSVRoundTripTests.check(seed: seed) {
                failures += 1
                Issue.record(Comment(rawValue: problem))
            }
        }
    }

    /// Nil when the seed's table loads back as written, else what differed and the file.
    static func check(seed: UInt64) -> String? {
        var rng = SeededGenerator(state: seed)
        let table = RandomTypedTable(using: &rng)
        let oneTextColumn = table.kinds.count == 1 && table.kinds[0].typeName == "text"
        let dialect = RandomDialect(allowsTitles: !oneTextColumn && table.rows.count >= 3, using: &rng)
        let file = RoundTripFile(table: table, dialect: dialect, using: &rng)
        func problem(_ what: String) -> String {
            // TRYG_ROUNDTRIP_DUMP=DIR keeps each failing file, to load with tryg itself.
            if let dir = ProcessInfo.processInfo.environment["TRYG_ROUNDTRIP_DUMP"] {
                FileManager.default.createFile(atPath: dir + "/roundtrip-\(seed).csv", contents: Data(dialect.encode(file.text)))
            }
            return "seed \(seed): \(what)\n  dialect: \(dialect)\n  file:\n" + String(file.text.prefix(3000))
        }
        let load: CSVLoad
        do {
            load = try CSVReader.load(bytes: dialect.encode(file.text), path: "roundtrip.csv", tableName: "t")
        } catch {
            return problem("load failed: \(error.description)")
        }
        guard load.table.columnNames == table.names else {
            return problem("columns \(load.table.columnNames), expected \(table.names)")
        }
        guard load.rowsLoaded == file.loaded.count else {
            return problem("\(load.rowsLoaded) rows loaded, expected \(file.loaded.count); "
                           + "rejects: \(load.rejects?.rows.map { $0.map(\.display) } ?? [])")
        }
        let rejected = load.rejects?.rows.map { $0[2].display } ?? []
        guard rejected.count == file.rejectedCount, rejected.allSatisfy({ $0.contains(RoundTripFile.extra) }) else {
            return problem("rejected \(rejected), expected \(file.rejectedCount) rows holding '\(RoundTripFile.extra)'")
        }
        for (c, name) in table.names.enumerated() {
            guard let column = load.table.column(name) else { return problem("no column \(name)") }
            let expectedCells = file.loaded.map { $0[c] }
            // Codes are text when a value kept has a leading zero, and ints when none has.
            let codes = expectedCells.contains { $0.map { $0.shown.count > 1 && $0.shown.hasPrefix("0") } == true }
            let type = table.kinds[c] == .code && !codes ? "int" : table.kinds[c].typeName
            if expectedCells.contains(where: { $0 != nil }), column.type.description != type {
                return problem("\(name) (\(table.kinds[c])) loaded as \(column.type), expected \(type)")
            }
            for (r, cell) in expectedCells.enumerated() {
                let shown = column.value(at: r).display
                guard shown == (cell?.shown ?? "") else {
                    return problem("\(name) row \(r + 1) is '\(shown)', expected '\(cell?.shown ?? "null")'")
                }
            }
        }
        return nil
    }
}

/// A table written out in a dialect, with a few rows made ragged the ways people's files
/// are: fields missing at the end (those values load as null) or one field too many (the
/// row is rejected and kept).
struct RoundTripFile {
    static let extra = "ekstra"
    var text = ""
    /// The rows that must load, as they must load.
    var loaded: [[RandomTypedTable.Cell?]] = []
    var rejectedCount = 0

    init(table: RandomTypedTable, dialect: RandomDialect, using rng: inout SeededGenerator) {
        let d = String(dialect.delimiter)
        for title in dialect.titleLines { text += title + dialect.lineEnd }
        text += table.names.map { dialect.quote($0, isText: true) }.joined(separator: d) + dialect.lineEnd
        let width = table.names.count
        for (r, var row) in table.rows.enumerated() {
            // Title lines are told from the header by the rows below it: with titles, the
            // body starts with three whole rows.
            let whole = !dialect.titleLines.isEmpty && r < 3
            if whole {
                for c in row.indices where row[c] == nil {
                    row[c] = RandomTypedTable.cell(table.kinds[c], scale: table.scales[c], dateStyle: table.dateStyles[c],
                                                   using: &rng)
                }
                loaded.append(row)
            }
            var fields = row.indices.map { c -> String in
                // A missing value in a column of numbers, dates or booleans is sometimes written
                // as a marker; in text a marker would be a value.
                guard let cell = row[c] else {
                    if table.kinds[c].typeName == "text" { return "" }
                    return ["", "", "NULL", "-", "N/A", "NA"].randomElement(using: &rng) ?? ""
                }
                if let number = cell.number { return dialect.quote(dialect.write(number, grouped: table.kinds[c] != .int), isText: false) }
                return dialect.quote(cell.text, isText: table.kinds[c] == .text, oneColumn: width == 1)
            }
            var kept = row
            let roll = whole ? 99 : Int.random(in: 0..<25, using: &rng)
            // In a file of one column no delimiter is seen, so a second field is part of the value.
            if roll == 0, width > 1 {
                fields.append(RoundTripFile.extra)
                rejectedCount += 1
            } else if roll == 1, width > 1 {
                let keep = Int.random(in: 1..<width, using: &rng)
                // A row whose kept fields are all empty would be a blank line, which is skipped;
                // a grouped int of two groups or more is what tells the file's thousands separator.
                let evidence = (keep..<width).contains { c in
                    table.kinds[c] == .groupedInt && (row[c]?.shown.trimmingPrefix("-").count ?? 0) >= 7
                }
                if !evidence, fields[..<keep].contains(where: { !$0.isEmpty }) {
                    fields.removeLast(width - keep)
                    for c in keep..<width { kept[c] = nil }
                }
            }
            if fields.count != width + 1, !whole { loaded.append(kept) }
            var line = fields.joined(separator: d)
            if dialect.trailingDelimiter { line += d }
            text += line + dialect.lineEnd
        }
    }
}
