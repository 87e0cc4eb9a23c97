import Testing
@testable import TrygEngine

@Suite struct LexerTests {
    func tokens(_ s: String) throws(Diagnostic) -> [Token] { try Lexer.tokenize(SourceText(s)) }

    @Test func spansCountCharactersNotBytes() throws {
        let src = SourceText("incidents where library = \"Blågården\"")
        let t = try Lexer.tokenize(src)
        #expect(t.map(\.span) == [Span(0, 9), Span(10, 15), Span(16, 23), Span(24, 25), Span(26, 37), Span(37, 37)])
        #expect(src.slice(t[4].span) == "\"Blågården\"")
        #expect(t[4].kind == .string("Blågården"))
    }

    @Test func unicodeIdentifiersAndBackQuotes() throws {
        let t = try tokens("hændelse `Dato for hændelse` _x1")
        #expect(t[0].kind == .word("hændelse"))
        #expect(t[1].kind == .quotedIdentifier("Dato for hændelse"))
        #expect(t[1].span == Span(9, 28))
        #expect(t[2].kind == .word("_x1"))
    }

    @Test func numbersDatesAndTimestamps() throws {
        let t = try tokens("42 3.5 1e3 2025-01-01 2025-01-01T08:30 2024-02-29T23:59:59")
        #expect(t[0].kind == .int(42))
        #expect(t[1].kind == .decimal(3.5))
        #expect(t[2].kind == .float(1000))
        #expect(t[3].kind == .date(20089))
        let day: Int64 = 20089 * 86_400
        let time: Int64 = 8 * 3600 + 30 * 60
        #expect(t[4].kind == .timestamp(day + time))
        #expect(t[5].span == Span(39, 58))
    }

    @Test func operatorsAndComments() throws {
        let t = try tokens("a <> b -- comment\n# another\n!= <= >= | ;")
        #expect(t.map(\.kind) == [.word("a"), .symbol("<>"), .word("b"), .symbol("!="), .symbol("<="), .symbol(">="),
                                  .symbol("|"), .symbol(";"), .end])
    }

    @Test func stringsWithDoubledQuotesAndEscapes() throws {
        let t = try tokens(#"'it''s' "say \"hi\"""#)
        #expect(t[0].kind == .string("it's"))
        #expect(t[1].kind == .string("say \"hi\""))
    }

    @Test func decomposedInputIsNormalised() throws {
        let t = try tokens("\"Bla\u{030A}ga\u{030A}rden\"")
        #expect(t[0].kind == .string("Blågården"))
        #expect(t[0].span == Span(0, 11))
    }

    @Test func errorsHaveSpans() {
        #expect(throws: Diagnostic.self) { try tokens("\"open") }
        do { _ = try tokens("x = 99999999999999999999") } catch {
            #expect(error.span == Span(4, 24))
            #expect(error.message == "integer out of range")
        }
        // A decimal literal past 18 digits is an error, never a rounded float.
        for literal in ["0.1234567890123456789", "99999999999999999.99", "1.0000000000000000000"] {
            do {
                _ = try tokens("x = \(literal)")
                Issue.record("\(literal) lexed")
            } catch {
                #expect(error.message == "decimal out of range" && error.span == Span(4, 4 + literal.count))
            }
        }
        #expect((try? tokens("0.123456789012345678"))?.first?.kind == .decimal(DecimalValue(units: 123_456_789_012_345_678, scale: 18)))
        do { _ = try tokens("2025-13-01") } catch { #expect(error.message == "'2025-13-01' is not a date") }
        do { _ = try tokens("a ~ b") } catch { #expect(error.span == Span(2, 3)) }
    }

    @Test func locationsAreOneBased() {
        let src = SourceText("a\nbb ccc", name: "x.tryg", firstLine: 3)
        #expect(src.location(of: 0) == (3, 1))
        #expect(src.location(of: 5) == (4, 4))
        #expect(src.line(4) == "bb ccc")
    }
}
