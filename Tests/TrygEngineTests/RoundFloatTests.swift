import Foundation
import Testing
@testable import TrygEngine

/// `round` of a float rounds the digits the float prints (its shortest form that reads back
/// as it), half away from zero, whatever their number: checked against Foundation's decimal
/// arithmetic on that same text.
@Suite struct RoundFloatTests {
    static func reference(_ d: Double, _ digits: Int) -> Double? {
        guard var value = Decimal(string: String(d)) else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, digits, .plain)
        return Double("\(rounded)")
    }

    @Test func roundsThePrintedDigits() {
        var rng = TestTables.Rng(state: 77)
        for _ in 0..<4000 {
            let d: Double
            switch rng.int(4) {
            case 0: d = Double(rng.int(2_000_000) - 1_000_000) / 1000 + 1e-9 * Double(rng.int(1000))
            case 1: d = Double(rng.int(1 << 30)) * 0.1 + Double(rng.int(1 << 30)) * 1e-17
            case 2: d = (Double(rng.int(1 << 30)) / Double(1 + rng.int(1 << 20))) * (rng.int(2) == 0 ? 1 : -1)
            default: d = Double(rng.int(1 << 30)) * 1e10 + Double(rng.int(1000))
            }
            let digits = rng.int(21) - 4
            guard let expected = Self.reference(d, digits) else { continue }
            let got = ScalarFunctions.roundFloat(d, digits)
            #expect(got == expected || (got == 0 && expected == 0), "round(\(d), \(digits)) = \(got), not \(expected)")
        }
        #expect(ScalarFunctions.roundFloat(0.1 + 0.2, 16) == 0.3)
        #expect(ScalarFunctions.roundFloat(2.675, 2) == 2.68)
        #expect(ScalarFunctions.roundFloat(-0.4, 0) == 0 && ScalarFunctions.roundFloat(-0.4, 0).sign == .plus)
        #expect(ScalarFunctions.roundFloat(9.99999999999999999e20, -21) == 1e21)
    }
}
