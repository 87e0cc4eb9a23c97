import Foundation
import TrygDomain

/// `tryg generate`: writes the synthetic sample tables as CSV files.
enum Generate {
    static func samples(out: String, seed: UInt64, scale: Int, descriptions: DescriptionStyle) throws {
        try SampleGenerator(seed: seed, scale: scale, descriptions: descriptions).write(to: out)
    }
}
