import Foundation
import FuzzReplay
import TrygDomain
import TrygEngine

/// libFuzzer target for the query pipeline: text → lex, parse, bind, rewrite, execute on small
/// tables. User errors are fine; a trap, a hang, an internal error or a result whose columns
/// disagree in length is a bug.
///
/// Up to four statements separated by `;` run in one session, so `let` and later use meet.
@_cdecl("LLVMFuzzerTestOneInput")
public func queryFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    QueryFuzz.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

#if !TRYG_FUZZ
@main
struct QueryFuzzReplay {
    static func main() {
        let status = FuzzReplay.main(Array(CommandLine.arguments.dropFirst()), name: "fuzz-query") { QueryFuzz.run($0) }
        exit(status)
    }
}
#endif

enum QueryFuzz {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        // The product of joins grows as fast as a join means it to; past three, inputs only
        // measure the machine. Everything else about a query is fair game.
        guard text.lowercased().components(separatedBy: "join").count <= 4 else { return }
        let session = Session(catalog: Catalog(tables))
        session.parameters = ["lib": "Blågården", "n": "3", "from": "2024-01-01"]
        // Well under libFuzzer's -rss_limit_mb: a join too big is the budget's error, never an abort.
        session.memoryBudget = MemoryBudget(bytes: 256 << 20)
        for statement in text.split(separator: ";", maxSplits: 3, omittingEmptySubsequences: true) {
            let source = SourceText(String(statement))
            do {
                switch try session.execute(source) {
                case .rows(let result), .stored(_, let result):
                    check(result.table)
                    for w in result.warnings { _ = DiagnosticRenderer(color: false).render(w) }
                case .plan(let text, _):
                    precondition(!text.isEmpty, "an empty plan")
                }
            } catch {
                // Rendering points into the source: it must not trap on any span.
                _ = DiagnosticRenderer(color: true).render(error)
                // An internal error is a bug in tryg, whatever the input: a failure like a trap.
                precondition(error.kind != .internal, "internal error: \(error.message)")
            }
        }
    }

    /// Every column has the table's length and every value can be read and shown.
    static func check(_ table: Table) {
        precondition(table.columns.count == table.columnNames.count, "names and columns differ")
        for column in table.columns {
            precondition(column.count == table.rowCount, "a column of \(column.count) rows in a table of \(table.rowCount)")
            for row in 0..<min(table.rowCount, 64) { _ = column.value(at: row).display }
        }
    }

    /// Small tables with the sample schema, nulls included, made once.
    static let tables: [Table] = [incidents(), libraries(), survey()]

    static func incidents() -> Table {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let libraries = ["Vesterbro", "Blågården", "Nørrebro", "Hovedbiblioteket", "Østerbro", "Valby"]
        let start = Int64(CivilDate(year: 2022, month: 10, day: 1)?.dayNumber ?? 0)
        var id = ColumnBuilder(type: .int), at = ColumnBuilder(type: .timestamp), library = ColumnBuilder(type: .text)
        var category = ColumnBuilder(type: .text), severity = ColumnBuilder(type: .int), police = ColumnBuilder(type: .bool)
        var selfService = ColumnBuilder(type: .bool), by = ColumnBuilder(type: .text)
        var description = ColumnBuilder(type: .text), score = ColumnBuilder(type: .decimal)
        for i in 0..<48 {
            id.append(.int(Int64(i + 1)))
            let day = start + Int64(i * 27 + next(20))
            at.append(.timestamp(day * 86_400 + Int64(9 + next(12)) * 3600 + Int64(next(60)) * 60))
            library.append(.text(libraries[next(libraries.count)]))
            category.append(.text(IncidentCategory.all[next(IncidentCategory.all.count)]))
            if next(10) == 0 { severity.appendNull() } else { severity.append(.int(Int64(1 + next(5)))) }
            if next(12) == 0 { police.appendNull() } else { police.append(.bool(next(3) == 0)) }
            selfService.append(.bool(next(4) == 0))
            by.append(.text(["bibliotekar", "vagt", "relationsmedarbejder"][next(3)]))
            if next(8) == 0 { description.appendNull() } else { description.append(.text("råb ved døren \(i)")) }
            if next(9) == 0 { score.appendNull() } else { score.append(.decimal(DecimalValue(units: Int64(next(1000)) * 125, scale: 3))) }
        }
        let names = ["id", "reported_at", "library", "category", "severity", "police_called", "during_self_service",
                     "reported_by", "description", "score"]
        return Table(name: "incidents", columnNames: names,
                     columns: [id, at, library, category, severity, police, selfService, by, description, score]
                        .map { $0.finish() })
    }

    static func libraries() -> Table {
        var name = ColumnBuilder(type: .text), full = ColumnBuilder(type: .text), district = ColumnBuilder(type: .text)
        var effort = ColumnBuilder(type: .date)
        for l in LibraryDirectory.copenhagen.libraries.prefix(8) {
            name.append(.text(l.name))
            full.append(.text(l.fullName))
            district.append(.text(l.district))
            if let s = l.effortStart { effort.append(.date(Int64(s.dayNumber))) } else { effort.appendNull() }
        }
        return Table(name: "libraries", columnNames: ["name", "full_name", "district", "effort_start"],
                     columns: [name, full, district, effort].map { $0.finish() })
    }

    static func survey() -> Table {
        var year = ColumnBuilder(type: .int), season = ColumnBuilder(type: .text), library = ColumnBuilder(type: .text)
        var respondent = ColumnBuilder(type: .int), safety = ColumnBuilder(type: .category(SurveyScale.safety))
        for (k, y) in [2023, 2023, 2025, 2025, 2025, 2025].enumerated() {
            year.append(.int(Int64(y)))
            season.append(.text("vinter"))
            library.append(.text(["Vesterbro", "Blågården", "Nørrebro"][k % 3]))
            respondent.append(.int(Int64(k + 1)))
            if k == 4 { safety.appendNull() } else { safety.append(.category(k % 5, SurveyScale.safety)) }
        }
        return Table(name: "survey", columnNames: ["year", "season", "library", "respondent", "safety"],
                     columns: [year, season, library, respondent, safety].map { $0.finish() })
    }
}
