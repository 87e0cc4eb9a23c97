/// A municipal library: its short name (the one data columns hold), full name, aliases,
/// district and the day the social-work effort started there (nil where none).
public struct Library: Hashable, Sendable {
    public let name: String
    public let fullName: String
    public let aliases: [String]
    public let district: String
    public let effortStart: CivilDate?

    public init(name: String, fullName: String, aliases: [String] = [], district: String, effortStart: CivilDate? = nil) {
        self.name = name
        self.fullName = fullName
        self.aliases = aliases
        self.district = district
        self.effortStart = effortStart
    }

    /// Every spelling that names this library.
    public var spellings: [String] { [name, fullName] + aliases }
}

/// Copenhagen's ten districts (bydele).
public enum District {
    public static let all: [String] = [
        "Indre By", "Østerbro", "Nørrebro", "Vesterbro/Kongens Enghave", "Valby",
        "Vanløse", "Brønshøj-Husum", "Bispebjerg", "Amager Øst", "Amager Vest",
    ]
}

/// The list of libraries; data a user can replace (a `libraries` table overrides it).
public struct LibraryDirectory: Sendable {
    public let libraries: [Library]

    public init(libraries: [Library]) {
        self.libraries = libraries
    }

    /// The library a spelling names (short name, full name or alias; case-insensitive).
    public func library(named spelling: String) -> Library? {
        let s = spelling.lowercased()
        return libraries.first { lib in lib.spellings.contains { $0.lowercased() == s } }
    }

    /// The short name for any spelling, or nil.
    public func shortName(for spelling: String) -> String? { library(named: spelling)?.name }

    /// The district of a library by any spelling.
    public func district(of spelling: String) -> String? { library(named: spelling)?.district }

    /// Copenhagen's municipal libraries as of 2025.
    public static let copenhagen = LibraryDirectory(libraries: [
        Library(name: "Vesterbro", fullName: "Vesterbro Bibliotek og Kulturhus", aliases: ["Vesterbro Bibliotek"],
                district: "Vesterbro/Kongens Enghave", effortStart: CivilDate(year: 2022, month: 10, day: 1)),
        Library(name: "Blågården", fullName: "Blågårdens Bibliotek", aliases: ["Blaagaarden", "Blågårdens"],
                district: "Nørrebro", effortStart: CivilDate(year: 2025, month: 1, day: 1)),
        Library(name: "Nørrebro", fullName: "Nørrebro Bibliotek", aliases: ["Noerrebro"],
                district: "Nørrebro", effortStart: CivilDate(year: 2025, month: 1, day: 1)),
        Library(name: "Hovedbiblioteket", fullName: "Hovedbiblioteket", aliases: ["Københavns Hovedbibliotek"], district: "Indre By"),
        Library(name: "Østerbro", fullName: "Østerbro Bibliotek", district: "Østerbro"),
        Library(name: "Valby", fullName: "Valby Bibliotek", district: "Valby"),
        Library(name: "Vanløse", fullName: "Vanløse Bibliotek", district: "Vanløse"),
        Library(name: "Sundby", fullName: "Sundby Bibliotek", district: "Amager Øst"),
        Library(name: "Ørestad", fullName: "Ørestad Bibliotek", district: "Amager Vest"),
        Library(name: "Islands Brygge", fullName: "Islands Brygge Bibliotek", aliases: ["Kulturhuset Islands Brygge"],
                district: "Amager Vest"),
        Library(name: "Sydhavn", fullName: "Sydhavn Bibliotek", district: "Vesterbro/Kongens Enghave"),
        Library(name: "Bispebjerg", fullName: "Bispebjerg Bibliotek", district: "Bispebjerg"),
        Library(name: "Brønshøj", fullName: "Brønshøj Bibliotek", district: "Brønshøj-Husum"),
        Library(name: "Husum", fullName: "Husum Bibliotek", district: "Brønshøj-Husum"),
        Library(name: "Tingbjerg", fullName: "Tingbjerg Bibliotek", district: "Brønshøj-Husum"),
        Library(name: "Vigerslev", fullName: "Vigerslev Bibliotek", district: "Valby"),
        Library(name: "Solvang", fullName: "Solvang Bibliotek", district: "Bispebjerg"),
        Library(name: "Christianshavn", fullName: "Christianshavns Bibliotek", district: "Indre By"),
        Library(name: "Amager", fullName: "Amager Bibliotek", district: "Amager Øst"),
    ])
}
