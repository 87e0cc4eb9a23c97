/// Names for the columns of a loaded table.
struct ColumnNames {
    /// The names given so far, lower-cased.
    private var taken: Set<String> = []
    /// For a lower-cased name, the suffix to try first: a header of 16,000 `x` costs linear
    /// time, not a search from `x_2` for each.
    private var next: [String: Int] = [:]

    /// `name` itself when no name given so far has it ignoring case, else `name_2`, `name_3`,
    /// … the first that is free; the name returned counts as given.
    mutating func unique(_ name: String) -> String {
        let base = name.lowercased()
        var unique = name
        var k = next[base] ?? 2
        while taken.contains(unique.lowercased()) {
            unique = "\(name)_\(k)"
            k += 1
        }
        if unique != name { next[base] = k }
        taken.insert(unique.lowercased())
        return unique
    }
}
