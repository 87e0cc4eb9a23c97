import TrygEngine

/// Small tables built in code for renderer and completion tests.
enum TestTables {
    static func column(_ type: DataType, _ values: [Value]) -> Column {
        var b = ColumnBuilder(type: type, capacity: values.count)
        values.forEach { b.append($0) }
        return b.finish()
    }

    static func table(_ name: String, _ columns: [(String, DataType, [Value])]) -> Table {
        Table(name: name, columnNames: columns.map(\.0), columns: columns.map { column($0.1, $0.2) })
    }

    /// Danish letters, a null next to an empty text, a decimal that rounds.
    static let libraries = table("libraries", [
        ("library", .text, [.text("Blågården"), .text("Østerbro"), .text("")]),
        ("count", .int, [.int(12), .int(7), .null]),
        ("mean", .float, [.float(2.3456), .null, .float(4)]),
        ("note", .text, [.null, .text("æøå"), .text("")]),
    ])

    /// Incidents with a timestamp and a library column, so derived columns apply.
    static let incidents = table("incidents", [
        ("id", .int, [.int(1), .int(2), .int(3)]),
        ("reported_at", .timestamp, [.timestamp(1_664_618_400), .timestamp(1_700_000_000), .timestamp(1_740_000_000)]),
        ("library", .text, [.text("Blågården"), .text("Vesterbro"), .text("Nørrebro")]),
        ("category", .text, [.text("Vold"), .text("Trusler"), .text("Utryghedsskabende adfærd")]),
        ("severity", .int, [.int(1), .int(4), .int(5)]),
        ("Dato for hændelse", .date, [.date(19_000), .date(19_100), .date(19_200)]),
    ])

    static let survey = table("survey", [
        ("year", .int, [.int(2023)]),
        ("safety", .category(SurveyScaleStub.safety), [.category(3, SurveyScaleStub.safety)]),
    ])

    static func catalog() -> Catalog { Catalog([incidents, libraries, survey]) }
}

import TrygDomain

/// The survey's scale, named here so tests read clearly.
enum SurveyScaleStub {
    static let safety = SurveyScale.safety
}
