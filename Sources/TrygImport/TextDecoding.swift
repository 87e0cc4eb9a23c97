import Glibc
import TrygEngine

/// Decides a file's text encoding and turns other encodings into UTF-8 through iconv.
///
/// Sniffing: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); else valid UTF-8 is
/// UTF-8. A file that is not valid UTF-8 is read as Windows-1252 only when nothing in it shows
/// UTF-8 (`CSVEncodingCheck.firstUTF8Evidence`) and every byte is a Windows-1252 character: a
/// file with both valid UTF-8 letters and invalid bytes is broken UTF-8, and reading it as anything else would
/// turn `ø` into `Ã¸`. Then the load stops at the first invalid byte, with its offset.
enum TextDecoding {
    /// How to get at the file's text.
    struct Decision {
        let encoding: TextEncoding
        /// Bytes of a byte order mark at the start, skipped.
        let bomLength: Int
        let finding: LoadReport.Finding
    }

    static let invalidUTF8Note = "note: if the file is Windows-1252 (\"ANSI\"), load it with encoding windows-1252"

    static func decide(_ bytes: CSVBytes, given: TextEncoding?, parts: Int) throws(Diagnostic) -> Decision {
        let bom = byteOrderMark(bytes)
        if let given {
            if let bom, bom.encoding != given {
                throw bytes.fileError("the file starts with a \(bom.encoding.rawValue) byte order mark, "
                                      + "but the encoding \(given.rawValue) was given")
            }
            let skip = bom?.length ?? 0
            if given == .utf8 { try requireUTF8(bytes, from: skip, parts: parts, note: nil) }
            return Decision(encoding: given, bomLength: skip,
                            finding: LoadReport.Finding(part: "encoding", value: describe(given, bom: bom != nil), given: true))
        }
        if let bom {
            if bom.encoding == .utf8 { try requireUTF8(bytes, from: bom.length, parts: parts, note: nil) }
            return Decision(encoding: bom.encoding, bomLength: bom.length,
                            finding: LoadReport.Finding(part: "encoding", value: describe(bom.encoding, bom: true),
                                                        given: false))
        }
        guard let bad = CSVEncodingCheck.firstInvalidUTF8(bytes, from: 0, parts: parts) else {
            return Decision(encoding: .utf8, bomLength: 0,
                            finding: utf8Finding(nonASCII: CSVEncodingCheck.hasNonASCII(bytes)))
        }
        if let letter = CSVEncodingCheck.firstUTF8Evidence(bytes) {
            throw invalidUTF8(bytes, at: bad, note: "note: the file is UTF-8 elsewhere (byte \(letter)), so it is "
                              + "damaged rather than in another encoding")
        }
        if let undefined = CSVEncodingCheck.firstUndefinedInWindows1252(bytes) {
            throw invalidUTF8(bytes, at: undefined, note: "note: byte 0x\(hex(bytes.base[undefined])) is not Windows-1252 either")
        }
        return Decision(encoding: .windows1252, bomLength: 0,
                        finding: LoadReport.Finding(part: "encoding", value: "Windows-1252", given: false,
                                                    evidence: "not UTF-8: byte \(bad) is 0x\(hex(bytes.base[bad])), "
                                                        + "'\(windows1252(bytes.base[bad]))' in Windows-1252"))
    }

    /// The finding for a file found to be UTF-8.
    static func utf8Finding(nonASCII: Bool) -> LoadReport.Finding {
        LoadReport.Finding(part: "encoding", value: "UTF-8", given: false, evidence: nonASCII ? "valid UTF-8" : "plain ASCII")
    }

    /// The bytes checked before a load that checks the rest as it reads: a file's head.
    static let headBytes = 1 << 20

