/// A light tokenizer for the text before the cursor, which may end anywhere (inside a string,
/// half-way through a word); it never fails.
struct CompletionTokens {
    enum Token: Equatable {
        case word(String)
        case string(String)
        case quotedName(String)
        case symbol(String)

        var word: String? { if case .word(let w) = self { return w } else { return nil } }
        var lowered: String? { word?.lowercased() }
    }

    /// Tokens of the current statement (after the last `;`), not counting the word being typed.
    var tokens: [Token] = []
    /// The partial word at the cursor ("" after white space or a symbol).
    var word = ""
    /// The quote character when the cursor is inside an unfinished string or back-quoted name.
    var openQuote: Character?
    /// The cursor is inside a comment: nothing to complete.
    var inComment = false
    /// The statement so far starts with `.`: a dot command.
    var isDotCommand = false

    init(_ text: String) {
        let s = Array(text)
        var i = 0
        var statementStart = true
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            if statementStart && c == "." {
                isDotCommand = true
            }
            statementStart = false
            if isDotCommand {
                // Dot commands are plain words separated by spaces.
                let start = i
                while i < s.count, s[i] != " " && s[i] != "\t" { i += 1 }
                tokens.append(.word(String(s[start..<i])))
                continue
            }
            if c == "#" || (c == "-" && i + 1 < s.count && s[i + 1] == "-") {
                while i < s.count, s[i] != "\n" { i += 1 }
                if i == s.count { inComment = true }
                continue
            }
            if c == "\"" || c == "'" || c == "`" {
                var j = i + 1
                var body = ""
                var closed = false
                while j < s.count {
                    if s[j] == c {
                        if j + 1 < s.count, s[j + 1] == c, c != "`" { body.append(c); j += 2; continue }
                        closed = true
                        break
                    }
                    body.append(s[j])
                    j += 1
                }
                if !closed {
                    openQuote = c
                    word = body
                    return
                }
                tokens.append(c == "`" ? .quotedName(body) : .string(body))
                i = j + 1
                continue
            }
            if c == ";" {
                tokens = []
                statementStart = true
                i += 1
                continue
            }
            if CompletionTokens.isWordCharacter(c) {
                let start = i
                while i < s.count, CompletionTokens.isWordCharacter(s[i]) { i += 1 }
                tokens.append(.word(String(s[start..<i])))
                continue
            }
            var op = String(c)
            if i + 1 < s.count, ["!=", "<>", "<=", ">="].contains(op + String(s[i + 1])) {
                op += String(s[i + 1])
                i += 1
            }
            tokens.append(.symbol(op))
            i += 1
        }
        // A word touching the cursor is the one being completed.
        if let last = s.last, last != " " && last != "\t" && last != "\n", case .word(let w)? = tokens.last {
            word = w
            tokens.removeLast()
        }
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c == "_" || c == "$" || c.isLetter || c.isNumber
            || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }
}
