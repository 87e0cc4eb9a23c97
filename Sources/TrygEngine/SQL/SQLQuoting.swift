/// Identifiers and text literals as a dialect reads them: always quoted, every special character
/// escaped, never spliced from user text as it is.
enum SQLQuoting {
    /// Why a name or text cannot be written in SQL at all (a NUL character: no engine keeps it).
    struct Unwritable: Error, Equatable {
        let text: String
    }

    /// A quoted identifier: `"a""b"` (PostgreSQL, DuckDB) or `` `a``b` `` (Spark).
    static func identifier(_ name: String, _ dialect: SQLDialect) throws(Unwritable) -> String {
        guard !name.unicodeScalars.contains("\u{0}") else { throw Unwritable(text: name) }
        let quote: Character = dialect == .spark ? "`" : "\""
        var out = String(quote)
        for c in name {
            if c == quote { out.append(quote) }
            out.append(c)
        }
        out.append(quote)
        return out
    }

    /// A text literal: `'it''s'` (PostgreSQL and DuckDB read backslashes as they are), or
    /// `'it\'s'` with backslashes doubled (Spark reads backslash escapes in literals).
    static func literal(_ text: String, _ dialect: SQLDialect) throws(Unwritable) -> String {
        guard !text.unicodeScalars.contains("\u{0}") else { throw Unwritable(text: text) }
        var out = "'"
        for c in text {
            switch (c, dialect) {
            case ("'", .spark): out += "\\'"
            case ("\\", .spark): out += "\\\\"
            case ("'", _): out += "''"
            default: out.append(c)
            }
        }
        out += "'"
        return out
    }
}
