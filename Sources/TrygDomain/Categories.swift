/// The incident categories of the reporting system, in the order reports list them.
public enum IncidentCategory {
    /// The category the effort set out to reduce (F5).
    public static let insecurityCreatingBehaviour = "Utryghedsskabende adfærd"

    public static let all: [String] = [
        insecurityCreatingBehaviour, "Trusler", "Vold", "Hærværk",
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
    /// The social-work effort itself (F1, F2).
    public static let effort = "indsats"
    /// A relationship worker based at the library (F3).
    public static let relationshipWorker = "relationsmedarbejder"
    /// Night hosts (F11, F12).
    public static let nightHosts = "natteværter"
    /// Extra presence of guards (F11).
    public static let guards = "vagt og sikring"
    /// Self-service opening hours restricted (F10).
    public static let restrictedHours = "indskrænket åbningstid"
    /// Free-jobbers on the social free card (F13).
    public static let freeJobber = "frijobber"

    public static let all: [String] = [
        effort, relationshipWorker, nightHosts, guards, restrictedHours, freeJobber,
    ]
}
