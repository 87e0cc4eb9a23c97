/// Writes `incidents.csv` a day at a time, in order of `reported_at`, numbering rows 1…N.
///
/// With free-text descriptions each row also gets a case number (`MM-2025-004711`: the year
/// reported and the case's number in that year, six digits or more) and a description drawn
/// from a random stream of its own, so the other columns are the same bytes in both styles;
/// with template descriptions the file is what the generator wrote before free text existed.
///
/// Per half-year it spreads each library's count over the days and deals the categories from
/// a shuffled deck (so fixed category counts come out exactly); per day it draws the details,
/// sorts the day's incidents by time and writes them. Only one half-year's plan and one day's
/// incidents are in memory at a time.
struct IncidentWriter {
    let plan: IncidentPlan
    let timeline: Timeline
    var random: SampleRandom
    let descriptions: DescriptionStyle
    var narrative: IncidentNarrative

    init(plan: IncidentPlan, timeline: Timeline, random: SampleRandom, descriptions: DescriptionStyle,
         narrativeRandom: SampleRandom) {
        self.plan = plan
        self.timeline = timeline
        self.random = random
        self.descriptions = descriptions
        self.narrative = IncidentNarrative(random: narrativeRandom)
    }

    /// The columns of the free-text style; the template style has no `case_no`.
    static let header = ["id", "case_no", "reported_at", "library", "category", "severity", "police_called",
                         "during_self_service", "reported_by", "description"]

    var header: [String] {
        descriptions == .freeText ? Self.header : Self.header.filter { $0 != "case_no" }
    }

    /// One incident before it gets its id.
    private struct Draft {
        var minuteOfDay: Int
        var library: Int
        var sequence: Int
        var category: Int
        var severity: Int
        var policeCalled: Bool
        var selfService: Bool
        var role: Int
        var description: Int
    }

    mutating func write(into out: inout CSVOutput) throws {
        try out.row(header)
        let libraryFields = plan.libraries.map { CSVField.encode($0.name) }
        let categoryFields = IncidentCategory.all.map(CSVField.encode)
        let roleFields = IncidentProfile.roles.map(CSVField.encode)
        let hours = WeightTable(IncidentProfile.hourWeights)
        let staffedHours = WeightTable(IncidentProfile.staffedHourWeights)
        var nextID = 1
        var caseYear = 0
        var caseNumber = 0

        for (h, halfYear) in IncidentPlan.halfYears.enumerated() {
            let dates = (halfYear.firstDay.dayNumber...halfYear.lastDay.dayNumber).map { CivilDate(dayNumber: $0) }
            var perDay: [[Int]] = []
            var decks: [[UInt8]] = []
            for (l, library) in plan.libraries.enumerated() {
                perDay.append(DayWeight.spread(plan.counts[h][l], over: dates, at: library.name,
                                               timeline: timeline, random: &random))
                decks.append(categoryDeck(count: plan.counts[h][l], insecurity: plan.insecurity[h][l]))
            }
            var dealt = Array(repeating: 0, count: plan.libraries.count)

            for (d, date) in dates.enumerated() {
                var drafts: [Draft] = []
                for (l, library) in plan.libraries.enumerated() where perDay[l][d] > 0 {
                    let restricted = timeline.has(TimelineKind.restrictedHours, at: library.name, on: date)
                    let relationshipWorker = timeline.has(TimelineKind.relationshipWorker, at: library.name, on: date)
                    let guards = timeline.has(TimelineKind.guards, at: library.name, on: date)
                    let nightHosts = timeline.has(TimelineKind.nightHosts, at: library.name, on: date)
                    for _ in 0..<perDay[l][d] {
                        let category = Int(decks[l][dealt[l]])
                        dealt[l] += 1
                        let hour = IncidentProfile.firstHour
                            + random.pick(cumulative: restricted ? staffedHours : hours)
                        let selfService = IncidentProfile.isSelfService(hour: hour, weekday: date.isoWeekday)
                        let severity = 1 + random.pick(IncidentProfile.severityWeights[category])
                        let name = IncidentCategory.all[category]
                        let roles = IncidentProfile.roleWeights(
                            selfService: selfService, hour: hour, relationshipWorker: relationshipWorker,
                            guards: guards, nightHosts: nightHosts)
                        drafts.append(Draft(
                            minuteOfDay: hour * 60 + random.below(60),
                            library: l,
                            sequence: drafts.count,
                            category: category,
                            severity: severity,
                            policeCalled: random.chance(IncidentProfile.policeChance(severity: severity, category: name)),
                            selfService: selfService,
                            role: random.pick(roles),
                            // Drawn in both styles, so that the other columns stay the same bytes.
                            description: random.below(IncidentText.encoded[category].count)))
                    }
                }
                drafts.sort { ($0.minuteOfDay, $0.library, $0.sequence) < ($1.minuteOfDay, $1.library, $1.sequence) }

                let datePrefix = Array((date.iso + "T").utf8)
                if date.year != caseYear { (caseYear, caseNumber) = (date.year, 0) }
                let casePrefix = Array("MM-\(date.year)-".utf8)
                for draft in drafts {
                    out.int(nextID)
                    nextID += 1
                    out.comma()
                    if descriptions == .freeText {
                        caseNumber += 1
                        out.append(casePrefix)
                        out.zeroPadded(caseNumber, digits: 6)
                        out.comma()
                    }
                    out.append(datePrefix)
                    out.twoDigits(draft.minuteOfDay / 60)
                    out.byte(UInt8(ascii: ":"))
                    out.twoDigits(draft.minuteOfDay % 60)
                    out.comma()
                    out.append(libraryFields[draft.library])
                    out.comma()
                    out.append(categoryFields[draft.category])
                    out.comma()
                    out.int(draft.severity)
                    out.comma()
                    out.bool(draft.policeCalled)
                    out.comma()
                    out.bool(draft.selfService)
                    out.comma()
                    out.append(roleFields[draft.role])
                    out.comma()
                    switch descriptions {
                    case .freeText:
                        narrative.append(.init(category: draft.category, minuteOfDay: draft.minuteOfDay,
                                               policeCalled: draft.policeCalled, selfService: draft.selfService),
                                         to: &out)
                    case .templates:
                        out.append(IncidentText.encoded[draft.category][draft.description])
                    }
                    try out.endRow()
                }
            }
        }
    }

    /// The categories of one library's half-year, shuffled: exactly `insecurity` of
    /// insecurity-creating behaviour where that is fixed, the rest drawn by weight.
    private mutating func categoryDeck(count: Int, insecurity: Int?) -> [UInt8] {
        var deck: [UInt8] = []
        deck.reserveCapacity(count)
        var weights = IncidentProfile.categoryWeights
        let fixedIndex = IncidentCategory.all.firstIndex(of: IncidentCategory.insecurityCreatingBehaviour)
        if let fixed = insecurity, let index = fixedIndex {
            deck.append(contentsOf: repeatElement(UInt8(index), count: min(fixed, count)))
            weights[index] = 0
        }
        let table = WeightTable(weights)
        while deck.count < count { deck.append(UInt8(random.pick(cumulative: table))) }
        random.shuffle(&deck)
        return deck
    }
}
