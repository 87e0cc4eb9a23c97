import TrygDomain
import TrygEngine

/// Options as a person writes them: `.import FILE delimiter ; decimal comma`, `--data DIR
/// --delimiter ';'`. Each option's name, its values, and what they set.
extension ImportOptions {
    /// The option names, as `.import` and `--data` take them.
    public static let optionNames = ["sheet", "delimiter", "quoting", "header", "encoding", "decimal", "thousands", "null", "type"]

    /// How each option is written, for messages and help.
    public static let usage = """
        sheet NAME · delimiter ,|;|tab|pipe · quoting yes|no · header yes|no
          encoding utf-8|windows-1252|utf-16le|utf-16be · decimal comma|point · thousands .|,|space|none
          null TEXT (a value read as missing, besides NULL, N/A, NA and -)
          type COLUMN int|decimal|text|bool|date|timestamp|halfyear
        """

    /// Sets option `name` from its value(s); throws the reason when a value is not valid.
    /// `type` takes two values (column and type), every other option one.
    public mutating func set(_ name: String, _ values: [String]) throws(ImportOptionError) {
        guard let value = values.first else { throw ImportOptionError("\(name) needs a value") }
        switch name.lowercased() {
        case "sheet": sheet = value
        case "delimiter":
            switch value.lowercased() {
            case "tab", "\\t", "\t": delimiter = UInt8(ascii: "\t")
            case "pipe": delimiter = UInt8(ascii: "|")
            case "semicolon": delimiter = UInt8(ascii: ";")
            case "comma": delimiter = UInt8(ascii: ",")
            default:
                guard let byte = value.utf8.first, value.utf8.count == 1, byte < 0x80, byte != UInt8(ascii: "\""),
                      byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                    throw ImportOptionError("delimiter must be one ASCII character (or tab), not '\(value)'")
                }
                delimiter = byte
            }
        case "quoting": quoting = try ImportOptions.yesNo(name, value)
        case "header": header = try ImportOptions.yesNo(name, value)
        case "encoding":
            guard let e = TextEncoding(name: value) else {
                throw ImportOptionError("unknown encoding '\(value)'; expected \(TextEncoding.names)")
            }
            encoding = e
        case "decimal":
            switch value.lowercased() {
            case "comma", ",": decimalComma = true
            case "point", "dot", ".": decimalComma = false
            default: throw ImportOptionError("decimal must be comma or point, not '\(value)'")
            }
        case "thousands":
            switch value.lowercased() {
            case "none", "no": thousands = ThousandsSeparator.none
            case "space", " ": thousands = .separator(UInt8(ascii: " "))
            case ".", "dot": thousands = .separator(UInt8(ascii: "."))
            case ",", "comma": thousands = .separator(UInt8(ascii: ","))
            case "'": thousands = .separator(UInt8(ascii: "'"))
            default: throw ImportOptionError("thousands must be ., ',', space or none, not '\(value)'")
            }
        case "null":
            guard !value.isEmpty else { throw ImportOptionError("null needs a non-empty value (an empty field is null anyway)") }
            if !nullMarkers.contains(value) { nullMarkers.append(value) }
        case "type":
            guard values.count == 2 else { throw ImportOptionError("type needs a column and a type: type COLUMN TYPE") }
            guard let type = ImportOptions.type(named: values[1]) else {
                throw ImportOptionError("unknown type '\(values[1])'; expected \(ImportOptions.typeNames.joined(separator: ", "))")
            }
            types[values[0]] = type
        default:
            let hint = Suggest.nearest(name.lowercased(), in: ImportOptions.optionNames).map { "; did you mean \($0)?" } ?? ""
            throw ImportOptionError("unknown import option '\(name)'\(hint)")
        }
    }

    /// How many values option `name` takes.
    public static func arity(_ name: String) -> Int { name.lowercased() == "type" ? 2 : 1 }

    public static let typeNames = ["int", "decimal", "text", "bool", "date", "timestamp", "halfyear"]

    public static func type(named name: String) -> DataType? {
        switch name.lowercased() {
        case "int", "integer": return .int
        case "decimal", "number": return .decimal
        case "text": return .text
        case "bool", "boolean": return .bool
        case "date": return .date
        case "timestamp": return .timestamp
        case "halfyear": return .halfYear
        default: return nil
        }
    }

    private static func yesNo(_ name: String, _ value: String) throws(ImportOptionError) -> Bool {
        switch value.lowercased() {
        case "yes", "on", "true", "ja": return true
        case "no", "off", "false", "nej": return false
        default: throw ImportOptionError("\(name) must be yes or no, not '\(value)'")
        }
    }

    /// These options without the ones that only CSV files take.
    public var forWorkbook: ImportOptions {
        var s = self
        s.delimiter = nil
        s.quoting = nil
        s.encoding = nil
        s.decimalComma = nil
        s.thousands = nil
        return s
    }

    /// These options without the sheet, which only workbooks take.
    public var forCSV: ImportOptions {
        var s = self
        s.sheet = nil
        return s
    }

    /// The options that mean nothing for a workbook (its cells carry their own types).
    public var csvOnlyOptions: [String] {
        var names: [String] = []
        if delimiter != nil { names.append("delimiter") }
        if quoting != nil { names.append("quoting") }
        if encoding != nil { names.append("encoding") }
        if decimalComma != nil { names.append("decimal") }
        if thousands != nil { names.append("thousands") }
        return names
    }
}

/// Why an import option's value is not valid.
public struct ImportOptionError: Error, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
