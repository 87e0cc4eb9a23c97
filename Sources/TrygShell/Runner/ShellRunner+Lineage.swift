import TrygEngine

extension ShellRunner {
    /// The catalog's tables a statement names (its words that are table names), in order.
    func tableNames(in source: SourceText) -> [String] {
        var names: [String] = []
        for token in Lexer.scan(source).tokens {
            let word: String
            switch token.kind {
            case .word(let w), .quotedIdentifier(let w): word = w
            default: continue
            }
            if session.catalog.table(word) != nil, !names.contains(word) { names.append(word) }
        }
        return names
    }

    /// Whether a statement reads the bundled samples and nothing else: every table it names was
    /// loaded from the samples folder, or made by `let` from such tables only. A table imported
    /// by the person, from a server, or of unknown making, makes it false, so that a chart of
    /// their own data is never captioned as synthetic.
    func readsOnlySamples(_ source: SourceText) -> Bool {
        guard let folder = settings.samplesFolder else { return false }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var seen = Set<String>()
        func fromSamples(_ names: [String]) -> Bool {
            for name in names {
                let key = name.lowercased()
                guard seen.insert(key).inserted else { continue }
                guard let table = session.catalog.table(name) else { return false }
                if let origin = table.origin {
                    if !origin.hasPrefix(prefix) { return false }
                } else if let sources = letSources[key], !sources.isEmpty {
                    if !fromSamples(sources) { return false }
                } else {
                    return false
                }
            }
            return true
        }
        let names = tableNames(in: source)
        return !names.isEmpty && fromSamples(names)
    }
}
