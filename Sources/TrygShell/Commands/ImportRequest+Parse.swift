import TrygEngine
import TrygImport

/// `.import FILE [sheet NAME] [as TABLE] [OPTION VALUE …]`.
public struct ImportRequest: Equatable, Sendable {
    public var path: String
    public var tableName: String?
    public var options: ImportOptions

    public init(path: String, tableName: String? = nil, options: ImportOptions = ImportOptions()) {
        self.path = path
        self.tableName = tableName
        self.options = options
    }
}

extension ImportRequest {
    static let usage = "usage: .import FILE [sheet NAME] [as TABLE] [OPTION VALUE …]"

    /// Reads the words after `.import`: the file, then `as TABLE` and options in any order.
    static func parse(_ args: [DotWords], command: DotWords, source: SourceText) throws(Diagnostic) -> ImportRequest {
        guard let file = args.first else {
            throw Diagnostic(.error, "missing argument for .import", span: command.span, label: usage, source: source)
        }
        var request = ImportRequest(path: file.text)
        var i = 1
        while i < args.count {
            let word = args[i]
            let name = word.text.lowercased()
            let count = name == "as" ? 1 : ImportOptions.arity(name)
            guard i + count < args.count || !ImportOptions.optionNames.contains(name) && name != "as" else {
                let what = name == "as" ? "a table name after 'as'" : "a value after '\(name)'"
                throw Diagnostic(.error, "expected \(what)", span: word.span, label: "see .help import", source: source)
            }
            if name == "as" {
                request.tableName = args[i + 1].text
                i += 2
                continue
            }
            let values = args[(i + 1)..<min(args.count, i + 1 + count)].map(\.text)
            do throws(ImportOptionError) {
                try request.options.set(name, values)
            } catch {
                let known = ImportOptions.optionNames.contains(name)
                let span = known ? args[min(args.count - 1, i + count)].span : word.span
                // `.import mine data-2025.csv`: a path with spaces, not an option.
                if !known && i == 1 {
                    let joined = args[0...].prefix { !ImportOptions.optionNames.contains($0.text.lowercased()) && $0.text.lowercased() != "as" }
                        .map(\.text).joined(separator: " ")
                    throw Diagnostic(.error, error.message, span: word.span,
                                     label: "a path with spaces goes in quotes: .import \"\(joined)\"", source: source)
                }
                throw Diagnostic(.error, error.message, span: span, label: known ? "see .help import" : usage, source: source)
            }
            i += 1 + count
        }
        return request
    }
}
