@testable import TrygEngine

/// `.decimal(3.5)` in expectations: the short decimal the literal reads as (tests only).
extension DecimalValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) {
        self = DecimalValue.shortest(value) ?? DecimalValue(units: Int64.min, scale: 0)
    }

    public init(integerLiteral value: Int64) { self.init(value) }
}
