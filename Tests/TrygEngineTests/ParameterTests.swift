import Testing
@testable import TrygEngine

/// `$NAME` takes the type its place needs, and answers as the literal written there would.
@Suite struct ParameterTests {
    static func rows(_ session: Session, _ query: String) throws -> [[String]] {
        guard case .rows(let r) = try session.execute(query) else { return [] }
        return r.table.rows.map { $0.map(\.display) }
    }

    /// (parameters, query with parameters, the same query with literals).
    static let cases: [([String: String], String, String)] = [
        (["d": "2025-01-01"], "incidents where reported_at >= $d count", "incidents where reported_at >= 2025-01-01 count"),
        (["t": "2025-01-01T12:00"], "incidents where reported_at < $t count", "incidents where reported_at < 2025-01-01T12:00 count"),
        (["n": "4"], "incidents where reported_by = $n count", "incidents where reported_by = \"4\" count"),
        (["n": "4"], "incidents where severity >= $n count", "incidents where severity >= 4 count"),
        (["n": "4"], "incidents where $n <= severity count", "incidents where 4 <= severity count"),
        (["s": "62.5"], "incidents where score > $s count", "incidents where score > 62.5 count"),
        (["h": "V24/25"], "incidents where halfyear = $h count", "incidents where halfyear = \"V24/25\" count"),
        (["l": "Valby"], "incidents where library in ($l, \"Vesterbro\") count", "incidents where library in (\"Valby\", \"Vesterbro\") count"),
        (["b": "true"], "incidents where police_called = $b count", "incidents where police_called = true count"),
        (["a": "2023", "b": "2025"], "incidents group by library, year compare year $a to $b",
         "incidents group by library, year compare year 2023 to 2025"),
        (["q": "x\" or true or \"y"], "incidents where library = $q count", "incidents where library = 'x\" or true or \"y' count"),
        // Beside a date in + and -, a number of days.
        (["days": "30"], "incidents where date(reported_at) >= 2025-03-31 - $days count",
         "incidents where date(reported_at) >= 2025-03-31 - 30 count"),
        (["days": "7"], "incidents where reported_at < $days + 2024-01-01 count", "incidents where reported_at < 7 + 2024-01-01 count"),
    ]

    @Test(arguments: 0..<cases.count)
    func parameterAnswersAsTheLiteral(_ i: Int) throws {
        let (params, withParameters, withLiterals) = ParameterTests.cases[i]
        let session = Session(catalog: TestTables.catalog())
        let want = try ParameterTests.rows(session, withLiterals)
        session.parameters = params
        #expect(try ParameterTests.rows(session, withParameters) == want, "\(withParameters)")
    }

    @Test func aParameterIsNeverAName() throws {
        let session = Session(catalog: TestTables.catalog())
        session.parameters = ["x": "library"]
        for q in ["incidents group by $x", "incidents order by $x", "incidents top 3 by $x"] {
            #expect(throws: Diagnostic.self, "\(q)") { try session.execute(q) }
        }
    }

    @Test func textThatCannotBeTheTypeIsAnError() throws {
        let session = Session(catalog: TestTables.catalog())
        session.parameters = ["d": "banana"]
        do {
            _ = try session.execute("incidents where reported_at >= $d count")
            Issue.record("no error")
        } catch {
            #expect(error.message == "parameter $d is \"banana\", which is not a timestamp")
        }
    }
}
