/// How many incidents each library gets in each half-year, and on which days.
///
/// The three effort libraries have fixed counts, chosen so that the report's figures come out
/// exactly (F4–F6, F8); the other libraries get a base volume, more in winter, varied by the
/// seed. Every count is multiplied by the scale, which keeps every ratio.
struct IncidentPlan {
    /// V22/23 … V25/26: the seven half-years the incidents span (1 Oct 2022 – 31 Mar 2026).
    static let halfYears: [HalfYear] = {
        let first = HalfYear(season: .vinter, startYear: 2022).ordinal
        return (first..<first + 7).map { HalfYear(ordinal: $0) }
    }()

    let libraries: [Library]
    /// `counts[h][l]`: incidents at library `l` in half-year `h`.
    let counts: [[Int]]
    /// `insecurity[h][l]`: the exact number of "Utryghedsskabende adfærd" where fixed.
    let insecurity: [[Int?]]

    init(seed: UInt64, scale: Int, libraries: [Library] = LibraryDirectory.copenhagen.libraries) {
        var random = SampleRandom(seed: seed, stream: 3)
        self.libraries = libraries
        var counts: [[Int]] = []
        var insecurity: [[Int?]] = []
        for (h, halfYear) in IncidentPlan.halfYears.enumerated() {
            var row: [Int] = []
            var fixed: [Int?] = []
            for library in libraries {
                if let calibrated = IncidentPlan.calibrated(library.name) {
                    row.append(calibrated.counts[h] * scale)
                    fixed.append(calibrated.insecurity[h].map { $0 * scale })
                } else {
                    let winter = halfYear.season == .vinter ? 1.3 : 1.0
                    let noise = 0.9 + 0.2 * random.unit()
                    let base = Double(IncidentPlan.baseVolume(library.name))
                    row.append(Int((base * winter * noise).rounded()) * scale)
                    fixed.append(nil)
                }
            }
            counts.append(row)
            insecurity.append(fixed)
        }
        self.counts = counts
        self.insecurity = insecurity
    }

    /// The fixed volumes, one per half-year V22/23 … V25/26.
    ///
    /// - Vesterbro: V22/23 240 → V24/25 120 halves (F4); summer 2023 200 → summer 2025 118
    ///   is −41 % (F6); insecurity-creating behaviour 100 → 66 → 37 falls every winter and
    ///   by 63 % in all (F5), and stays down in V25/26.
    /// - Blågården and Nørrebro together outnumber every other district in V23/24 (315) and
    ///   V24/25 (335) (F8); Vesterbro with Sydhavn stays below that for any seed.
    static func calibrated(_ library: String) -> (counts: [Int], insecurity: [Int?])? {
        switch library {
        case "Vesterbro":
            return ([240, 200, 180, 150, 120, 118, 124], [100, nil, 66, nil, 37, nil, 36])
        case "Blågården":
            return ([130, 115, 165, 140, 175, 150, 160], Array(repeating: nil, count: 7))
        case "Nørrebro":
            return ([120, 110, 150, 130, 160, 140, 145], Array(repeating: nil, count: 7))
        default:
            return nil
        }
    }

    /// A summer half-year's incidents at the other libraries (winter is 30 % more, ±10 %).
    static func baseVolume(_ library: String) -> Int {
        switch library {
        case "Hovedbiblioteket": return 95
        case "Tingbjerg": return 80
        case "Østerbro": return 70
        case "Valby", "Sundby", "Bispebjerg": return 60
        case "Ørestad": return 55
        case "Husum": return 45
        case "Sydhavn", "Christianshavn", "Amager": return 40
        case "Vanløse", "Solvang": return 38
        case "Islands Brygge": return 32
        case "Brønshøj": return 30
        case "Vigerslev": return 28
        default: return 30
        }
    }
}

/// How likely a day is to see an incident at a library, before the counts are spread.
enum DayWeight {
    /// Monday … Sunday: fewer on Saturday, fewer still on the self-service Sunday.
    static let weekday: [Double] = [1.0, 1.05, 1.1, 1.1, 1.0, 0.8, 0.5]
    /// January … December: July is the summer holiday, late December the Christmas lull.
    static let month: [Double] = [1.05, 1.1, 1.0, 0.95, 0.95, 0.9, 0.7, 0.95, 1.0, 1.05, 1.1, 0.85]

    static func weight(of date: CivilDate, at library: String, timeline: Timeline) -> Double {
        // Closed on Christmas Eve, Christmas Day, Boxing Day, New Year's Eve and Day.
        switch (date.month, date.day) {
        case (12, 24), (12, 25), (12, 26), (12, 31), (1, 1): return 0
        default: break
        }
        // With self-service hours restricted there is no self-service Sunday (F10).
        if date.isoWeekday == 7, timeline.has(TimelineKind.restrictedHours, at: library, on: date) { return 0 }
        return weekday[date.isoWeekday - 1] * month[date.month - 1]
    }

    /// Spreads `count` incidents over the days, each in proportion to its weight.
    static func spread(_ count: Int, over dates: [CivilDate], at library: String,
                       timeline: Timeline, random: inout SampleRandom) -> [Int] {
        var perDay = Array(repeating: 0, count: dates.count)
        guard count > 0 else { return perDay }
        let table = WeightTable(dates.map { weight(of: $0, at: library, timeline: timeline) })
        for _ in 0..<count { perDay[random.pick(cumulative: table)] += 1 }
        return perDay
    }
}
