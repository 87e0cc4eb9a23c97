/// A fixed list of values in a given order, such as the survey's answer scale.
public struct OrderedScale: Hashable, Sendable {
    /// The scale's name as shown in types (`safety`).
    public let name: String
    /// The values from lowest to highest.
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The position of a value (ignoring case), nil when the scale lacks it.
    public func index(of value: String) -> Int? {
        if let i = values.firstIndex(of: value) { return i }
        let v = value.lowercased()
        return values.firstIndex { $0.lowercased() == v }
    }
}
