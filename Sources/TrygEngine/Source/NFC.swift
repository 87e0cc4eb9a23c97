import Foundation

extension String {
    /// The text in Unicode normalisation form C (precomposed), so that `å` typed as `a` plus a
    /// combining ring equals the `å` stored in the data.
    public var precomposedForTrygNFC: String {
        // Pure ASCII is already NFC: skip Foundation's work on the common path.
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return precomposedStringWithCanonicalMapping
    }
}