    /// For a file to be read as UTF-8 whose head (and whole first line) is valid UTF-8: the
    /// bytes of its byte order mark, the finding when the encoding was given or marked, and
    /// whether the head held bytes beyond ASCII. Nil when the whole file must be checked
    /// first: another encoding was given or marked, or the head is not valid UTF-8.
    static func utf8Head(_ bytes: CSVBytes, given: TextEncoding?)
        -> (bomLength: Int, finding: LoadReport.Finding?, nonASCII: Bool)? {
        let bom = byteOrderMark(bytes)
        guard given == nil || given == .utf8, bom == nil || bom?.encoding == .utf8 else { return nil }
        let skip = bom?.length ?? 0
        var end = min(bytes.count, skip + headBytes)
        while end < bytes.count, bytes.base[end - 1] != UInt8(ascii: "\n") { end += 1 }
        guard CSVEncodingCheck.firstInvalidUTF8(bytes, from: skip, to: end) == nil else { return nil }
        let head = UnsafeBufferPointer(start: bytes.base + skip, count: end - skip)
        let finding: LoadReport.Finding?
        if given != nil {
            finding = LoadReport.Finding(part: "encoding", value: describe(.utf8, bom: bom != nil), given: true)
        } else if bom != nil {
            finding = LoadReport.Finding(part: "encoding", value: describe(.utf8, bom: true), given: false)
        } else {
            finding = nil
        }
        return (skip, finding, head.contains { $0 >= 0x80 })
    }

    /// The file's text as UTF-8, converted by iconv from `encoding`, after `skip` bytes.
    static func convert(_ bytes: CSVBytes, from encoding: TextEncoding, skipping skip: Int) throws(Diagnostic) -> [UInt8] {
        let cd = iconv_open("UTF-8", iconvName(encoding))
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw bytes.fileError("cannot convert from \(encoding.rawValue): iconv does not know it")
        }
        defer { iconv_close(cd) }
        let inputCount = bytes.count - skip
        var output = [UInt8](repeating: 0, count: max(16, inputCount + inputCount / 2 + 16))
        var produced = 0
        var consumed = 0
        while consumed < inputCount {
            var inLeft = inputCount - consumed
            var outLeft = output.count - produced
            let outcome: (result: Int, error: Int32) = output.withUnsafeMutableBufferPointer { out in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: bytes.base + skip + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress.map {
                    UnsafeMutableRawPointer($0 + produced).assumingMemoryBound(to: CChar.self)
                }
                let r = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                return (r, r == -1 ? errno : 0)
            }
            consumed = inputCount - inLeft
            produced = output.count - outLeft
            if outcome.result != -1 { break }
            switch outcome.error {
            case E2BIG:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case EINVAL:
                throw bytes.fileError("the file ends inside a \(encoding.rawValue) character (byte \(skip + consumed))")
            default:
                throw Diagnostic(.error, "byte \(skip + consumed) is not \(encoding.rawValue) text",
                                 file: FilePosition(path: bytes.path))
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    private static func iconvName(_ encoding: TextEncoding) -> String {
        switch encoding {
        case .utf8: return "UTF-8"
        case .windows1252: return "WINDOWS-1252"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .latin9: return "ISO-8859-15"
        case .cp850: return "IBM850"
        case .macRoman: return "MACINTOSH"
        }
    }

    private static func describe(_ encoding: TextEncoding, bom: Bool) -> String {
        bom ? "\(encoding.rawValue) with a byte order mark" : encoding.rawValue
    }

    private static func byteOrderMark(_ bytes: CSVBytes) -> (encoding: TextEncoding, length: Int)? {
        let b = bytes.base, n = bytes.count
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return (.utf8, 3) }
        if n >= 2, b[0] == 0xFF, b[1] == 0xFE { return (.utf16LE, 2) }
        if n >= 2, b[0] == 0xFE, b[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    private static func requireUTF8(_ bytes: CSVBytes, from start: Int, parts: Int, note: String?) throws(Diagnostic) {
        if let bad = CSVEncodingCheck.firstInvalidUTF8(bytes, from: start, parts: parts) {
            throw invalidUTF8(bytes, at: bad, note: note)
        }
    }

    private static func invalidUTF8(_ bytes: CSVBytes, at offset: Int, note: String?) -> Diagnostic {
        let d = bytes.error("invalid UTF-8 at byte \(offset) (save the file as UTF-8)", atByte: offset)
        return Diagnostic(.error, d.message, code: .invalidUTF8, notes: [note ?? invalidUTF8Note], file: d.file)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// The Windows-1252 character of a byte, for the report's evidence.
    private static func windows1252(_ b: UInt8) -> String {
        let high: [UInt32] = [0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
                              0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
                              0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178]
        let code = b >= 0x80 && b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
        return Unicode.Scalar(code).map { String(Character($0)) } ?? "?"
    }
}
