import TrygDomain
@testable import TrygEngine

/// Small deterministic tables for engine tests, built in memory (independent of the CSV reader).
enum TestTables {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let libraries = ["Vesterbro", "Blågården", "Nørrebro", "Hovedbiblioteket", "Østerbro", "Valby"]
    static let roles = ["bibliotekar", "vagt", "relationsmedarbejder", "servicemedarbejder"]
    static let words = ["dør", "råb", "trappe", "toilet", "café", "Larm", "ølflasker", "computer"]

    /// `incidents` with nulls sprinkled in, 2022-10-01 … 2026-03-31.
    /// `untimed`: some rows without a time, so the calendar columns derived from it have nulls.
    static func incidents(rows: Int = 2000, seed: UInt64 = 7, untimed: Bool = false) -> Table {
        var rng = Rng(state: seed)
        let start = Int64(CivilDate(year: 2022, month: 10, day: 1)?.dayNumber ?? 0)
        let end = Int64(CivilDate(year: 2026, month: 3, day: 31)?.dayNumber ?? 0)
        var id = ColumnBuilder(type: .int), at = ColumnBuilder(type: .timestamp), lib = ColumnBuilder(type: .text)
        var cat = ColumnBuilder(type: .text), sev = ColumnBuilder(type: .int), pol = ColumnBuilder(type: .bool)
        var ss = ColumnBuilder(type: .bool), by = ColumnBuilder(type: .text), desc = ColumnBuilder(type: .text)
        var score = ColumnBuilder(type: .decimal)
        var stamps: [Int64] = (0..<rows).map { _ in
            let day = start + Int64(Int(rng.next() % UInt64(end - start + 1)))
            return day * 86_400 + Int64(8 + rng.int(15)) * 3600 + Int64(rng.int(60)) * 60
        }
        stamps.sort()
        for i in 0..<rows {
            id.append(.int(Int64(i + 1)))
            if untimed, i % 97 == 13 { at.appendNull() } else { at.append(.timestamp(stamps[i])) }
            lib.append(.text(libraries[min(rng.int(8), libraries.count - 1)]))
            let c = IncidentCategory.all[rng.int(IncidentCategory.all.count)]
            cat.append(.text(c))
            let s = Int64(1 + rng.int(5))
            if rng.int(40) == 0 { sev.appendNull() } else { sev.append(.int(s)) }
            if rng.int(50) == 0 { pol.appendNull() } else { pol.append(.bool(rng.int(5) < Int(s) - 2)) }
            ss.append(.bool(rng.int(4) == 0))
            by.append(.text(roles[rng.int(roles.count)]))
            if rng.int(30) == 0 { desc.appendNull() } else {
                desc.append(.text("\(c): \(words[rng.int(words.count)]) ved \(words[rng.int(words.count)])"))
            }
            if rng.int(25) == 0 { score.appendNull() } else { score.append(.decimal(DecimalValue(units: Int64(rng.int(1000)) * 125, scale: 3))) }
        }
        let names = ["id", "reported_at", "library", "category", "severity", "police_called", "during_self_service",
                     "reported_by", "description", "score"]
        return Table(name: "incidents", columnNames: names,
                     columns: [id, at, lib, cat, sev, pol, ss, by, desc, score].map { $0.finish() })
    }

    static func librariesTable() -> Table {
        var n = ColumnBuilder(type: .text), f = ColumnBuilder(type: .text), d = ColumnBuilder(type: .text)
        var e = ColumnBuilder(type: .date)
        for l in LibraryDirectory.copenhagen.libraries where libraries.contains(l.name) || l.name == "Sundby" {
            n.append(.text(l.name))
            f.append(.text(l.fullName))
            d.append(.text(l.district))
            if let s = l.effortStart { e.append(.date(Int64(s.dayNumber))) } else { e.appendNull() }
        }
        return Table(name: "libraries", columnNames: ["name", "full_name", "district", "effort_start"],
                     columns: [n, f, d, e].map { $0.finish() })
    }

    static func survey(seed: UInt64 = 11) -> Table {
        var rng = Rng(state: seed)
        var y = ColumnBuilder(type: .int), s = ColumnBuilder(type: .text), l = ColumnBuilder(type: .text)
        var r = ColumnBuilder(type: .int), safety = ColumnBuilder(type: .category(SurveyScale.safety))
        for year in [2023, 2025] {
            for lib in ["Vesterbro", "Blågården", "Nørrebro"] where year == 2025 || lib == "Vesterbro" {
                for k in 1...(20 + rng.int(10)) {
                    y.append(.int(Int64(year)))
                    s.append(.text("vinter"))
                    l.append(.text(lib))
                    r.append(.int(Int64(k)))
                    safety.append(.category(rng.int(5), SurveyScale.safety))
                }
            }
        }
        return Table(name: "survey", columnNames: ["year", "season", "library", "respondent", "safety"],
                     columns: [y, s, l, r, safety].map { $0.finish() })
    }

    static func catalog() -> Catalog {
        Catalog([incidents(), librariesTable(), survey()])
    }

    /// The same tables with every text column stored in `layout`.
    static func catalog(text layout: TextLayout) -> Catalog {
        Catalog([incidents(), librariesTable(), survey()].map { $0.withTextLayout(layout) })
    }
}
