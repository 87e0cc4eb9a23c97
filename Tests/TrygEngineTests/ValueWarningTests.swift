import Testing
@testable import TrygEngine

/// Warnings for literals that match no row, over lists of any length.
@Suite struct ValueWarningTests {
    /// Five thousand unmatched values are one warning that counts them, not five thousand.
    @Test func aLongInListWarnsOnce() throws {
        let session = Session(catalog: TestTables.catalog())
        for (column, present, literal) in [("library", "\"Valby\"", { (i: Int) in "\"nowhere \(i)\"" }),
                                           ("id", "1", { (i: Int) in "\(100_000 + i)" })] {
            let list = (0..<5_000).map(literal).joined(separator: ", ")
            guard case .rows(let r) = try session.execute("incidents where \(column) in (\(present), \(list)) count") else {
                Issue.record("no rows")
                continue
            }
            #expect(r.warnings.count == 1, "\(column): \(r.warnings.count) warnings")
            #expect(r.warnings.first?.message == "5000 of the 5001 values listed match no \(column)")
        }
    }

    /// Every literal an `in` list holds that matches no row is counted, and none that does.
    @Test func theCountIsExactForRandomLists() throws {
        let session = Session(catalog: TestTables.catalog())
        var rng = TestTables.Rng(state: 99)
        for _ in 0..<50 {
            let values = (0..<(2 + rng.int(20))).map { _ in rng.int(12) - 3 }   // severity is 1…5
            let missing = values.filter { !(1...5).contains($0) }.count
            guard case .rows(let r) = try session.execute("incidents where severity in (\(values.map(String.init).joined(separator: ", "))) count")
            else { continue }
            switch missing {
            case 0: #expect(r.warnings.isEmpty)
            case 1: #expect(r.warnings.first?.message.hasPrefix("no severity is") == true)
            default: #expect(r.warnings.first?.message == "\(missing) of the \(values.count) values listed match no severity")
            }
        }
    }

    /// A whole number written with decimals (`3.0`, `3e0`) matches an int column's 3: no
    /// warning; `3.5` matches nothing and is warned of, in a comparison and in a list.
    /// `contains`, `starts with` and `ends with` warn exactly when the filter leaves no row, for
    /// text stored with a dictionary and as plain bytes, ignoring case (Danish letters too).
    @Test(arguments: [TextLayout.dictionary, .plain])
    func textMatchesWarnExactlyWhenNothingMatches(_ layout: TextLayout) throws {
        let table = try #require(TestTables.catalog().table("incidents")).withTextLayout(layout)
        let session = Session(catalog: Catalog([table]))
        var rng = TestTables.Rng(state: 31)
        let letters = Array("abdeglnorstvæøåÆØÅ ")
        for _ in 0..<60 {
            let needle = String((0..<(1 + rng.int(4))).map { _ in letters[rng.int(letters.count)] })
            for (op, column) in [("contains", "library"), ("starts with", "category"), ("ends with", "reported_by")] {
                let query = "incidents where \(column) \(op) \"\(needle)\" count"
                guard case .rows(let r) = try session.execute(query) else { continue }
                let none = r.table.rows.first?.first == .int(0)
                let warned = r.warnings.contains { $0.message.hasPrefix("no \(column) \(op)") }
                #expect(none == warned, "\(layout): \(query) → \(r.table.rows), warnings \(r.warnings.map(\.message))")
            }
        }
    }

    @Test func wholeNumbersWithDecimalsMatchInts() throws {
        let session = Session(catalog: TestTables.catalog())
        for (query, warns) in [("incidents where severity = 3.0 count", false), ("incidents where severity = 3.00 count", false),
                               ("incidents where severity in (2.0, 3) count", false), ("incidents where severity = 3.5 count", true),
                               ("incidents where severity in (2.0, 3.5) count", true), ("incidents where severity = 30.0 count", true)] {
            guard case .rows(let r) = try session.execute(query) else { Issue.record("no rows: \(query)"); continue }
            #expect(r.warnings.isEmpty == !warns, "\(query): \(r.warnings.map(\.message))")
        }
    }
}
