import Testing
import TrygEngine

/// Control characters bound for a terminal come out as visible escapes, whatever the text.
struct VisibleControlsTests {
    @Test func everyControlIsShown() {
        #expect(VisibleControls.escape("a\u{1B}]52;c;SGk=\u{7}b") == "a\\x1b]52;c;SGk=\\x07b")
        #expect(VisibleControls.escape("\u{9B}2J\u{7F}\r") == "\\u009b2J\\x7f\\x0d")
        #expect(VisibleControls.escape("line\n\ttab") == "line\n\ttab")
        #expect(VisibleControls.escape("Blågården ÆØÅ €") == "Blågården ÆØÅ €")
    }

    @Test func colourPassesOnlyWhenAllowedAndOnlyColour() {
        let red = "\u{1B}[1;31merror\u{1B}[0m"
        #expect(VisibleControls.escape(red, allowColor: true) == red)
        #expect(VisibleControls.escape(red) == "\\x1b[1;31merror\\x1b[0m")
        #expect(VisibleControls.escape("\u{1B}[2J\u{1B}[?25l", allowColor: true) == "\\x1b[2J\\x1b[?25l")
    }

    /// Over every scalar up to U+00FF, alone and between letters: nothing C0, DEL or C1 survives
    /// except newline and tab, and everything else is kept as it was.
    @Test func noControlSurvives() {
        for value in 0...0xFF {
            guard let c = Unicode.Scalar(value) else { continue }
            for allowColor in [false, true] {
                let out = VisibleControls.escape("x\(Character(c))[1m", allowColor: allowColor)
                let controls = out.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
                #expect(controls.isEmpty || (allowColor && value == 0x1B), "U+\(String(value, radix: 16))")
                if !VisibleControls.isControl(c) { #expect(out == "x\(Character(c))[1m") }
            }
        }
    }
}
