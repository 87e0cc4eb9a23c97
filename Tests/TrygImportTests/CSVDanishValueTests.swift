import Testing
import TrygDomain
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

@Suite struct CSVDanishValueTests {
    private func parse(_ text: String, _ format: CSVNumberFormat) -> CSVValue? {
        Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.number($0, format) }
    }

    private func number(_ text: String, _ format: CSVNumberFormat) -> Double? {
        switch parse(text, format) {
        case .int(let v)?: return Double(v)
        case .decimal(let v)?: return v
        default: return nil
        }
    }

    static let danish = CSVNumberFormat(decimalComma: true, thousands: UInt8(ascii: "."))
    static let english = CSVNumberFormat(decimalComma: false, thousands: UInt8(ascii: ","))

    @Test func decimalCommaAndDotThousands() {
        let f = CSVDanishValueTests.danish
        #expect(number("3,5", f) == 3.5)
        #expect(number("-0,25", f) == -0.25)
        #expect(number("12.345", f) == 12345)
        #expect(number("1.234.567,89", f) == 1_234_567.89)
        #expect(number(",5", f) == 0.5)
        #expect(number("1,5E+3", f) == 1500)
        if case .int(12345)? = parse("12.345", f) {} else { Issue.record("12.345 is the int 12345") }
        for bad in ["3.5", "12.34", "1234.567", "1.2345", "24.11.2025", "1,2,3", "1.", "e5", "--1", "1 000"] {
            #expect(parse(bad, f) == nil, "\(bad)")
        }
    }

    @Test func decimalPointAndCommaThousands() {
        let f = CSVDanishValueTests.english
        #expect(number("3.5", f) == 3.5)
        #expect(number("1,234", f) == 1234)
        #expect(number("1,234,567.5", f) == 1_234_567.5)
        for bad in ["3,5", "12,34", "1,2345"] { #expect(parse(bad, f) == nil, "\(bad)") }
    }

    @Test func danishDatesAndTimes() {
        func value(_ text: String) -> CSVValue? {
            Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.dateOrTimestamp($0) }
        }
        let day = csvDay(2025, 11, 24)
        for text in ["24-11-2025", "24.11.2025", "24/11/2025", "2025-11-24"] {
            guard case .date(let d)? = value(text) else { Issue.record("\(text)"); continue }
            #expect(d == day, "\(text)")
        }
        guard case .date(let early)? = value("1.2.2025") else { Issue.record("1.2.2025"); return }
        #expect(early == csvDay(2025, 2, 1))
        let at = day * 86_400 + 14 * 3600 + 5 * 60
        for text in ["24/11/2025 14:05", "24-11-2025 14:05", "24.11.2025 14.05", "24-11-2025 14:05:00"] {
            guard case .timestamp(let t)? = value(text) else { Issue.record("\(text)"); continue }
            #expect(t == at, "\(text)")
        }
        for bad in ["31-02-2025", "24-13-2025", "24-11-25", "24-11/2025", "24-11-2025 24:01", "24-11-2025 25:00", "24-11-2025 14:5",
                    "24-11-2025 14:05.00", "24-11-2025T14:05", "11/24/2025", "24-11-20255"] {
            #expect(value(bad) == nil, "\(bad)")
        }
    }

    @Test func danishBooleans() {
        func value(_ text: String, digits: Bool = false) -> Bool? {
            Array(text.utf8).withUnsafeBufferPointer { CSVValueParser.bool($0, digits: digits) }
        }
        #expect(["ja", "Ja", "JA", "sand", "SAND", "true"].map { value($0) } == Array(repeating: true, count: 6))
        #expect(["nej", "Nej", "falsk", "FALSK", "False"].map { value($0) } == Array(repeating: false, count: 5))
        #expect(value("1") == nil && value("1", digits: true) == true && value("0", digits: true) == false)
        #expect(value("jaa") == nil && value("n") == nil && value("2", digits: true) == nil)
    }

    /// A lone 0 before the mark (`0.250`) is no thousands group: the mark is the column's
    /// decimal mark, and `1.500` beside it is one and a half.
    @Test func aLeadingZeroSettlesTheDecimalMark() throws {
        let point = try csvLoad("id;kg\n1;0.250\n2;1.500\n3;2.125\n")
        #expect(csvValues(point, "kg").map(\.display) == ["0.250", "1.500", "2.125"])
        let comma = try csvLoad("id,kg\n1,\"0,250\"\n2,\"1,500\"\n3,\"-0,125\"\n")
        #expect(csvValues(comma, "kg").map(\.display) == ["0.250", "1.500", "-0.125"])
        // Without such a value, `1.500` in a `;` file stays Danish thousands.
        let thousands = try csvLoad("id;n\n1;1.500\n2;2.125\n")
        #expect(csvValues(thousands, "n") == [.int(1500), .int(2125)])
    }

    /// With `thousands space`, a no-break space (U+00A0, and the narrow U+202F) groups too.
    @Test func noBreakSpacesGroupThousands() throws {
        var options = ImportOptions()
        options.thousands = .separator(UInt8(ascii: " "))
        options.decimalComma = true
        let l = try csvLoad("id;b\n1;1 234,50\n2;1\u{A0}234,50\n3;12\u{202F}345\n4;-7\u{A0}000\n", options: options)
        #expect(csvValues(l, "b").map(\.display) == ["1234.50", "1234.50", "12345.00", "-7000.00"])
        // A no-break space where a group cannot end is no number.
        #expect(csvType(try csvLoad("b\n1\u{A0}23\n", options: options), "b") == .text)
    }

    /// Without `thousands`, a column whose numbers group thousands by spaces (or no-break
    /// spaces) reads them, in either decimal mark, padded or not, in any delimiter, and says so;
    /// every value reads back as the number written.
    @Test func spaceGroupedNumbersAreSniffedPerColumn() throws {
        var rng = SeededGenerator(state: 23)
        for round in 0..<40 {
            let comma = round % 2 == 0
            let delimiter = ["\t", ";", ",", "|"][round % 4]
            let spaces = [" ", "\u{A0}", "\u{202F}"]
            var csv = "id\(delimiter)beløb\n"
            var want: [String] = []
            for i in 0..<Int.random(in: 2..<30, using: &rng) {
                let whole = Int.random(in: 0..<5_000_000, using: &rng)
                let cents = Int.random(in: 0..<100, using: &rng)
                let digits = String(whole)
                var grouped = ""
                for (k, ch) in digits.enumerated() {
                    if k > 0, (digits.count - k) % 3 == 0 { grouped += spaces.randomElement(using: &rng) ?? " " }
                    grouped.append(ch)
                }
                let pad = Bool.random(using: &rng) ? " " : ""
                let field = pad + grouped + (comma ? "," : ".") + (cents < 10 ? "0" : "") + String(cents) + pad
                let quoted = delimiter == "," && comma ? "\"" + field + "\"" : field
                csv += "\(i)\(delimiter)\(quoted)\n"
                want.append("\(whole).\(cents < 10 ? "0" : "")\(cents)")
            }
            // One grouped value is enough to say so.
            let last = "1\(spaces[0])000\(comma ? "," : ".")00"
            csv += "999\(delimiter)\(delimiter == "," && comma ? "\"" + last + "\"" : last)\n"
            want.append("1000.00")
            let l = try csvLoad(csv)
            #expect(csvValues(l, "beløb").map(\.display) == want, "round \(round)")
            #expect(l.report.notes.contains { $0.hasPrefix("beløb: ' ' read as thousands separator") }, "\(l.report.notes)")
        }
        // Padded decimal commas in a tab file, every value padded.
        #expect(csvValues(try csvLoad("id\tv\n1\t 1,5\n2\t 2,25\n"), "v").map(\.display) == ["1.50", "2.25"])
        // Groups of other lengths (phone numbers) are no such numbers.
        #expect(csvType(try csvLoad("id;tlf\n1;33 66 33 66\n2;12 34 56 78\n"), "tlf") == .text)
        #expect(csvType(try csvLoad("id;x\n1;12 3456\n2;1 23\n"), "x") == .text)
    }

    /// `1.500` read as 1500 is noted wherever in the file it stands, sampled or not.
    @Test(arguments: [1, 3])
    func aThousandsGroupPastTheSampleIsNoted(chunks: Int) throws {
        var csv = "id;a\n"
        for i in 0..<60_000 { csv += i == 55_555 ? "\(i);1.500\n" : "\(i);\(i % 97)\n" }
        var options = ImportOptions()
        options.chunks = chunks
        let l = try csvLoad(csv, options: options)
        #expect(csvValues(l, "a")[55_555] == .int(1500))
        #expect(l.report.notes.contains("a: '.' read as thousands separator (1.500 = 1500)"), "\(l.report.notes)")
    }

    @Test func semicolonFileWithDecimalCommasLoadsTyped() throws {
        let csv = """
            id;dato;tidspunkt;beløb;politi;bibliotek
            1;24-11-2025;24-11-2025 14:05;1.234,50;ja;Blågården
            2;25.11.2025;25.11.2025 09:30;3,5;nej;Vesterbro
            3;26/11/2025;;-12;Ja;Nørrebro

            """
        let l = try csvLoad(csv)
        #expect(l.table.columns.map(\.type) == [.int, .date, .timestamp, .decimal, .bool, .text])
        #expect(csvValues(l, "beløb") == [.decimal(1234.5), .decimal(3.5), .decimal(-12)])
        #expect(csvValues(l, "politi") == [.bool(true), .bool(false), .bool(true)])
        #expect(csvValues(l, "dato") == [.date(csvDay(2025, 11, 24)), .date(csvDay(2025, 11, 25)), .date(csvDay(2025, 11, 26))])
        #expect(csvValues(l, "tidspunkt")[2] == .null)
        #expect(l.report.finding("delimiter")?.value == "';'")
        #expect(l.report.finding("numbers")?.value == "decimal comma, thousands '.'")
    }

    @Test func declaredBoolTakesOneAndZero() throws {
        let l = try csvLoad("id,flag\n1,1\n2,0\n3,ja\n", options: ImportOptions(types: ["flag": .bool]))
        #expect(csvValues(l, "flag") == [.bool(true), .bool(false), .bool(true)])
        let inferred = try csvLoad("id,flag\n1,1\n2,0\n")
        #expect(csvType(inferred, "flag") == .int)
    }
}

