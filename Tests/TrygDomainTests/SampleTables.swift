import Foundation
@testable import TrygDomain

/// A CSV table read back from the generator's text, for counting rows in tests.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) {
        let records = CSVTable.parse(text)
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The position of a column; tests name only columns that exist.
    func column(_ name: String) -> Int {
        header.firstIndex(of: name) ?? -1
    }

    /// The values of one column, row by row.
    func values(_ name: String) -> [String] {
        let i = column(name)
        return rows.map { i >= 0 && i < $0.count ? $0[i] : "" }
    }

    /// RFC 4180 with `\n` line ends: quotes only around fields that need them.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = chars.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

/// The scale-1 tables for seed 2025, made once and shared by the tests.
enum Samples {
    static let generator = SampleGenerator(seed: 2025, scale: 1)
    static let incidentsText = generator.incidentsCSV()
    static let incidents = CSVTable(incidentsText)
    static let survey = CSVTable(generator.surveyCSV())
    static let libraries = CSVTable(generator.librariesCSV())
    static let timeline = CSVTable(generator.timelineCSV())

    /// Each incident's half-year, read from `reported_at` (`2024-11-03T14:05`).
    static let incidentHalfYears: [HalfYear] = incidents.values("reported_at").map(halfYear)

    static func day(_ timestamp: String) -> CivilDate {
        let parts = timestamp.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return CivilDate(dayNumber: 0) }
        return CivilDate(dayNumber: CivilDate.dayNumber(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func halfYear(_ timestamp: String) -> HalfYear { HalfYear(date: day(timestamp)) }

    /// Incidents at a library in a half-year, optionally of one category.
    static func count(_ library: String, _ halfYear: HalfYear, category: String? = nil,
                      in table: CSVTable = incidents, halfYears: [HalfYear] = incidentHalfYears) -> Int {
        let lib = table.column("library")
        let cat = table.column("category")
        return table.rows.indices.filter { i in
            halfYears[i] == halfYear && table.rows[i][lib] == library
                && (category.map { table.rows[i][cat] == $0 } ?? true)
        }.count
    }

    /// Percent of a survey round answering `tryg` or `meget tryg`, rounded to a whole number.
    static func safePercent(_ library: String, year: Int, in table: CSVTable = survey) -> (percent: Int, respondents: Int) {
        let rows = table.rows.filter {
            $0[table.column("library")] == library && $0[table.column("year")] == String(year)
                && $0[table.column("season")] == "vinter"
        }
        let safe = rows.filter { ["tryg", "meget tryg"].contains($0[table.column("safety")]) }.count
        guard !rows.isEmpty else { return (0, 0) }
        return (Int((100 * Double(safe) / Double(rows.count)).rounded()), rows.count)
    }
}

let v2223 = HalfYear(season: .vinter, startYear: 2022)
let s23 = HalfYear(season: .sommer, startYear: 2023)
let v2324 = HalfYear(season: .vinter, startYear: 2023)
let s24 = HalfYear(season: .sommer, startYear: 2024)
let v2425 = HalfYear(season: .vinter, startYear: 2024)
let s25 = HalfYear(season: .sommer, startYear: 2025)
let v2526 = HalfYear(season: .vinter, startYear: 2025)
