import Foundation
import TrygDomain
import TrygEngine
import TrygImport

extension Completer {
    /// Plain text (nearly every value different) offers at most this many values.
    static let plainTextValues = 200

    /// The values a column may be compared with, for completion inside quotes; `typed` is what
    /// stands after the quote (a column of free text is searched for it, not listed whole).
    func values(of column: String, in query: QueryContext, typed: String = "") -> [String] {
        // A server's table: its values are on the server.
        for source in query.sources where source.isRemote {
            if let values = serverValues(source.name, column) { return Completer.inTheirOrder(values) }
        }
        let table = query.sources.first { $0.columnIndex(column) != nil }
        if let table, let c = table.column(column) {
            if let plain = ColumnStatistics.plainTexts(c, startingWith: typed, limit: Completer.plainTextValues) { return plain }
            switch c.type {
            case .text:
                if case .text(_, let dictionary) = c.storage {
                    let present = Set(dictionary.values).filter { !$0.isEmpty }
                    // Text answers of a known scale in the scale's order, any others after them.
                    let scale = SurveyScale.byColumn[column]?.values ?? []
                    return scale.filter(present.contains) + Completer.danishSorted(present.subtracting(scale))
                }
            case .category(let scale):
                return scale.values
            case .halfYear:
                return halfYears(in: c)
            default:
                break
            }
        }
        switch column {
        case "halfyear":
            if let t = query.sources.first, let c = t.derivedColumn("halfyear") { return halfYears(in: c) }
            return []
        case "season": return CalendarScales.season.values
        case "weekday": return CalendarScales.weekday.values
        case "district": return District.all
        case "library": return libraries.libraries.map(\.name)
        case "category": return IncidentCategory.all
        default: return SurveyScale.byColumn[column]?.values ?? []
        }
    }

    /// Labels of every half-year from the earliest to the latest value of a period column.
    func halfYears(in column: Column) -> [String] {
        guard let raw = column.wideIntegers else { return [] }
        var lo = Int.max, hi = Int.min
        for (row, v) in raw.enumerated() where !column.isNull(row) {
            let ordinal: Int
            switch column.type {
            case .timestamp: ordinal = HalfYear.ordinal(dayNumber: Int(LocalTime.dayNumber(ofTimestamp: v)))
            case .date: ordinal = HalfYear.ordinal(dayNumber: Int(v))
            case .halfYear: ordinal = Int(v)
            default: return []
            }
            lo = min(lo, ordinal)
            hi = max(hi, ordinal)
        }
        guard lo <= hi, hi - lo < 200 else { return [] }
        return (lo...hi).map { HalfYear(ordinal: $0).label }
    }

    /// Values as completion offers them: half-years, scales, numbers and dates in their own
    /// order, text in Danish order.
    static func inTheirOrder(_ values: [Value]) -> [String] {
        let ordered = values.sorted { a, b in
            switch (a, b) {
            case (.halfYear(let x), .halfYear(let y)): return x < y
            case (.category(let x, _), .category(let y, _)): return x < y
            case (.int(let x), .int(let y)), (.date(let x), .date(let y)), (.timestamp(let x), .timestamp(let y)): return x < y
            default: return false
            }
        }
        if case .text? = values.first {
            return danishSorted(values.map(\.display).filter { !$0.isEmpty })
        }
        return ordered.map(\.display)
    }

    /// Danish order: æ, ø, å after z.
    static func danishSorted(_ values: some Sequence<String>) -> [String] {
        let locale = Locale(identifier: "da_DK")
        return values.sorted { $0.compare($1, locale: locale) == .orderedAscending }
    }

    /// Completion of a dot-command line.
    func dotCommand(_ lexed: DotCommandLine) -> Completion {
        let word = lexed.word
        guard let command = lexed.words.first?.lowercased() else {
            let names = DotCommand.names.map { "." + $0 }
            return Completion(word: word, candidates: names.filter { $0.hasPrefix(word.lowercased()) })
        }
        let argument = lexed.words.count   // 1: the first argument
        let options: [String]
        switch (command, argument) {
        case (".import", 1): return Completion(word: word, candidates: files(word, extensions: DataLoader.extensions), isPath: true)
        case (".sheets", 1): return Completion(word: word, candidates: files(word, extensions: ["xlsx"]), isPath: true)
        case (".read", 1): return Completion(word: word, candidates: files(word, extensions: []), isPath: true)
        case (".output", 1): return Completion(word: word, candidates: files(word, extensions: []), isPath: true)
        case (".import", 2...): options = ["as"] + ImportOptions.optionNames
        case (".help", 1): options = HelpText.topics
        case (".schema", 1): options = catalog.names
        case (".mode", 1): options = OutputMode.allCases.map(\.rawValue)
        case (".export", 1): options = ["chart", "table"]
        case (".export", 2):
            let chart = lexed.words.dropFirst().first?.lowercased() == "chart"
            return Completion(word: word, candidates: files(word, extensions: chart ? ChartHint.imageFormats : ["xlsx"]), isPath: true)
        case (".timer", 1), (".highlight", 1): options = ["on", "off"]
        case (".pager", 1): options = PagerMode.allCases.map(\.rawValue)
        default: options = []
        }
        return Completion(word: word, candidates: options.filter { $0.lowercased().hasPrefix(word.lowercased()) })
    }

    /// Paths that start with `typed`; folders end in `/`; `extensions` (when given) limits the files.
    func files(_ typed: String, extensions: [String]) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let base = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = folderPart.isEmpty ? "." : folderPart
        return listDirectory(folder)
            .filter { $0.name.hasPrefix(base) && (base.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .filter { $0.isDirectory || extensions.isEmpty || extensions.contains(($0.name as NSString).pathExtension.lowercased()) }
            .map { folderPart + $0.name + ($0.isDirectory ? "/" : "") }
            .sorted()
    }

    /// The entries of a folder on disk.
    public static func list(_ folder: String) -> [(name: String, isDirectory: Bool)] {
        let expanded = (folder as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: expanded) else { return [] }
        return names.map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (expanded as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return (name, isDirectory.boolValue)
        }
    }
}

/// A dot-command line before the cursor: shell words separated by white space (not the language).
struct DotCommandLine {
    /// The finished words, the command first.
    var words: [String]
    /// The word at the cursor ("" after white space).
    var word: String

    /// Words are split at white space outside quotes; a quoted word loses its quotes, and the
    /// word at the cursor inside an open quote is the text after it.
    init(_ text: String) {
        var parts: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" || c == "\n" {
                if inWord { parts.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        word = inWord ? current : ""
        words = parts
    }
}
