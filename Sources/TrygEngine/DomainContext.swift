import TrygDomain

/// What the engine knows of the domain: the library directory and ordered scales by column.
public struct DomainContext: Sendable {
    public var libraries: LibraryDirectory
    /// Columns whose text values are an ordered category (`safety` → the survey scale).
    public var scales: [String: OrderedScale]

    public init(libraries: LibraryDirectory, scales: [String: OrderedScale]) {
        self.libraries = libraries
        self.scales = scales
    }

    public static let standard = DomainContext(libraries: .copenhagen, scales: SurveyScale.byColumn)
}
