import CXML
import Glibc
import TrygEngine

/// A pull parser over one XML part of a workbook, through libxml2's xmlTextReader: elements
/// and text one at a time, names and values as bytes valid until the next step.
///
/// It never touches the network, loads no DTD and expands no entities of its own; a part
/// that declares a DTD is refused, since a workbook never has one. An element with more
/// attributes than `XMLBounds` allows is refused before libxml2 sees it, and Ctrl-C (the
/// cancellation flag) is seen every few thousand nodes.
final class XMLPullReader {
    enum Node {
        case start
        case end
        case text
        case other
    }

    private let reader: xmlTextReaderPtr
    /// Keeps the bytes alive while libxml2 reads them.
    private let bytes: [UInt8]
    let partName: String
    let path: String
    /// The kind of the current node.
    private(set) var node: Node = .other
    private let cancellation: CancellationFlag?
    /// Nodes read, for checking the cancellation flag now and then.
    private var nodes = 0

    private static let initialized: Void = tryg_xml_init()

    /// A reader of `bytes`, the part `part` of the workbook at `path` (of the sheet named `sheet`,
    /// for messages).
    init(_ bytes: [UInt8], part: String, path: String, sheet: String? = nil,
         cancellation: CancellationFlag? = nil) throws(Diagnostic) {
        _ = XMLPullReader.initialized
        self.bytes = bytes
        self.partName = part
        self.path = path
        self.cancellation = cancellation
        guard bytes.count < Int(Int32.max) else {
            throw Diagnostic(.error, "the workbook's part \(part) is too large", file: FilePosition(path: path))
        }
        try bytes.withUnsafeBufferPointer { b throws(Diagnostic) in
            try XMLBounds.check(b, part: part, sheet: sheet, path: path, cancellation: cancellation)
        }
        let reader = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { $0.withMemoryRebound(to: CChar.self, capacity: b.count) { tryg_xml_reader($0, Int32(b.count)) } }
        }
        guard let made = reader, let made else {
            throw Diagnostic(.error, "cannot read the workbook's part \(part)", file: FilePosition(path: path))
        }
        self.reader = made
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; false at the end of the part. Malformed XML is an error.
    func next() throws(Diagnostic) -> Bool {
        nodes &+= 1
        if nodes & 0x3FFF == 0, cancellation?.isRaised == true {
            throw Diagnostic(.error, CSVLoader.cancelled, code: .cancelled, file: FilePosition(path: path))
        }
        let r = xmlTextReaderRead(reader)
        if r == 0 { return false }
        guard r == 1 else {
            let line = xmlTextReaderGetParserLineNumber(reader)
            throw Diagnostic(.error, "the workbook is damaged: its part \(partName) is not well-formed XML (line \(line))",
                             file: FilePosition(path: path))
        }
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): node = .start
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): node = .end
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            node = .text
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            throw Diagnostic(.error, "the workbook's part \(partName) declares a DTD, which a workbook never does",
                             file: FilePosition(path: path))
        default: node = .other
        }
        return true
    }

    /// True when the current node is an element without content (`<c r="A1"/>`).
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The nesting depth of the current node.
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// True when the current node's local name (without prefix) is `name`.
    func named(_ name: StaticString) -> Bool {
        guard let p = xmlTextReaderConstLocalName(reader) else { return false }
        return XMLPullReader.equal(p, name)
    }

    /// The text of the current text node.
    var text: String {
        guard let p = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: p)
    }

    /// Calls `body` with the bytes of the current text node.
    func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let p = xmlTextReaderConstValue(reader) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
    }

    /// Calls `body` with the local name and value of each attribute of the current element.
    func forEachAttribute(_ body: (_ name: UnsafePointer<UInt8>, _ value: UnsafePointer<UInt8>) -> Void) {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return }
        repeat {
            if let name = xmlTextReaderConstLocalName(reader), let value = xmlTextReaderConstValue(reader) {
                body(name, value)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        _ = xmlTextReaderMoveToElement(reader)
    }

    /// The value of an attribute of the current element, by local name.
    func attribute(_ name: StaticString) -> String? {
        var found: String?
        forEachAttribute { n, v in
            if found == nil, XMLPullReader.equal(n, name) { found = String(cString: v) }
        }
        return found
    }

    /// Compares a NUL-terminated name with a static one, byte by byte.
    static func equal(_ p: UnsafePointer<UInt8>, _ name: StaticString) -> Bool {
        let w = name.utf8Start
        let n = name.utf8CodeUnitCount
        for i in 0..<n where p[i] != w[i] { return false }
        return p[n] == 0
    }
}
