import Testing
import TrygDomain
@testable import TrygEngine

/// The SQL compiler: quoting that no name or text can escape, `explain sql` parsing, and the
/// plan-time errors for what a dialect cannot express.
@Suite struct SQLCompilerTests {
    /// Reads a quoted literal back as the dialect's lexer would; nil when it is not one literal.
    static func unquoteLiteral(_ sql: String, _ dialect: SQLDialect) -> String? {
        var chars = Array(sql)
        guard chars.count >= 2, chars.first == "'", chars.last == "'" else { return nil }
        chars = Array(chars[1..<(chars.count - 1)])
        var out = "", i = 0
        while i < chars.count {
            let c = chars[i]
            if dialect == .spark && c == "\\" {
                guard i + 1 < chars.count else { return nil }
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "'" {
                // Only a doubled quote may stand inside (PostgreSQL, DuckDB); Spark escapes it.
                guard dialect != .spark, i + 1 < chars.count, chars[i + 1] == "'" else { return nil }
                out.append("'")
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Reads a quoted identifier back; nil when it is not one identifier.
    static func unquoteIdentifier(_ sql: String, _ dialect: SQLDialect) -> String? {
        let q: Character = dialect == .spark ? "`" : "\""
        var chars = Array(sql)
        guard chars.count >= 2, chars.first == q, chars.last == q else { return nil }
        chars = Array(chars[1..<(chars.count - 1)])
        var out = "", i = 0
        while i < chars.count {
            if chars[i] == q {
                guard i + 1 < chars.count, chars[i + 1] == q else { return nil }
                i += 1
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    static let hostile = ["it's", "a\"b", "back\\slash", "`tick`", "'; DROP TABLE incidents; --", "\\'", "''", "\"\"",
                          "æøå ÆØÅ", "line\nbreak", "\\", "'", "\"", "`", "", "tab\there", "emoji 🎉", "\\\\'\\"]

    @Test(arguments: SQLDialect.allCases)
    func literalsReadBackAsWritten(_ dialect: SQLDialect) throws {
        var rng = TestTables.Rng(state: 11)
        let alphabet: [Character] = ["'", "\"", "\\", "`", "a", "ø", " ", "\n", ";", "-", "%", "_", "$", "é"]
        var samples = SQLCompilerTests.hostile
        for _ in 0..<300 { samples.append(String((0..<rng.int(12)).map { _ in alphabet[rng.int(alphabet.count)] })) }
        for s in samples {
            let literal = try SQLQuoting.literal(s, dialect)
            #expect(SQLCompilerTests.unquoteLiteral(literal, dialect) == s, "\(dialect) literal \(literal)")
            let identifier = try SQLQuoting.identifier(s, dialect)
            #expect(SQLCompilerTests.unquoteIdentifier(identifier, dialect) == s, "\(dialect) identifier \(identifier)")
        }
    }

    @Test(arguments: SQLDialect.allCases)
    func nulIsRejected(_ dialect: SQLDialect) {
        #expect(throws: SQLQuoting.Unwritable.self) { try SQLQuoting.literal("a\u{0}b", dialect) }
        #expect(throws: SQLQuoting.Unwritable.self) { try SQLQuoting.identifier("\u{0}", dialect) }
    }

    /// A table whose names and values would break SQL pasted together: every one comes out quoted.
    static func hostileSession() -> Session {
        var a = ColumnBuilder(type: .text), b = ColumnBuilder(type: .int)
        a.append(.text("x"))
        b.append(.int(1))
        let catalog = Catalog()
        catalog.register(Table(name: "tab\"le's", columnNames: ["it's \"a\" col", "back\\slash"], columns: [a.finish(), b.finish()]))
        return Session(catalog: catalog)
    }

    @Test(arguments: SQLDialect.allCases)
    func hostileNamesAndTextsAreQuoted(_ dialect: SQLDialect) throws {
        let session = SQLCompilerTests.hostileSession()
        let text = "`tab\"le's` where `it's \"a\" col` = \"'); drop table x; --\" group by `back\\slash`"
        let sql = try session.sql(text, dialect: dialect)
        #expect(sql.contains(try SQLQuoting.identifier("tab\"le's", dialect)))
        #expect(sql.contains(try SQLQuoting.identifier("it's \"a\" col", dialect)))
        #expect(sql.contains(try SQLQuoting.identifier("back\\slash", dialect)))
        #expect(sql.contains(try SQLQuoting.literal("'); drop table x; --", dialect)))
    }

    @Test func explainSQLNamesTheDialect() throws {
        let session = Session(catalog: TestTables.catalog())
        for (statement, quote) in [("explain sql incidents count", "\""), ("explain sql postgres incidents count", "\""),
                                   ("explain sql duckdb incidents count", "\""), ("explain sql SPARK incidents count", "`")] {
            guard case .plan(let text, _) = try session.execute(statement) else { Issue.record("no SQL: \(statement)"); continue }
            #expect(text.hasPrefix("WITH"), "\(statement)")
            #expect(text.contains("FROM \(quote)incidents\(quote)"), "\(statement): \(text)")
            #expect(text.contains("COUNT(*)"))
        }
    }

    @Test func aTableNamedSQLIsStillATable() {
        let session = Session(catalog: TestTables.catalog())
        // `sql` before a stage is the table: explain of an unknown table, not SQL.
        #expect(throws: Diagnostic.self) { try session.execute("explain sql count") }
        do { _ = try session.execute("explain sql count") } catch { #expect(error.code == .unknownTable) }
        do { _ = try session.execute("explain sql mysql incidents count") } catch {
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("mysql"))
        }
    }

    @Test func sqlFlagCompilesQueriesInsteadOfRunning() throws {
        let session = Session(catalog: TestTables.catalog())
        session.sqlDialect = .duckdb
        guard case .plan(let text, _) = try session.execute("incidents group by halfyear") else {
            Issue.record("--sql ran the query"); return
        }
        #expect(text.contains("GROUP BY"))
        #expect(text.contains("'vinter '"))
    }

    /// Each refusal is a plan-time error with its own code, naming what and the dialect.
    @Test func whatADialectCannotExpressIsAnError() {
        let session = Session(catalog: TestTables.catalog())
        let cases: [(String, SQLDialect, String)] = [
            ("libraries select substr(name, -3) as s", .postgres, "substr"),
            ("incidents select date_diff(\"hour\", reported_at, 2025-01-01) as h", .spark, "date_diff"),
            ("incidents limit 3", .duckdb, "limit"),
            ("incidents order by library limit 3", .spark, "Danish"),
            ("incidents group by library compute mode(severity)", .duckdb, "mode"),
            ("incidents group by library compute sum(severity)", .spark, "sum"),
            ("incidents group by library suppress below 5", .postgres, "suppression"),
            // DuckDB and Spark read names without regard to case, quoted or not.
            ("incidents derive Library = \"x\" select library, Library", .duckdb, "'Library'"),
            ("incidents derive Library = \"x\" group by library compute count(Library) as n", .spark, "'Library'"),
            // A pattern from a column could hold PCRE's \b, which PostgreSQL reads as a backspace.
            ("incidents where description matches category count", .postgres, "matches"),
        ]
        for (query, dialect, what) in cases {
            do {
                _ = try session.sql(query, dialect: dialect)
                Issue.record("compiled: \(query) for \(dialect)")
            } catch {
                #expect(error.code == .sqlUnsupported, "\(query)")
                #expect(error.message.contains(what), "\(query): \(error.message)")
                #expect(error.message.contains(dialect.title), "\(query): \(error.message)")
            }
        }
    }

    /// PostgreSQL keeps quoted names apart by case, so two columns that differ only in case compile.
    @Test func namesDifferingInCaseCompileForPostgreSQL() throws {
        let session = Session(catalog: TestTables.catalog())
        let sql = try session.sql("incidents derive Library = \"x\" select library, Library", dialect: .postgres)
        #expect(sql.contains("AS \"Library\"") && sql.contains("AS \"library\""))
    }

    /// PCRE's word boundaries `\b` and `\B` are PostgreSQL's `\y` and `\Y`; a backspace `[\b]` in a
    /// bracket, an escaped backslash and everything else stay as written. DuckDB (RE2) and Spark
    /// SQL (Java) read the pattern as PCRE does.
    @Test func postgreSQLPatternsSayWordBoundariesItsWay() {
        let cases: [(String, String)] = [
            (#"\bdør\b"#, #"\ydør\y"#), (#"\Bpe\b"#, #"\Ype\y"#), (#"[\b]"#, #"[\x08]"#), (#"\\b"#, #"\\b"#),
            (#"a\\\b"#, #"a\\\y"#), (#"[]\b]\b"#, #"[]\x08]\y"#), (#"[^]\b]\B"#, #"[^]\x08]\Y"#),
            (#"[[:alpha:]\b]+\b"#, #"[[:alpha:]\x08]+\y"#), (#"[\]\b]\b"#, #"[\]\x08]\y"#), (#"\[\b"#, #"\[\y"#),
            (#"^\w+\s\d$"#, #"^\w+\s\d$"#), (#"b\"#, #"b\"#), ("", ""), ("ø]b", "ø]b"),
        ]
        for (pcre, postgres) in cases {
            #expect(SQLDialect.postgres.regularExpression(pcre) == postgres, "\(pcre)")
            // The others change only the backspace in a bracket.
            let others = postgres.replacingOccurrences(of: #"\y"#, with: #"\b"#).replacingOccurrences(of: #"\Y"#, with: #"\B"#)
            #expect(SQLDialect.duckdb.regularExpression(pcre) == (pcre.contains(#"\\b"#) ? pcre : others), "\(pcre)")
            #expect(SQLDialect.spark.regularExpression(pcre) == SQLDialect.duckdb.regularExpression(pcre))
        }
        // Random patterns: only a `b` or `B` after an unescaped backslash changes, outside
        // brackets into `y` or `Y` (PostgreSQL), inside into `x08`, and nothing else moves.
        var rng = TestTables.Rng(state: 5)
        let alphabet: [Character] = ["\\", "b", "B", "[", "]", "^", ":", "a", "ø"]
        for _ in 0..<2000 {
            let pcre = String((0..<rng.int(12)).map { _ in alphabet[rng.int(alphabet.count)] })
            let out = SQLDialect.postgres.regularExpression(pcre).replacingOccurrences(of: "x08", with: "β")
            #expect(out.count == pcre.count, "\(pcre) → \(out)")
            for (a, b) in zip(pcre, out) where a != b {
                #expect((a == "b" && (b == "y" || b == "β")) || (a == "B" && b == "Y"), "\(pcre) → \(out)")
            }
        }
        let session = Session(catalog: TestTables.catalog())
        let q = #"incidents where description matches "\bved\b" count"#
        #expect((try? session.sql(q, dialect: .postgres))?.contains(#"~ '\yved\y'"#) == true)
        #expect((try? session.sql(q, dialect: .duckdb))?.contains(#"'\bved\b'"#) == true)
    }

    /// PostgreSQL has no MIN or MAX of booleans: the least is BOOL_AND, the greatest BOOL_OR, in
    /// a grouping and in a pivot's cells; the other dialects order booleans with MIN and MAX.
    @Test func minAndMaxOfBooleansCompileForEachDialect() throws {
        let session = Session(catalog: TestTables.catalog())
        let q = "incidents group by library compute min(police_called) as lo, max(police_called) as hi, max(severity) as s"
        let pg = try session.sql(q, dialect: .postgres)
        #expect(pg.contains(#"BOOL_AND("police_called") AS "lo""#) && pg.contains(#"BOOL_OR("police_called") AS "hi""#), "\(pg)")
        #expect(pg.contains(#"MAX("severity")"#))
        for dialect in [SQLDialect.duckdb, .spark] {
            let sql = try session.sql(q, dialect: dialect)
            #expect(sql.contains("MIN(") && !sql.contains("BOOL_"), "\(dialect): \(sql)")
        }
        let pivot = try session.sql("incidents group by library, season compute max(police_called) as any pivot season", dialect: .postgres)
        #expect(pivot.contains("BOOL_OR(CASE WHEN") && !pivot.contains("MAX(CASE WHEN"), "\(pivot)")
    }

    /// What the dialects differ in comes from the dialect, in each statement.
    @Test func dialectsDifferWhereTheyMust() throws {
        let session = Session(catalog: TestTables.catalog())
        let q = "incidents group by library compute median(severity), count order by library"
        let pg = try session.sql(q, dialect: .postgres), duck = try session.sql(q, dialect: .duckdb)
        #expect(pg.contains("PERCENTILE_CONT(0.5) WITHIN GROUP"))
        #expect(pg.contains("COLLATE \"da-x-icu\""))
        #expect(duck.contains("QUANTILE_CONT("))
        let spark = try session.sql("incidents group by library compute median(severity)", dialect: .spark)
        #expect(spark.contains("PERCENTILE(CAST("))
        #expect(spark.contains("`library`"))
    }
}
