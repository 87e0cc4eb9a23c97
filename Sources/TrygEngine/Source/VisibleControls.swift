/// Control characters made visible, for text bound for a terminal.
///
/// A value loaded from a file may hold `ESC ] 52 ;…` (which sets the clipboard), `ESC [ 2 J`
/// (which clears the screen) or a C1 control such as U+009B. Written raw to a terminal, the
/// terminal obeys them. Every text the shell sends to a terminal passes through `escape`:
/// C0 controls, DEL and C1 controls come out as `\x1b`, `\x7f`, `\u009b`; newline and tab
/// stay, and so may the program's own colour (SGR) sequences when colour is on.
public enum VisibleControls {
    /// Whether the text holds anything `escape` would change (other than SGR when colour is allowed).
    public static func needsEscaping(_ text: String, allowColor: Bool = false) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var previousWasC2 = false
        while let byte = utf8.next() {
            if previousWasC2 && (0x80...0x9F).contains(byte) { return true }
            previousWasC2 = byte == 0xC2
            if byte == 0x7F { return true }
            if byte < 0x20 && byte != 0x0A && byte != 0x09 {
                if byte == 0x1B && allowColor { continue }   // checked below, sequence by sequence
                return true
            }
        }
        return allowColor && text.utf8.contains(0x1B) && escapeScalars(text, allowColor: true) != text
    }

    /// The text with every control character except newline and tab written as a visible escape;
    /// with `allowColor`, well-formed colour sequences (`ESC [ digits ; … m`) are kept.
    public static func escape(_ text: String, allowColor: Bool = false) -> String {
        guard needsEscaping(text, allowColor: allowColor) else { return text }
        return escapeScalars(text, allowColor: allowColor)
    }

    /// One scalar as it is shown: `\x1b` for C0 and DEL, `\u009b` for C1.
    public static func visible(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16)
        return c.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u00" + hex
    }

    /// Whether a scalar is a control character other than newline and tab.
    public static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\n" && c != "\t") || (0x7F...0x9F).contains(c.value)
    }

    private static func escapeScalars(_ text: String, allowColor: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if allowColor && c == "\u{1B}", let end = colourSequenceEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            if isControl(c) { out.append(contentsOf: visible(c).unicodeScalars) } else { out.append(c) }
            i += 1
        }
        return String(out)
    }

    /// The index of the `m` ending an SGR sequence that starts at `start`, if one does.
    private static func colourSequenceEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < s.count, s[start + 1] == "[" else { return nil }
        var i = start + 2
        while i < s.count, i - start < 24 {
            let c = s[i]
            if c == "m" { return i }
            guard c == ";" || ("0"..."9").contains(c) else { return nil }
            i += 1
        }
        return nil
    }
}
