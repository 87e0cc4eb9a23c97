import Foundation
import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

@Suite struct CSVInferenceTests {
    @Test func eachTypeIsInferred() throws {
        let csv = """
            i,d,b,day,ts,t
            1,3.5,true,2025-01-31,2025-01-31T08:30,hej
            -42,-0.25,FALSE,2024-02-29,2025-01-31 23:59:58,1x
            +7,1e3,True,1970-01-01,1970-01-01T00:00:01,true!

            """
        let l = try csvLoad(csv)
        #expect(csvType(l, "i") == .int)
        #expect(csvType(l, "d") == .decimal)
        #expect(csvType(l, "b") == .bool)
        #expect(csvType(l, "day") == .date)
        #expect(csvType(l, "ts") == .timestamp)
        #expect(csvType(l, "t") == .text)
        #expect(csvValues(l, "i") == [.int(1), .int(-42), .int(7)])
        #expect(csvValues(l, "d") == [.decimal(3.5), .decimal(-0.25), .decimal(1000)])
        #expect(csvValues(l, "b") == [.bool(true), .bool(false), .bool(true)])
        #expect(csvValues(l, "day") == [.date(csvDay(2025, 1, 31)), .date(csvDay(2024, 2, 29)), .date(0)])
        let morning = csvDay(2025, 1, 31) * 86_400 + 8 * 3600 + 30 * 60
        let night = csvDay(2025, 1, 31) * 86_400 + 23 * 3600 + 59 * 60 + 58
        #expect(csvValues(l, "ts") == [.timestamp(morning), .timestamp(night), .timestamp(1)])
        #expect(csvValues(l, "t") == [.text("hej"), .text("1x"), .text("true!")])
    }

    @Test func decimalSpellings() throws {
        let short = try csvLoad("d\n.5\n5.\n-1.5E-3\n+2e+2\n0.1\n")
        #expect(csvValues(short, "d") == [.decimal(0.5), .decimal(5), .decimal(-0.0015), .decimal(200), .decimal(0.1)])
        // More significant digits than 18 would be rounded: such a column is text, as written.
        let long = try csvLoad("d\n0.5\n123456789012345678901234\n")
        #expect(csvValues(long, "d") == [.text("0.5"), .text("123456789012345678901234")])
    }

