extension Session {
    /// A query as one SQL statement in a dialect (`explain sql`, `--sql`), with the warnings
    /// binding found. A stage or function the dialect cannot express is an error naming both.
    func sql(_ query: QueryAST, _ dialect: SQLDialect) throws(Diagnostic) -> (String, [Diagnostic]) {
        var binder = makeBinder()
        let bound = try binder.bind(query)
        if let suppress = bound.suppress {
            throw Diagnostic(.error, "suppression below \(suppress.below) cannot be compiled to \(dialect.title) (sql \(dialect.rawValue))",
                             code: .sqlUnsupported, span: query.span, label: "its complementary cells are chosen in tryg",
                             notes: ["help: leave out suppress (and --suppress) to see the SQL"])
        }
        let plan = Optimizer.standard.optimize(bound.plan)
        var spans: [String: Span] = [:]
        for stage in query.stages {
            switch stage.kind {
            case .trend: spans["trend"] = stage.keywordSpan
            case .limit: spans["limit"] = stage.keywordSpan
            case .orderBy: spans["order"] = stage.keywordSpan
            case .top: spans["top"] = stage.keywordSpan
            default: break
            }
        }
        let (text, notes) = try SQLCompiler.compileReporting(plan, dialect: dialect, domain: domain, querySpan: query.span,
                                                             stageSpans: spans)
        return (text, bound.warnings + notes)
    }

    /// Compiles a query given as text (for tests and tools that run the SQL elsewhere).
    public func sql(_ text: String, dialect: SQLDialect) throws(Diagnostic) -> String {
        let source = SourceText(text)
        do throws(Diagnostic) {
            let statement = try Parser.parse(source, parameters: parameters)
            guard case .query(let query) = statement.kind else {
                throw Diagnostic(.error, "only a query compiles to SQL", code: .sqlUnsupported, span: statement.span,
                                 label: "write the query alone")
            }
            return try sql(query, dialect).0
        } catch {
            throw error.withSource(source)
        }
    }
}