/// A column of timestamps is read with the day of its last date remembered; that must give
/// what the general parser gives, whatever comes before.
@Suite struct CSVTimestampReaderTests {
    @Test func agreesWithTheGeneralParser() {
        let fields = ["2024-02-29T23:59", "2024-02-29T23:59:59", "2024-02-29 00:00", "2023-02-29T10:00", "2024-02-29T24:00",
                      "2024-02-29T10:60", "2024-02-29T10:00:60", "2024-02-29X10:00", "2024-02-29T1000", "2024-02-30T10:00",
                      "2024-13-01T10:00", "2025-01-01T08:05", "2025-01-01T08:05:07", "2025-01-01", "2025-01-01T8:05",
                      "2025-01-01T08:05:0x", "20250-1-01T08:05", "1970-01-01T00:00", "1969-12-31T23:59:59", "0000-01-01T00:00",
                      "2025-01-01T08:05", "2025-01-02T08:05"]
        var reader = CSVTimestampReader()
        // Each field after each other field, so every remembered day is tried against every field.
        for before in fields {
            for field in fields {
                for text in [before, field] {
                    var bytes = Array(text.utf8)
                    let (quick, general) = bytes.withUnsafeMutableBufferPointer { buffer in
                        let b = UnsafeBufferPointer(buffer)
                        return (reader.timestamp(b), CSVValueParser.isoDateOrTimestamp(b))
                    }
                    if let quick {
                        #expect(general == .timestamp(quick), "\(before) then \(text)")
                    } else if case .timestamp? = general {
                        Issue.record("\(text) after \(before): the general parser reads a timestamp, the reader none")
                    }
                }
            }
        }
    }
}