    @Test func decimalParsingMatchesTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0.1", "2.675", "9007199254740993", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308",
                     "0.30000000000000004", "123.456e-7", "-0.0000001"]
        for _ in 0..<2000 {
            let whole = Int.random(in: 0...9_999_999, using: &generator)
            let frac = Int.random(in: 0...999_999, using: &generator)
            texts.append("\(whole).\(frac)")
            texts.append("\(Double.random(in: -1e6...1e6, using: &generator))")
        }
        for text in texts {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.decimal($0) }
            #expect(parsed == Double(text), "\(text)")
        }
        // Past 18 significant digits, and with a leading zero, a number is not read as one.
        for text in ["99999999999999999999.5", "1234567890123456789", "0.1234567890123456789", "0900", "-007.5"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.decimal($0) } == nil, "\(text)")
        }
    }

    @Test func notNumbers() throws {
        // Beyond a double either way: no infinity, and no 0 for a number that is not zero.
        for text in ["1.2.3", "e5", "1e", "-", "+", ".", "inf", "nan", "0x10", " 1 2", "1e999", "1e-400", "-2.5E-999"] {
            let l = try csvLoad("x\n\(text)\n")
            #expect(csvType(l, "x") == .text, "\(text)")
        }
    }

    @Test func aColumnOfDecimalCommasUnderAHeaderOfOneNameIsOneColumn() throws {
        let l = try csvLoad("Beløb\n0,97\n513,00\n-1.234,50\n")
        #expect(l.table.columnNames == ["Beløb"])
        #expect(csvValues(l, "Beløb").map(\.display) == ["0.97", "513.00", "-1234.50"])
        // Two columns of ints under a header of two names stay two columns.
        #expect(try csvLoad("a,b\n1,5\n2,6\n").table.columnNames == ["a", "b"])
    }

    @Test func intAndDecimalMixToDecimal() throws {
        let l = try csvLoad("x\n1\n2.5\n3\n")
        #expect(csvType(l, "x") == .decimal)
        #expect(csvValues(l, "x") == [.decimal(1), .decimal(2.5), .decimal(3)])
    }

    @Test func datesAndTimestampsMixToTimestamp() throws {
        let l = try csvLoad("x\n2025-01-01\n2025-01-01T12:00\n2025-01-02\n")
        #expect(csvType(l, "x") == .timestamp)
        let d = csvDay(2025, 1, 1) * 86_400
        #expect(csvValues(l, "x") == [.timestamp(d), .timestamp(d + 12 * 3600), .timestamp(d + 86_400)])
    }

    @Test func otherMixesAreTextWithTheOriginalSpelling() throws {
        let l = try csvLoad("a,b,c,d\n1,true,2025-01-01,1.50\n2,1,3,x\n,,,\n007,0,x,2\n")
        for name in ["a", "c", "d"] { #expect(csvType(l, name) == .text, "\(name)") }
        // Beside a boolean, 1 and 0 are booleans (`onesAndZerosBesideBooleansAreBooleans`).
        #expect(csvValues(l, "b") == [.bool(true), .bool(true), .null, .bool(false)])
        #expect(csvValues(l, "c") == [.text("2025-01-01"), .text("3"), .null, .text("x")])
        #expect(csvValues(l, "d") == [.text("1.50"), .text("x"), .null, .text("2")])
        // A leading zero marks an identifier: `007` stays as written.
        #expect(csvValues(l, "a") == [.text("1"), .text("2"), .null, .text("007")])
    }

    /// A column of kinds that share no type, with no text among them, is text and says why.
    @Test func aMixOfKindsWithoutTextIsNoted() throws {
        let l = try csvLoad("id,b\n1,2025-01-01\n2,true\n3,4\n4,5\n")
        #expect(csvType(l, "b") == .text)
        #expect(l.report.notes.contains("b: text: its values mix 2 numbers, 1 date and 1 boolean"), "\(l.report.notes)")
    }

    @Test func onlyNullsIsText() throws {
        let l = try csvLoad("a,b\n1,\n2,\n")
        #expect(csvType(l, "b") == .text)
        #expect(csvValues(l, "b") == [.null, .null])
    }

    @Test func nullsBeforeTheFirstValueKeepTheType() throws {
        let l = try csvLoad("a,b\n1,\n2,\n3,x\n4,5\n")
        #expect(csvValues(l, "b") == [.null, .null, .text("x"), .text("5")])
        let n = try csvLoad("a,b\n1,\n2,\n3,4\n")
        #expect(csvValues(n, "b") == [.null, .null, .int(4)])
    }

    @Test func moreThanEighteenDigitsStayText() throws {
        let l = try csvLoad("big,edge,mixed\n9223372036854775808,9223372036854775807,99999999999999999999\n1,-9223372036854775808,x\n")
        // Nineteen digits are more than a number keeps exactly: text, as written.
        #expect(csvValues(l, "big") == [.text("9223372036854775808"), .text("1")])
        #expect(csvValues(l, "edge") == [.text("9223372036854775807"), .text("-9223372036854775808")])
        let eighteen = try csvLoad("n\n999999999999999999\n-999999999999999999\n")
        #expect(csvValues(eighteen, "n") == [.int(999_999_999_999_999_999), .int(-999_999_999_999_999_999)])
        #expect(csvValues(l, "mixed") == [.text("99999999999999999999"), .text("x")])
    }

    @Test func invalidDatesStayText() throws {
        let l = try csvLoad("a,b,c\n2025-02-30,2025-01-01T24:00,2025-1-01\n2025-01-01,2025-01-01T23:60,2025-01-01\n")
        #expect(csvType(l, "a") == .text)
        #expect(csvValues(l, "a") == [.text("2025-02-30"), .text("2025-01-01")])
        #expect(csvType(l, "b") == .text)
        #expect(csvType(l, "c") == .text)
        let leap = try csvLoad("d\n2024-02-29\n")
        #expect(csvType(leap, "d") == .date)
    }

    @Test func textIsNormalisedToNFC() throws {
        let decomposed = "Bla\u{30A}ga\u{30A}rden"
        let l = try csvLoad("library\nBlågården\n\(decomposed)\n\"\(decomposed)\"\nNørrebro\n")
        guard let column = l.table.column("library"), case .text(let codes, let dictionary) = column.storage else {
            Issue.record("not a text column")
            return
        }
        #expect(codes[0] == codes[1] && codes[1] == codes[2])
        #expect(dictionary.values.count == 2)
        #expect(dictionary.values[0].unicodeScalars.count == 9)
        #expect(csvValues(l, "library")[1] == .text("Blågården"))
    }

    @Test func decomposedFirstStillEncodesOnce() throws {
        let l = try csvLoad("x\nA\u{30A}\n\u{C5}\n")
        guard case .text(let codes, let dictionary)? = l.table.column("x")?.storage else {
            Issue.record("not a text column")
            return
        }
        #expect(codes == [0, 0])
        #expect(dictionary.values == ["\u{C5}"])
        #expect(Array(dictionary.values[0].utf8) == [0xC3, 0x85])
    }

    /// The encoder skips normalisation when every scalar is below U+0300; check that no
    /// such scalar changes under NFC, alone or after a letter.
    @Test func scalarsBelowU0300AreAlreadyNFC() {
        for v in 0xA0..<0x300 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = "a" + String(Character(scalar)) + "e"
            #expect(s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars), "U+\(v)")
        }
    }

    @Test func scaleMakesACategory() throws {
        let options = ImportOptions(scales: ["safety": SurveyScale.safety, "library": SurveyScale.safety])
        let l = try csvLoad("library,safety\nVesterbro,tryg\nVesterbro,\nNørrebro,Meget Tryg\n", options: options)
        #expect(csvType(l, "safety") == .category(SurveyScale.safety))
        #expect(csvValues(l, "safety") == [.category(3, SurveyScale.safety), .null, .category(4, SurveyScale.safety)])
        #expect(csvType(l, "library") == .text)
    }

    @Test func scaleStaysTextWhenAValueIsOutside() throws {
        let l = try csvLoad("safety\ntryg\nvery safe\n", options: ImportOptions(scales: ["safety": SurveyScale.safety]))
        #expect(csvType(l, "safety") == .text)
        #expect(csvValues(l, "safety") == [.text("tryg"), .text("very safe")])
    }

    @Test func scaleAfterLeadingNulls() throws {
        let l = try csvLoad("id,safety\n1,\n2,utryg\n", options: ImportOptions(scales: ["safety": SurveyScale.safety]))
        #expect(csvValues(l, "safety") == [.null, .category(1, SurveyScale.safety)])
    }

    /// A missing-value marker among a scale's words is null, not a reason to read the column
    /// as text (where `safety >= "tryg"` would go by the alphabet); however the file is cut.
    @Test(arguments: [1, 3])
    func scaleReadsMarkersAsNull(chunks: Int) throws {
        let words = ["meget utryg", "utryg", "hverken/eller", "tryg", "meget tryg", "NULL", "-", "n/a", ""]
        var rng = SeededGenerator(state: 21)
        var text = "id,safety\n"
        var expected: [Value] = []
        var markers = 0
        for i in 0..<4000 {
            let k = Int.random(in: 0..<words.count, using: &rng)
            text += "\(i),\(words[k])\n"
            expected.append(k < 5 ? .category(k, SurveyScale.safety) : .null)
            if k >= 5 && k < 8 { markers += 1 }
        }
        var options = ImportOptions(scales: ["safety": SurveyScale.safety])
        options.chunks = chunks
        let l = try csvLoad(text, options: options)
        #expect(csvType(l, "safety") == .category(SurveyScale.safety))
        #expect(csvValues(l, "safety") == expected)
        #expect(l.report.notes.contains { $0.hasPrefix("safety: \(LoadReport.grouped(markers)) missing-value markers") },
                "\(l.report.notes)")
    }

    @Test func aValueOffTheScaleIsNamedInANote() throws {
        let l = try csvLoad("safety\ntryg\nved ikke\nNULL\n", options: ImportOptions(scales: ["safety": SurveyScale.safety]))
        #expect(csvType(l, "safety") == .text)
        #expect(l.report.notes.contains { $0.hasPrefix("safety: 'ved ikke' is not on the safety scale") }, "\(l.report.notes)")
        var options = ImportOptions(scales: ["safety": SurveyScale.safety])
        options.nullMarkers = ["ved ikke"]
        let named = try csvLoad("safety\ntryg\nved ikke\nNULL\n", options: options)
        #expect(csvValues(named, "safety") == [.category(3, SurveyScale.safety), .null, .null])
    }

    /// `1` and `0` beside booleans are booleans, wherever they come (in the sample, after it,
    /// in another chunk); a column of only 1 and 0, or with another number, stays int.
    @Test(arguments: [1, 3])
    func onesAndZerosBesideBooleansAreBooleans(chunks: Int) throws {
        var options = ImportOptions()
        options.chunks = chunks
        func column(_ values: [String]) throws -> (DataType?, [Value]) {
            let l = try csvLoad("id,b\n" + values.enumerated().map { "\($0),\($1)\n" }.joined(), options: options)
            return (csvType(l, "b"), csvValues(l, "b"))
        }
        let bits = (0..<6000).map { $0 % 3 == 0 ? "1" : "0" }
        let bitValues: [Value] = bits.map { .bool($0 == "1") }
        #expect(try column(["1", "0", "true", "false", ""]) == (.bool, [.bool(true), .bool(false), .bool(true), .bool(false), .null]))
        #expect(try column(["ja", "nej", "1", "0"]) == (.bool, [.bool(true), .bool(false), .bool(true), .bool(false)]))
        #expect(try column(bits + ["true", "FALSE"]) == (.bool, bitValues + [.bool(true), .bool(false)]))
        #expect(try column(["nej"] + bits) == (.bool, [.bool(false)] + bitValues))
        #expect(try column(bits).0 == .int)
        #expect(try column(bits + ["2"]).0 == .int)
        #expect(try column(bits + ["true", "abc"]).0 == .text)
    }
}

