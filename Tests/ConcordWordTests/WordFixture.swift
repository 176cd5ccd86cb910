import Foundation
@testable import ConcordWord

/// Word packages written in the tests, for the constructs LibreOffice does not write: the body
/// of `word/document.xml` as Word would have it, and the other parts as needed.
enum WordFixture {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let strictNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main"

    static func package(body: String, numbering: String? = nil, comments: String? = nil, styles: String? = nil,
                        namespace: String = wordNamespace) throws -> [UInt8] {
        let root = "xmlns:w=\"\(namespace)\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
        var parts: [(path: String, bytes: Data)] = [
            ("[Content_Types].xml", Data("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("word/document.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \(root)><w:body>\(body)</w:body></w:document>".utf8)),
        ]
        if let numbering { parts.append(("word/numbering.xml", Data("<w:numbering \(root)>\(numbering)</w:numbering>".utf8))) }
        if let comments { parts.append(("word/comments.xml", Data("<w:comments \(root)>\(comments)</w:comments>".utf8))) }
        if let styles { parts.append(("word/styles.xml", Data("<w:styles \(root)>\(styles)</w:styles>".utf8))) }
        return [UInt8](try WordPackage.write(parts))
    }

    /// The document read as a draft's lines.
    static func lines(body: String, numbering: String? = nil, comments: String? = nil,
                      namespace: String = wordNamespace) throws -> [String] {
        try text(body: body, numbering: numbering, comments: comments, namespace: namespace).lines
    }

    static func text(body: String, numbering: String? = nil, comments: String? = nil, styles: String? = nil,
                     namespace: String = wordNamespace) throws -> (lines: [String], word: WordText) {
        let word = try WordText(reading: WordPackage(reading: package(body: body, numbering: numbering, comments: comments, styles: styles,
                                                                      namespace: namespace),
                                                     named: "test.docx"))
        return (String(decoding: word.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), word)
    }

    static func run(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }
    static func paragraph(_ content: String, properties: String = "") -> String { "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")\(content)</w:p>" }
    static func inserted(_ text: String, id: Int = 1) -> String {
        "<w:ins w:id=\"\(id)\" w:author=\"Jane Doe\" w:date=\"2026-01-01T00:00:00Z\">\(run(text))</w:ins>"
    }
    static func deleted(_ text: String, id: Int = 2) -> String {
        "<w:del w:id=\"\(id)\" w:author=\"John Roe\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText xml:space=\"preserve\">\(text)</w:delText></w:r></w:del>"
    }
    static let deletedMark = "<w:rPr><w:del w:id=\"9\" w:author=\"John Roe\" w:date=\"2026-01-01T00:00:00Z\"/></w:rPr>"
}
