/// The shape of a single incident: category mix, severity, police, time of day, reporter.
enum IncidentProfile {
    /// Weight of each category in `IncidentCategory.all`; insecurity-creating behaviour leads.
    static let categoryWeights: [Double] = IncidentCategory.all.map(categoryWeight)

    static func categoryWeight(_ category: String) -> Double {
        switch category {
        case IncidentCategory.insecurityCreatingBehaviour: return 34
        case "Trusler": return 13
        case "Tyveri", "Rusmidler": return 12
        case "Hærværk": return 10
        case "Andet": return 8
        case "Sygdom/førstehjælp": return 6
        case "Vold": return 5
        default: return 4
        }
    }

    /// Weights of severity 1…5 for each category in `IncidentCategory.all`; mostly 1–3.
    static let severityWeights: [[Double]] = IncidentCategory.all.map(severityWeights)

    static func severityWeights(_ category: String) -> [Double] {
        switch category {
        case "Vold": return [2, 13, 35, 32, 18]
        case "Trusler": return [10, 30, 35, 20, 5]
        case "Sygdom/førstehjælp": return [15, 30, 30, 18, 7]
        case "Rusmidler": return [25, 35, 25, 12, 3]
        case "Hærværk": return [30, 35, 22, 10, 3]
        case "Andet": return [50, 30, 15, 4, 1]
        default: return [35, 35, 20, 8, 2]
        }
    }

    /// The chance that the police were called, rising with severity.
    static func policeChance(severity: Int, category: String) -> Double {
        let bySeverity = [0.01, 0.05, 0.15, 0.45, 0.8][severity - 1]
        switch category {
        case "Sygdom/førstehjælp": return bySeverity * 0.3   // an ambulance, rather
        case "Vold": return min(0.95, bySeverity * 1.3)
        default: return bySeverity
        }
    }

    /// The first hour of `hourWeights`; the libraries are open 8–23.
    static let firstHour = 8
    /// Weights of the hours 8…22: mostly 10–20, some early and late.
    static let hourWeights: [Double] = [1, 2, 5, 6, 7, 8, 9, 10, 10, 9, 7, 4, 3, 2, 1]
    /// The same with self-service hours taken out, for days with restricted opening (F10).
    static let staffedHourWeights: [Double] = hourWeights.enumerated().map { i, w in
        isSelfService(hour: firstHour + i, weekday: 1) ? 0 : w
    }

    /// Self-service hours: before 10, from 19, and all of Sunday.
    static func isSelfService(hour: Int, weekday: Int) -> Bool {
        weekday == 7 || hour < 10 || hour >= 19
    }

    /// The staff roles that report incidents.
    static let roles = ["bibliotekar", "kulturformidler", "servicemedarbejder",
                        "relationsmedarbejder", "vagt", "nattevært"]

    /// Who is there to report: the relationship worker only while the effort runs, guards and
    /// night hosts only in their periods, night hosts only in the evening.
    static func roleWeights(selfService: Bool, hour: Int, relationshipWorker: Bool,
                            guards: Bool, nightHosts: Bool) -> [Double] {
        [selfService ? 2 : 5,
         selfService ? 0 : 2,
         3,
         relationshipWorker ? (selfService ? 1 : 3) : 0,
         guards ? 4 : 0,
         nightHosts && hour >= 16 ? 4 : 0]
    }
}
