/// How a text column's values are laid out.
public enum TextLayout: Sendable, CaseIterable {
    /// Codes into a dictionary of the distinct values (`ColumnStorage.text`).
    case dictionary
    /// Offsets into one buffer of UTF-8 bytes (`ColumnStorage.strings`).
    case plain
}

/// Reading text without knowing its layout. Kernels that work per distinct value (grouping,
/// joins, sorting, `in`) take `dictionaryEncoded`; display and row-by-row code takes
/// `text(at:)`; byte kernels (matching) switch on the storage themselves.
extension Column {
    /// The layout of a text column; nil for other columns.
    public var textLayout: TextLayout? {
        switch storage {
        case .text: return .dictionary
        case .strings: return .plain
        default: return nil
        }
    }

    /// The text at a row, whatever the layout; a null row reads as some text (check `isNull`).
    /// Nil for a column that is not text.
    public func text(at row: Int) -> String? {
        switch storage {
        case .text(let codes, let dict): return dict.values[Int(codes[row])]
        case .strings(let s): return s.value(at: row)
        default: return nil
        }
    }

    /// The text as codes into a dictionary: the stored ones, or for plain text a dictionary
    /// built on first use and kept with the column. Nil for a column that is not text.
    public var dictionaryEncoded: TextBytes.DictionaryText? {
        switch storage {
        case .text(let codes, let dict): return (codes, dict)
        case .strings(let s): return s.dictionaryEncoded()
        default: return nil
        }
    }

    /// The same column with its text in the given layout (itself when it is so already, or
    /// not text). The values, nulls and type stay; the loader picks the layout per column,
    /// and tests run every text kernel on both.
    public func withTextLayout(_ layout: TextLayout) -> Column {
        switch (storage, layout) {
        case (.text(let codes, let dict), .plain):
            var offsets = [0]
            offsets.reserveCapacity(codes.count &+ 1)
            var bytes: [UInt8] = []
            for (row, code) in codes.enumerated() {
                if !isNull(row) { bytes.append(contentsOf: dict.values[Int(code)].utf8) }
                offsets.append(bytes.count)
            }
            return Column(type: type, storage: .strings(TextBytes(offsets: offsets, bytes: bytes)), nulls: nulls)
        case (.strings(let s), .dictionary):
            let (codes, dict) = s.dictionaryEncoded()
            return Column(type: type, storage: .text(codes: codes, dictionary: dict), nulls: nulls)
        default:
            return self
        }
    }
}

extension Table {
    /// The same table with every text column in the given layout.
    public func withTextLayout(_ layout: TextLayout) -> Table {
        Table(name: name, columnNames: columnNames, columns: columns.map { $0.withTextLayout(layout) },
              rowCount: rowCount, origin: origin)
    }
}

extension Column {
    /// `dictionaryEncoded` inside a branch that has matched a text storage already.
    var knownTextCodes: TextBytes.DictionaryText { dictionaryEncoded ?? ([], TextDictionary(values: [])) }
}
