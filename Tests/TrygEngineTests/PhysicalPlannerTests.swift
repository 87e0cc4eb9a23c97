import Testing
@testable import TrygEngine

/// The physical planner's kernel choices, from the plan's shape and the columns' statistics,
/// and `explain`'s physical plan.
@Suite struct PhysicalPlannerTests {
    /// The kernel of the topmost aggregate (or filter) of a query's optimised plan.
    static func kernel(_ query: String, _ kernels: ExecutionKernels = .all) throws -> PhysicalPlan.Kernel? {
        let statement = try Parser.parse(SourceText(query))
        guard case .query(let ast) = statement.kind else { return nil }
        var binder = Binder(catalog: TestTables.catalog(), domain: .standard)
        let plan = Optimizer.standard.optimize(try binder.bind(ast).plan)
        var node: PhysicalPlan? = PhysicalPlanner(kernels: kernels, domain: .standard).plan(plan)
        while let n = node {
            if case .aggregate = n.logical { return n.kernel }
            if case .filter = n.logical { return n.kernel }
            node = n.inputs.first
        }
        return nil
    }

    @Test func smallKeyDomainsAreDense() throws {
        // A half-year's codes have a known range; a library's dictionary a known size.
        guard case .dense(let groups?) = try PhysicalPlannerTests.kernel("incidents group by halfyear, library") else {
            Issue.record("not dense with known slots"); return
        }
        #expect(groups > 2)
    }

    @Test func aFilterOnASmallDictionaryIsFoldedIn() throws {
        #expect(try PhysicalPlannerTests.kernel("incidents where library = \"Vesterbro\" group by halfyear")
                == .denseFolded(column: "library", value: "Vesterbro"))
        // A value the dictionary does not hold is not folded (the selection is empty anyway).
        #expect(try PhysicalPlannerTests.kernel("incidents where library = \"Nowhere\" group by halfyear")
                != .denseFolded(column: "library", value: "Nowhere"))
    }

    @Test func keysWithoutCodesAreHashed() throws {
        #expect(try PhysicalPlannerTests.kernel("incidents group by score") == .hash)
        #expect(try PhysicalPlannerTests.kernel("incidents group by library compute median(severity)") == .hash)
    }

    @Test func computedKeysAreCheckedWhenTheyRun() throws {
        #expect(try PhysicalPlannerTests.kernel("incidents derive k = severity + 1 group by k") == .dense(groups: nil))
    }

    @Test func joinsAreAggregatedFromMultiplicities() throws {
        #expect(try PhysicalPlannerTests.kernel("incidents join libraries on library = name count") == .joinCount)
        #expect(try PhysicalPlannerTests.kernel("incidents join libraries on library = name compute sum(severity)") == .joinAggregate)
    }

    @Test func theGeneralKernelsAreChosenWhenTheFastOnesAreOff() throws {
        #expect(try PhysicalPlannerTests.kernel("incidents group by halfyear", .general) == .hash)
        #expect(try PhysicalPlannerTests.kernel("incidents join libraries on library = name compute sum(severity)", .general) == .hash)
        #expect(try PhysicalPlannerTests.kernel("incidents where severity > 2", .general) == .booleanColumn)
        #expect(try PhysicalPlannerTests.kernel("incidents where severity > 2") == .selectionVector)
    }

    @Test func explainShowsThePhysicalPlan() throws {
        let session = Session(catalog: TestTables.catalog())
        guard case .plan(let text, _) = try session.execute("explain incidents where library = \"Vesterbro\" group by halfyear") else {
            Issue.record("no plan"); return
        }
        #expect(text.contains("physical plan:\n  Aggregate by [halfyear] [count]"), "\(text)")
        #expect(text.contains("[dense aggregate, filter library = \"Vesterbro\" folded into the grouping]"), "\(text)")
    }
}
