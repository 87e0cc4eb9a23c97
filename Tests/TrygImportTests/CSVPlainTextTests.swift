import Foundation
import Testing
@_spi(Chunking) @testable import TrygImport
@testable import TrygEngine

/// A text column of mostly different values is loaded as offsets and bytes, one of few values
/// as a dictionary; either way the values are the file's, in NFC, however the file is cut.
@Suite struct CSVPlainTextTests {
    static let words = ["dør", "RÅB", "trappe", "Ærgerlig", "café", "øl", "Å", "a\u{30A}bne", "x,y", "\"citat\""]

    /// A file whose `d` starts with few values and turns free part-way, with a column `k` of
    /// few values throughout; and the values a correct load holds ("" for null).
    static func file(rows: Int, seed: UInt64) -> (text: String, d: [String], k: [String]) {
        var rng = SeededGenerator(state: seed)
        var text = "id,d,k\n"
        var d: [String] = [], k: [String] = []
        for i in 0..<rows {
            var value: String
            if i < rows / 3 {
                value = words[Int.random(in: 0..<3, using: &rng)]
            } else {
                value = (0..<Int.random(in: 1...4, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "" }
                    .joined(separator: " ") + " \(i)"
            }
            if Int.random(in: 0..<40, using: &rng) == 0 { value = "" }
            let key = ["Vesterbro", "Blågården", ""][Int.random(in: 0..<3, using: &rng)]
            let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "\(i),\(value.isEmpty ? "" : quoted),\(key)\n"
            d.append(value.precomposedStringWithCanonicalMapping)
            k.append(key)
        }
        return (text, d, k)
    }

    static func strings(_ column: Column?) -> [String] {
        guard let column else { return [] }
        return (0..<column.count).map { column.isNull($0) ? "" : column.text(at: $0) ?? "<not text>" }
    }

    @Test(arguments: [1, 2, 3, 5])
    func freeTextLoadsPlainAndKeepsEveryValue(chunks: Int) throws {
        let (text, d, k) = CSVPlainTextTests.file(rows: 9000, seed: 16)
        var options = ImportOptions()
        options.chunks = chunks
        let load = try csvLoad(text, options: options)
        let dc = load.table.column("d"), kc = load.table.column("k")
        #expect(dc?.textLayout == .plain)
        #expect(kc?.textLayout == .dictionary)
        #expect(CSVPlainTextTests.strings(dc) == d)
        #expect(CSVPlainTextTests.strings(kc) == k)
        // Nulls are the empty fields, in both layouts.
        #expect((0..<9000).filter { dc?.isNull($0) == true } == d.indices.filter { d[$0].isEmpty })
        // The plain column's values are stored in NFC: `å` spelt with a combining ring is one letter.
        #expect(!(dc.map { c in (0..<c.count).contains { (c.text(at: $0) ?? "").unicodeScalars.contains("\u{30A}") } } ?? true))
    }

    @Test func fewDistinctValuesStayADictionary() throws {
        var text = "id,d\n"
        for i in 0..<20_000 { text += "\(i),\(CSVPlainTextTests.words[i % 7])\n" }
        let load = try csvLoad(text)
        #expect(load.table.column("d")?.textLayout == .dictionary)
    }

    @Test func queriesAnswerAlikeOverBothLayouts() throws {
        let (text, _, _) = CSVPlainTextTests.file(rows: 6000, seed: 5)
        let load = try csvLoad(text)
        let plain = Session(catalog: Catalog([load.table.renamed("t")]))
        let dictionary = Session(catalog: Catalog([load.table.withTextLayout(.dictionary).renamed("t")]))
        for q in ["t where d contains \"råb\" count", "t where d starts with \"DØR\" count", "t where d = \"trappe\" count",
                  "t where d != \"trappe\" count", "t group by k compute count, min(d), max(d)",
                  "t where d contains \"Å\" order by id limit 5 select d", "t where d in (\"øl\", \"Å 2999\") count",
                  "t where d > \"trappe\" count", "t where length(d) > 12 count", "t where lower(d) = \"råb\" count"] {
            guard case .rows(let a) = try plain.execute(q), case .rows(let b) = try dictionary.execute(q) else {
                Issue.record("no rows: \(q)")
                continue
            }
            #expect(a.table.rows == b.table.rows, "\(q)")
        }
    }

    @Test(arguments: [1, 2])
    func invalidUTF8InAPlainColumnNamesItsByte(chunks: Int) throws {
        // Enough different values that `note` goes plain, then a value ending in the first byte
        // of `å` and the next one starting with its second: valid bytes once the values are
        // put end to end, invalid in the file.
        // The header's `æ` makes the file UTF-8 (not Windows-1252) with damaged bytes.
        var head = Array("id,n,bemærkning\n".utf8)
        for i in 0..<(TextDecoding.headBytes / 8 + 5000) { head += Array("\(i),1,v\(i)\n".utf8) }
        let bytes = head + Array("9,1,x".utf8) + [0xC3] + Array("\n10,1,".utf8) + [0xA5] + Array("y\n".utf8)
        var options = ImportOptions()
        options.chunks = chunks
        let message = csvError(bytes, options: options)?.message
        #expect(message == "invalid UTF-8 at byte \(head.count + 5) (save the file as UTF-8)")
    }

    /// The rows the loader's scan hands to matching's general path include every row the
    /// engine itself would find, however the file is cut; and matching then answers as the
    /// general path does. Words with characters beyond Latin-1 (`€`, dashes, `ß`, combining
    /// marks, Greek) put rows on both sides of the line.
    @Test(arguments: [1, 2, 3, 5])
    func theLoadersScanCoversTheFoldExceptions(chunks: Int) throws {
        var rng = SeededGenerator(state: 41)
        let words = ["dør", "RÅB", "12 €", "kl. 14–15", "straße", "a\u{30A}bne", "Ωmega", "“citat”", "…", "x"]
        var text = "id,d\n"
        var values: [String] = []
        for i in 0..<9000 {
            let v = (0..<Int.random(in: 1...3, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "" }
                .joined(separator: " ") + " \(i)"
            values.append(v.precomposedStringWithCanonicalMapping)
            text += "\(i),\"\(v)\"\n"
        }
        var options = ImportOptions()
        options.chunks = chunks
        let load = try csvLoad(text, options: options)
        guard let column = load.table.column("d"), case .strings(let plain) = column.storage else {
            Issue.record("d is not plain text")
            return
        }
        #expect(CSVPlainTextTests.strings(column) == values)
        let recomputed = TextBytes(offsets: plain.offsets, bytes: plain.bytes).foldExceptions
        #expect(Set(plain.foldExceptions).isSuperset(of: recomputed))
        for needle in ["råb", "€", "STRASSE", "å", "Ω", "14–15"] {
            let answers = try PlainTextKernels.matchAnswers(.contains, needle: needle, plain, span: Span(0, 0),
                                                            cancellation: CancellationFlag())
            #expect(answers == values.map { TextFold.general($0, needle, .contains) }, "\(needle)")
        }
    }

    /// A value `isSurelyNFC` passes is in NFC, for every scalar up to U+2FFF alone, after a
    /// letter, and before characters that NFC may join to what precedes them.
    @Test func surelyNFCValuesAreNFC() {
        let followers: [String] = ["", "e", "\u{301}", "\u{338}", "\u{1161}", "\u{9BE}", "\u{20D2}"]
        var checked = 0
        for code in 0...0x2FFF {
            guard let scalar = Unicode.Scalar(code) else { continue }
            for next in followers {
                let value = "a" + String(Character(scalar)) + next
                let bytes = Array(value.utf8)
                let sure = bytes.withUnsafeBufferPointer { CSVTextEncoder.isSurelyNFC($0) }
                guard sure else { continue }
                checked += 1
                #expect(value.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(value.unicodeScalars),
                        "U+\(String(code, radix: 16)) before \(next.debugDescription)")
            }
        }
        // The dashes, quotes and the euro sign are among those passed.
        #expect(["–", "—", "“", "”", "…", "€", "‰"].allSatisfy { s in
            Array(s.utf8).withUnsafeBufferPointer { CSVTextEncoder.isSurelyNFC($0) }
        })
        #expect(checked > 1000)
    }

    /// The chunk scan says a plain text column holds invalid UTF-8 exactly when some value is
    /// not valid UTF-8 on its own, as Swift's validation reads it: overlong forms, surrogates,
    /// stray continuation bytes, a character cut between two values, leads at a value's end.
    @Test func theScanFindsInvalidUTF8AsEachValueValidatedAlone() {
        var rng = SeededGenerator(state: 99)
        let pieces: [[UInt8]] = [Array("æ".utf8), Array("Å".utf8), Array("ß".utf8), Array("€".utf8), Array("–".utf8),
                                 Array("😀".utf8), [0xC3], [0xA5], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
                                 [0xF4, 0x90, 0x80, 0x80], [0xFF], Array("abc".utf8), Array("hej med dig".utf8)]
        var invalidSeen = 0, validSeen = 0
        for _ in 0..<3000 {
            var plain = CSVPlainText()
            var values: [[UInt8]] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                var value: [UInt8] = []
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    // Mostly valid pieces, so whole files of valid values come up often.
                    let k = Int.random(in: 0..<100, using: &rng) < 93 ? [0, 1, 2, 3, 4, 5, 13, 14].randomElement(using: &rng) ?? 0
                                                                    : Int.random(in: 0..<pieces.count, using: &rng)
                    value += pieces[k]
                }
                values.append(value)
                if value.isEmpty { plain.appendEmpty() } else { value.withUnsafeBufferPointer { plain.append($0) } }
            }
            let expected = values.contains { String(validating: $0, as: UTF8.self) == nil }
            let check = plain.scan()
            #expect(check.invalidUTF8 == expected, "\(values)")
            #expect(check.nonASCII == values.contains { $0.contains { $0 >= 0x80 } }, "\(values)")
            if expected { invalidSeen += 1 } else { validSeen += 1 }
        }
        #expect(invalidSeen > 100 && validSeen > 100)
    }
}
