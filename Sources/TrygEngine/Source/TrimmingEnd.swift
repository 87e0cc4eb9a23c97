extension StringProtocol {
    /// The text without the characters at its end for which `drop` holds, found by one walk
    /// back from the end: a loop of `dropLast()` counts the whole text at each step, which
    /// made a line ending in thousands of spaces quadratic.
    public func trimmingEnd(where drop: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard drop(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
