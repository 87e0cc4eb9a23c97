import TrygDomain
import TrygEngine

/// The parts of a file's format given by the person rather than sniffed: the options of
/// `.import` and of `--data`. What is left nil is sniffed (CSV) or found (XLSX).
public struct ImportSettings: Equatable, Sendable {
    public var delimiter: UInt8?
    public var quoting: Bool?
    public var header: Bool?
    public var encoding: TextEncoding?
    public var decimalComma: Bool?
    public var thousands: ThousandsSeparator?
    /// Column types that replace inference.
    public var types: [String: DataType] = [:]
    /// The sheet of a workbook.
    public var sheet: String?

    public init() {}

    /// The option names, as `.import` and `--data` take them.
    public static let optionNames = ["sheet", "delimiter", "quoting", "header", "encoding", "decimal", "thousands", "type"]

    /// How each option is written, for messages and help.
    public static let usage = """
        sheet NAME · delimiter ,|;|tab|pipe · quoting yes|no · header yes|no
          encoding utf-8|windows-1252|utf-16le|utf-16be · decimal comma|point · thousands .|,|space|none
          type COLUMN int|decimal|text|bool|date|timestamp|halfyear
        """

    /// Sets option `name` from its value(s); throws the reason when a value is not valid.
    /// `type` takes two values (column and type), every other option one.
    public mutating func set(_ name: String, _ values: [String]) throws(ImportSettingError) {
        guard let value = values.first else { throw ImportSettingError("\(name) needs a value") }
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
                    throw ImportSettingError("delimiter must be one ASCII character (or tab), not '\(value)'")
                }
                delimiter = byte
            }
        case "quoting": quoting = try ImportSettings.yesNo(name, value)
        case "header": header = try ImportSettings.yesNo(name, value)
        case "encoding":
            guard let e = TextEncoding(name: value) else {
                throw ImportSettingError("unknown encoding '\(value)'; expected \(TextEncoding.names)")
            }
            encoding = e
        case "decimal":
            switch value.lowercased() {
            case "comma", ",": decimalComma = true
            case "point", "dot", ".": decimalComma = false
            default: throw ImportSettingError("decimal must be comma or point, not '\(value)'")
            }
        case "thousands":
            switch value.lowercased() {
            case "none", "no": thousands = ThousandsSeparator.none
            case "space", " ": thousands = .separator(UInt8(ascii: " "))
            case ".", "dot": thousands = .separator(UInt8(ascii: "."))
            case ",", "comma": thousands = .separator(UInt8(ascii: ","))
            case "'": thousands = .separator(UInt8(ascii: "'"))
            default: throw ImportSettingError("thousands must be ., ',', space or none, not '\(value)'")
            }
        case "type":
            guard values.count == 2 else { throw ImportSettingError("type needs a column and a type: type COLUMN TYPE") }
            guard let type = ImportSettings.type(named: values[1]) else {
                throw ImportSettingError("unknown type '\(values[1])'; expected \(ImportSettings.typeNames.joined(separator: ", "))")
            }
            types[values[0]] = type
        default:
            let hint = Suggest.nearest(name.lowercased(), in: ImportSettings.optionNames).map { "; did you mean \($0)?" } ?? ""
            throw ImportSettingError("unknown import option '\(name)'\(hint)")
        }
    }

    /// How many values option `name` takes.
    public static func arity(_ name: String) -> Int { name.lowercased() == "type" ? 2 : 1 }

    static let typeNames = ["int", "decimal", "text", "bool", "date", "timestamp", "halfyear"]

    static func type(named name: String) -> DataType? {
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

    private static func yesNo(_ name: String, _ value: String) throws(ImportSettingError) -> Bool {
        switch value.lowercased() {
        case "yes", "on", "true", "ja": return true
        case "no", "off", "false", "nej": return false
        default: throw ImportSettingError("\(name) must be yes or no, not '\(value)'")
        }
    }

    /// CSV options with these settings; `scales` turn scale-named text columns into categories.
    public func csvOptions(scales: [String: OrderedScale], cancellation: CancellationFlag?) -> CSVOptions {
        CSVOptions(delimiter: delimiter, quoting: quoting, header: header, encoding: encoding, decimalComma: decimalComma,
                   thousands: thousands, types: types, scales: scales, cancellation: cancellation)
    }

    /// XLSX options with these settings.
    public func xlsxOptions(scales: [String: OrderedScale], cancellation: CancellationFlag?) -> XLSXOptions {
        XLSXOptions(sheet: sheet, header: header, types: types, scales: scales, cancellation: cancellation)
    }

    /// These settings without the ones that only CSV files take.
    var forWorkbook: ImportSettings {
        var s = self
        s.delimiter = nil
        s.quoting = nil
        s.encoding = nil
        s.decimalComma = nil
        s.thousands = nil
        return s
    }

    /// These settings without the sheet, which only workbooks take.
    var forCSV: ImportSettings {
        var s = self
        s.sheet = nil
        return s
    }

    /// The options that mean nothing for a workbook (its cells carry their own types).
    var csvOnlyOptions: [String] {
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
public struct ImportSettingError: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}

/// `.import FILE [sheet NAME] [as TABLE] [OPTION VALUE …]`.
public struct ImportRequest: Equatable, Sendable {
    public var path: String
    public var tableName: String?
    public var settings: ImportSettings

    public init(path: String, tableName: String? = nil, settings: ImportSettings = ImportSettings()) {
        self.path = path
        self.tableName = tableName
        self.settings = settings
    }
}
