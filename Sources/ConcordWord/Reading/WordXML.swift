import ConcordDrafting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A name in a WordprocessingML part: which vocabulary it belongs to, and its local name.
struct WordName: Hashable {
    enum Vocabulary { case word, markupCompatibility, other }
    var vocabulary: Vocabulary
    var local: String

    static func word(_ local: String) -> WordName { WordName(vocabulary: .word, local: local) }

    /// Transitional and Strict OOXML name the same elements in two namespaces.
    init(namespace: String?, local: String) {
        switch namespace {
        case "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
             "http://purl.oclc.org/ooxml/wordprocessingml/main": vocabulary = .word
        case "http://schemas.openxmlformats.org/markup-compatibility/2006": vocabulary = .markupCompatibility
        default: vocabulary = .other
        }
        self.local = local
    }

    init(vocabulary: Vocabulary, local: String) {
        self.vocabulary = vocabulary
        self.local = local
    }
}

/// What a part's reader is told, in document order.
protocol WordXMLHandler: AnyObject {
    /// `attributes` by local name: `XMLParser` keeps the file's prefix (`w:val`), which a file
    /// may spell otherwise, so it is stripped.
    func start(_ name: WordName, _ attributes: [String: String]) throws
    func end(_ name: WordName) throws
    func characters(_ text: String) throws
}

/// Streams one part through FoundationXML's `XMLParser` with namespaces on, external
/// entities off (the part was already refused if it declares any: `WordPackage`).
enum WordXML {
    static func read(_ data: Data, part: String, file: String, into handler: WordXMLHandler) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let error = delegate.error { throw error }
        // FoundationXML on Linux reports a part cut off inside its elements as parsed.
        guard parsed, delegate.depth == 0, delegate.sawRoot else {
            throw DraftingError(.badInput, "\(file): \(part) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber)); the file is damaged")
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let handler: WordXMLHandler
        var error: Error?
        var depth = 0
        var sawRoot = false

        init(_ handler: WordXMLHandler) { self.handler = handler }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            sawRoot = true
            var local: [String: String] = [:]
            for (key, value) in attributes {
                local[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
            perform(parser) { try handler.start(WordName(namespace: namespaceURI, local: elementName), local) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            perform(parser) { try handler.end(WordName(namespace: namespaceURI, local: elementName)) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            perform(parser) { try handler.characters(string) }
        }

        private func perform(_ parser: XMLParser, _ body: () throws -> Void) {
            guard error == nil else { return }
            do { try body() } catch {
                self.error = error
                parser.abortParsing()
            }
        }
    }
}
