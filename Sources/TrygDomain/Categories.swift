/// The incident categories of the reporting system, in the order reports list them.
public enum IncidentCategory {
    public static let all: [String] = [
        "Utryghedsskabende adfærd", "Trusler", "Vold", "Hærværk",
        "Tyveri", "Rusmidler", "Sygdom/førstehjælp", "Andet",
    ]
}

/// The staff survey's ordered answer scales.
public enum SurveyScale {
    /// How safe do you feel at work?
    public static let safety = OrderedScale(
        name: "safety", values: ["meget utryg", "utryg", "hverken/eller", "tryg", "meget tryg"])
    /// Can you handle situations with insecurity-creating behaviour? (agreement)
    public static let competence = OrderedScale(
        name: "competence",
        values: ["helt uenig", "uenig", "hverken/eller", "enig", "helt enig"])

    /// Every ordered scale, keyed by the column name that carries it.
    public static let byColumn: [String: OrderedScale] = ["safety": safety, "competence": competence]
}

/// The kinds of events on the effort's timeline.
public enum TimelineKind {
    public static let all: [String] = [
        "indsats", "relationsmedarbejder", "natteværter", "vagt og sikring",
        "indskrænket åbningstid", "frijobber",
    ]
}
