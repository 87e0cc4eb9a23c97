import Glibc

/// How much memory one statement's result may take: a join, or anything else built whole,
/// that would pass it is an error saying how big it would be, never a process killed for
/// want of memory.
public struct MemoryBudget: Sendable, Equatable {
    /// The limit in bytes.
    public let bytes: Int

    public init(bytes: Int) { self.bytes = max(1, bytes) }

    /// Half the machine's physical memory (`--memory-limit` overrides it).
    public static let standard: MemoryBudget = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return MemoryBudget(bytes: 4 << 30) }
        let (total, overflow) = pages.multipliedReportingOverflow(by: size)
        return MemoryBudget(bytes: overflow ? Int.max / 2 : total / 2)
    }()

    /// Bytes as people write them: `512 MB`, `4.8 GB`.
    public static func describe(_ bytes: Int) -> String {
        let units = [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (size, name) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            return (value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)) + " " + name
        }
        return "\(bytes) bytes"
    }

    /// Reads `8G`, `512M`, `2GB`, `1.5g` or a number of bytes; nil when it is none of these.
    public static func parse(_ text: String) -> MemoryBudget? {
        var s = text.lowercased().trimmingCharacters(in: " ")
        if s.hasSuffix("b") && s.count > 1 && !s.dropLast().allSatisfy(\.isNumber) { s.removeLast() }
        var factor = 1.0
        if let last = s.last, let power = ["k": 10, "m": 20, "g": 30, "t": 40][last] {
            factor = Double(1 << power)
            s.removeLast()
        }
        guard let number = Double(s), number.isFinite, number > 0, number * factor < 9e18 else { return nil }
        return MemoryBudget(bytes: Int(number * factor))
    }

    /// Checks a result of `rows` rows of `columns` columns before it is built.
    ///
    /// - Parameter what: what would be built, for the message (`the join`).
    func check(rows: Int, columns: Int, what: String, advice: String) throws(Diagnostic) {
        // Eight bytes a value, and eight a row for the row numbers a join gathers through.
        let (perRow, o1) = (columns + 1).multipliedReportingOverflow(by: 8)
        let (estimate, o2) = rows.multipliedReportingOverflow(by: perRow)
        guard o1 || o2 || estimate > bytes else { return }
        throw Diagnostic(.error, "\(what) would make \(MemoryBudget.formatCount(rows)) rows, about "
                         + "\(o1 || o2 ? "more than 9 EB" : MemoryBudget.describe(estimate)); the memory limit is "
                         + "\(MemoryBudget.describe(bytes))",
                         code: .resultTooLarge, notes: ["help: \(advice), or raise the limit with --memory-limit SIZE"])
    }

    /// The error for a result read row by row (from a server) that passed the limit after `rows` rows.
    ///
    /// - Parameter what: what was read, for the message (`the server's result`).
    public func exceeded(rows: Int, what: String, advice: String) -> Diagnostic {
        Diagnostic(.error, "\(what) passed the memory limit of \(MemoryBudget.describe(bytes)) after "
                   + "\(MemoryBudget.formatCount(rows)) rows; the rest was not read",
                   code: .resultTooLarge, notes: ["help: \(advice), or raise the limit with --memory-limit SIZE"])
    }

    /// 1600000000 as 1,600,000,000.
    static func formatCount(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        s = s.trimmingEnd { $0 == set }
        return String(s)
    }
}
