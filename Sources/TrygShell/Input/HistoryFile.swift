import TrygPostgres
/// The text of the history file: a header line, then one statement a line, its line breaks
/// written as `\n` and its backslashes as `\\`, so a statement typed over several lines is
/// saved and reloaded whole.
public enum HistoryFile {
    /// The first line of a file in this form.
    public static let header = "#tryg-history 2"

    /// Whether an entry may be kept: not one holding a connection password (`.connect
    /// postgresql://user:secret@…`, `password=…`), which is neither recalled nor written.
    public static func keeps(_ entry: String) -> Bool { !ConnectionString.holdsPassword(entry) }

    /// One entry as one line of the file.
    public static func encode(_ entry: String) -> String {
        var out = ""
        for c in entry.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// One line of the file back to its entry; a backslash before anything else is kept as is.
    public static func decode(line: Substring) -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for c in line.unicodeScalars {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                default: out.append("\\"); out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return String(out)
    }

    /// The entries of a file's text, and whether it had the header (a file without one, from an
    /// older tryg, holds one entry a line, taken as is).
    public static func decode(_ text: String) -> (entries: [String], hasHeader: Bool) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(header) else { return (lines.map(String.init), false) }
        lines.removeFirst()
        return (lines.map { decode(line: $0) }, true)
    }
}
