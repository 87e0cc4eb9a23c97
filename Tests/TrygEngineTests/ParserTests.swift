import Testing
@testable import TrygEngine

@Suite struct ParserTests {
    func parse(_ s: String, _ params: [String: String] = [:]) throws -> Statement {
        try Parser.parse(SourceText(s), parameters: params)
    }

    @Test func pipesAreOptional() throws {
        let a = try parse("incidents where library = \"x\" group by halfyear")
        let b = try parse("incidents | where library = \"x\" | group by halfyear")
        guard case .query(let qa) = a.kind, case .query(let qb) = b.kind else { Issue.record("not queries"); return }
        #expect(qa.stages.count == 2)
        #expect(qb.stages.count == 2)
    }

    @Test func precedenceOrAndNotComparison() throws {
        guard case .query(let q) = try parse("t where not a = 1 or b > 2 and c").kind,
              case .filter(let e) = q.stages[0].kind else { Issue.record("no filter"); return }
        guard case .binary("or", let l, let r) = e.kind else { Issue.record("top is not or"); return }
        guard case .unary("not", _) = l.kind else { Issue.record("left is not not"); return }
        guard case .binary("and", _, _) = r.kind else { Issue.record("right is not and"); return }
    }

    @Test func statementsLetAndExplain() throws {
        guard case .let(let n, _) = try parse("let late = incidents where hour >= 20").kind else { Issue.record("no let"); return }
        #expect(n.text == "late")
        guard case .explain = try parse("explain incidents count;").kind else { Issue.record("no explain"); return }
    }

    @Test func parametersAreLiteralsNeverCode() throws {
        guard case .query(let q) = try parse("t where x = $v", ["v": "1 or 1 = 1"]).kind,
              case .filter(let e) = q.stages[0].kind,
              case .binary("=", _, let r) = e.kind else { Issue.record("shape"); return }
        // One literal holding the text as given; the binder types it by its place.
        guard case .literal(.parameter("v", "1 or 1 = 1")) = r.kind else { Issue.record("not one literal"); return }
        guard case .query(let q2) = try parse("t where x = $n", ["n": "42"]).kind,
              case .filter(let e2) = q2.stages[0].kind,
              case .binary("=", _, let r2) = e2.kind,
              case .literal(.parameter("n", "42")) = r2.kind else { Issue.record("not one literal"); return }
        #expect(throws: Diagnostic.self) { try parse("t where x = $missing") }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "t where " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " = 1"
        #expect(throws: Diagnostic.self) { try parse(deep) }
        let chain = "t where x = " + Array(repeating: "1", count: 50_000).joined(separator: " + ")
        #expect(throws: Diagnostic.self) { try parse(chain) }
        let nots = "t where " + String(repeating: "not ", count: 10_000) + "x"
        #expect(throws: Diagnostic.self) { try parse(nots) }
    }

    @Test func sortDirections() throws {
        guard case .query(let q) = try parse("t top 3 by x asc order by y desc, z").kind else { return }
        guard case .top(3, _, let k) = q.stages[0].kind else { Issue.record("no top"); return }
        #expect(k.direction == false)
        guard case .orderBy(let keys) = q.stages[1].kind else { Issue.record("no order"); return }
        #expect(keys.map(\.direction) == [true, nil])
    }
}

@Suite struct ParameterLimitTests {
    @Test func limitFromAParameterMustBeAWholeNumber() throws {
        let s = Session(catalog: TestTables.catalog())
        s.parameters = ["n": "-5", "m": "x", "k": "3"]
        #expect(throws: Diagnostic.self) { try s.execute("incidents limit $n") }
        #expect(throws: Diagnostic.self) { try s.execute("incidents top $m by id") }
        guard case .rows(let r) = try s.execute("incidents limit $k") else { Issue.record("no rows"); return }
        #expect(r.table.rowCount == 3)
    }
}