/// Half-years written as tryg labels them read back as half-years, in calendar order.
@Suite struct CSVHalfYearInferenceTests {
    static func h(_ text: String) throws -> Value { .halfYear(try #require(HalfYear(parsing: text))) }

    @Test(arguments: [1, 3])
    func labelsAreHalfYears(chunks: Int) throws {
        var options = ImportOptions()
        options.chunks = chunks
        var csv = "halvår,n\n"
        let labels = ["vinter 2024/25", "sommer 2025", "NULL", "Vinter 2022/2023", "", "SOMMER 2023"]
        for i in 0..<600 { csv += "\(labels[i % labels.count]),\(i)\n" }
        let l = try csvLoad(csv, options: options)
        #expect(csvType(l, "halvår") == .halfYear)
        let expected = [try Self.h("vinter 2024/25"), try Self.h("sommer 2025"), .null, try Self.h("vinter 2022/23"), .null,
                        try Self.h("sommer 2023")]
        #expect(csvValues(l, "halvår") == (0..<600).map { expected[$0 % expected.count] })
        #expect(l.rowsRejected == 0)
    }

    @Test func otherSpellingsStayText() throws {
        // Short forms may be other things; a value that is no half-year keeps the column text.
        for column in [["2024/25", "2025"], ["S25", "V24/25"], ["vinter 2024/25", "vinter"], ["sommer 2025", "sommerfest"]] {
            let l = try csvLoad("x\n" + column.joined(separator: "\n") + "\n")
            #expect(csvType(l, "x") == .text, "\(column)")
            #expect(csvValues(l, "x") == column.map { .text($0) })
        }
        // Declared text stays text.
        var options = ImportOptions()
        options.types = ["x": .text]
        #expect(csvType(try csvLoad("x\nsommer 2025\n", options: options), "x") == .text)
    }
}
