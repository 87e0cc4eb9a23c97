import TrygDomain

extension CSVLoader {
    static let emptyFile = "empty file: expected a header row with column names"
    static let blankHeader = "the first line is blank: expected a header row with column names"

    /// Checks the options and the file as a whole; returns the offset after any BOM.
    func checkFile() throws(Diagnostic) -> Int {
        let d = options.delimiter
        guard d < 0x80, d != UInt8(ascii: "\""), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") else {
            throw bytes.fileError("the delimiter must be an ASCII character other than a quote or a line end")
        }
        var start = 0
        if bytes.count >= 3, bytes.base[0] == 0xEF, bytes.base[1] == 0xBB, bytes.base[2] == 0xBF { start = 3 }
        guard start < bytes.count else { throw bytes.fileError(CSVLoader.emptyFile) }
        if let nul = CSVEncodingCheck.firstNUL(bytes, from: start) {
            let line = bytes.lineNumber(of: nul)
            let column = bytes.characterColumn(of: nul, lineStart: bytes.lineStart(of: nul))
            throw Diagnostic(.error, "not a text file: NUL byte at byte \(nul)",
                             file: FilePosition(path: bytes.path, line: line, column: column))
        }
        if let bad = CSVEncodingCheck.firstInvalidUTF8(bytes, from: start, parts: parallelParts(from: start)) {
            throw bytes.error("invalid UTF-8 at byte \(bad) (save the file as UTF-8)", atByte: bad)
        }
        return start
    }

    /// Column names from the header's fields: trimmed and NFC; an empty name becomes
    /// `column_N` (N counts from 1) and a repeated one (ignoring case) `name_2`, `name_3`, ….
    func columnNames(_ header: CSVRecord, _ fields: [CSVField]) throws(Diagnostic) -> [String] {
        if let stray = header.strayTextAfterQuote {
            throw bytes.error("unexpected text after the closing quote in the header", atByte: stray.offset,
                              line: header.line)
        }
        if fields.count == 1, fields[0].isEmpty, header.start == header.end {
            throw bytes.error(CSVLoader.blankHeader, atByte: header.start, line: header.line)
        }
        var names: [String] = []
        var taken: Set<String> = []
        for (i, field) in fields.enumerated() {
            var name = bytes.text(field.start, field.end)
            if field.escaped { name = name.undoingCSVQuoteEscapes() }
            name = String(name.trimmingCSVSpaces()).precomposedForTrygNFC
            if name.isEmpty { name = "column_\(i + 1)" }
            var unique = name
            var k = 2
            while taken.contains(unique.lowercased()) {
                unique = "\(name)_\(k)"
                k += 1
            }
            taken.insert(unique.lowercased())
            names.append(unique)
        }
        return names
    }

    /// Overridden types must name columns the file has, and be loadable types.
    func checkTypeOverrides(_ names: [String], header: CSVRecord) throws(Diagnostic) {
        for (name, type) in options.types.sorted(by: { $0.key < $1.key }) {
            guard names.contains(name) else {
                throw Diagnostic(.error, "a type is given for column '\(name)', which the file lacks",
                                 notes: ["note: the columns are \(names.joined(separator: ", "))"],
                                 file: bytes.position(ofByte: header.start, line: header.line))
            }
            if type == .null {
                throw bytes.fileError("column '\(name)' cannot be loaded as type null")
            }
        }
    }

    /// How a rejected value's type is described in the reason.
    static func describe(_ type: DataType) -> String {
        switch type {
        case .int: return "an int"
        case .decimal: return "a decimal"
        case .bool: return "a bool (true or false)"
        case .date: return "a date (YYYY-MM-DD)"
        case .timestamp: return "a timestamp (YYYY-MM-DD HH:MM[:SS])"
        case .halfYear: return "a half-year (such as vinter 2024/25 or sommer 2025)"
        case .category(let s): return "in the scale \(s.name) (\(s.values.joined(separator: ", ")))"
        case .text, .null: return "text"
        }
    }
}

extension String {
    /// The text with each `""` turned into `"` (the escape inside quoted CSV fields).
    func undoingCSVQuoteEscapes() -> String {
        var out = ""
        var previousWasQuote = false
        for ch in self {
            if ch == "\"" && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = ch == "\""
            out.append(ch)
        }
        return out
    }

    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingCSVSpaces() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
