/// One period on the effort's timeline: what happened at a library from one day to another.
public struct TimelineEntry: Hashable, Sendable {
    /// The library's short name.
    public let library: String
    /// One of `TimelineKind.all`.
    public let kind: String
    public let starts: CivilDate
    /// The last day, inclusive; nil while the period is open.
    public let ends: CivilDate?
    /// A short note in Danish.
    public let note: String

    public init(library: String, kind: String, starts: CivilDate, ends: CivilDate? = nil, note: String) {
        self.library = library
        self.kind = kind
        self.starts = starts
        self.ends = ends
        self.note = note
    }

    /// Whether the period covers a day.
    public func covers(_ date: CivilDate) -> Bool {
        starts <= date && (ends.map { date <= $0 } ?? true)
    }
}

/// The effort's timeline: the periods charts can mark (F1–F3, F10–F13).
public struct Timeline: Sendable {
    public let entries: [TimelineEntry]

    public init(entries: [TimelineEntry]) {
        self.entries = entries
    }

    /// Whether a period of a kind runs at a library on a day.
    public func has(_ kind: String, at library: String, on date: CivilDate) -> Bool {
        entries.contains { $0.kind == kind && $0.library == library && $0.covers(date) }
    }

    /// The timeline of the status report, in order of start.
    public static let copenhagen: Timeline = {
        func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
            CivilDate(dayNumber: CivilDate.dayNumber(year: y, month: m, day: d))
        }
        typealias Kind = TimelineKind
        return Timeline(entries: [
            TimelineEntry(library: "Vesterbro", kind: Kind.effort, starts: day(2022, 10, 1),
                          note: "Socialfaglig indsats starter"),
            TimelineEntry(library: "Vesterbro", kind: Kind.relationshipWorker, starts: day(2022, 10, 1),
                          note: "Relationsmedarbejder tilknyttet biblioteket"),
            TimelineEntry(library: "Blågården", kind: Kind.guards, starts: day(2024, 10, 1), ends: day(2025, 3, 31),
                          note: "Ekstra tilstedeværelse fra Vagt og Sikring"),
            TimelineEntry(library: "Nørrebro", kind: Kind.guards, starts: day(2024, 10, 1), ends: day(2025, 3, 31),
                          note: "Ekstra tilstedeværelse fra Vagt og Sikring"),
            TimelineEntry(library: "Blågården", kind: Kind.restrictedHours, starts: day(2024, 11, 4), ends: day(2024, 11, 24),
                          note: "Selvbetjent åbningstid indskrænket"),
            TimelineEntry(library: "Blågården", kind: Kind.effort, starts: day(2025, 1, 1),
                          note: "Socialfaglig indsats starter"),
            TimelineEntry(library: "Blågården", kind: Kind.relationshipWorker, starts: day(2025, 1, 1),
                          note: "Relationsmedarbejder tilknyttet biblioteket"),
            TimelineEntry(library: "Nørrebro", kind: Kind.effort, starts: day(2025, 1, 1),
                          note: "Socialfaglig indsats starter"),
            TimelineEntry(library: "Nørrebro", kind: Kind.relationshipWorker, starts: day(2025, 1, 1),
                          note: "Relationsmedarbejder tilknyttet biblioteket"),
            TimelineEntry(library: "Blågården", kind: Kind.restrictedHours, starts: day(2025, 1, 13), ends: day(2025, 2, 2),
                          note: "Selvbetjent åbningstid indskrænket"),
            TimelineEntry(library: "Blågården", kind: Kind.restrictedHours, starts: day(2025, 3, 3), ends: day(2025, 3, 16),
                          note: "Selvbetjent åbningstid indskrænket"),
            TimelineEntry(library: "Nørrebro", kind: Kind.freeJobber, starts: day(2025, 4, 1),
                          note: "Frijobbere på socialt frikort"),
            TimelineEntry(library: "Blågården", kind: Kind.nightHosts, starts: day(2025, 10, 20), ends: day(2026, 3, 31),
                          note: "Natteværter fra uge 43"),
        ])
    }()
}
