/// Names for the columns of a loaded table.
enum ColumnNames {
    /// `name` itself when no column in `taken` (lower-cased names) has it ignoring case,
    /// else `name_2`, `name_3`, … the first that is free.
    static func unique(_ name: String, taken: Set<String>) -> String {
        var unique = name
        var k = 2
        while taken.contains(unique.lowercased()) {
            unique = "\(name)_\(k)"
            k += 1
        }
        return unique
    }
}
