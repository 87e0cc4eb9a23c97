/// A libpq connection string or URI as tryg shows it: the password replaced by `***`, so
/// that `.show`, messages and the history never hold it.
///
/// Both of libpq's forms are read: `postgresql://USER:PASSWORD@HOST/DB?password=…` and
/// `host=… password=… dbname=…` (a value may be quoted with `'…'`, with `\'` inside).
public enum ConnectionString {
    /// What stands for a password.
    public static let mask = "***"

    /// The text with every password in it masked.
    public static func masked(_ text: String) -> String {
        maskingKeyword(maskingUserInfo(text))
    }

    /// Whether the text holds a password (a line that must not go into the history).
    public static func holdsPassword(_ text: String) -> Bool { masked(text) != text }

    /// `scheme://user:secret@host` → `scheme://user:***@host`, for each URI in the text.
    static func maskingUserInfo(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority runs to the first `/`, `?` or space; its user part to its last `@`.
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == " " || $0 == "'" || $0 == "\"" } ?? rest.endIndex
            let authority = rest[..<end]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[...colon] + mask + authority[at...]
            } else {
                out += authority
            }
            rest = rest[end...]
        }
        return out + rest
    }

    /// `password=secret` (or `password = 'a b'`, or `?password=secret&…`) → `password=***`.
    static func maskingKeyword(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        let key = Array("password")
        while i < chars.count {
            let isKey = i + key.count <= chars.count
                && String(chars[i..<(i + key.count)]).lowercased() == "password"
                && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_"))
            guard isKey else { out.append(chars[i]); i += 1; continue }
            var j = i + key.count
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            guard j < chars.count, chars[j] == "=" else { out.append(chars[i]); i += 1; continue }
            j += 1
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            // The value: quoted (to the closing quote not after a backslash), or to a space or `&`.
            if j < chars.count, chars[j] == "'" {
                j += 1
                while j < chars.count, chars[j] != "'" { j += chars[j] == "\\" ? 2 : 1 }
                j = min(j + 1, chars.count)
            } else {
                while j < chars.count, chars[j] != " ", chars[j] != "&", chars[j] != "\t", chars[j] != "\"" { j += 1 }
            }
            out += "password=" + mask
            i = j
        }
        return out
    }
}
