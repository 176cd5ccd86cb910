import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Writes a `WordDocument` as a `.docx` package: the minimal parts (`[Content_Types].xml`,
/// the relationships, `word/document.xml`), with `word/comments.xml` when there are comments
/// and `word/settings.xml`, which switches track changes on so that what a reader edits next
/// is tracked too.
///
/// The XML is built with FoundationXML's `XMLElement` and serialised by it, so that escaping
/// is the library's. Conventions Word, LibreOffice and pandoc rely on: every `w:ins`/`w:del`
/// has an id, author and date; deleted text is `w:delText`; text keeps its edge spaces with
/// `xml:space="preserve"`; a tab is `w:tab`.
enum WordDocumentWriter {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func package(_ document: WordDocument) throws -> Data {
        var parts: [(path: String, bytes: Data)] = [
            ("[Content_Types].xml", contentTypes(hasComments: !document.comments.isEmpty)),
            ("_rels/.rels", relationships([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml")])),
            ("word/_rels/document.xml.rels", relationships(
                [("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings", "settings.xml")]
                + (document.comments.isEmpty ? [] : [("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments", "comments.xml")]))),
            ("word/document.xml", body(document)),
            ("word/settings.xml", wordPart("w:settings", [element("w:trackRevisions")])),
        ]
        if !document.comments.isEmpty { parts.append(("word/comments.xml", comments(document))) }
        return try WordPackage.write(parts)
    }

    // MARK: - Parts

    private static func body(_ document: WordDocument) -> Data {
        var writer = Writer(date: document.date)
        let body = element("w:body")
        for block in document.blocks {
            switch block {
            case .paragraph(let paragraph): body.addChild(writer.paragraph(paragraph))
            case .table(let rows): body.addChild(writer.table(rows))
            }
        }
        let size = document.isLandscape
            ? element("w:pgSz", ["w:w": "16838", "w:h": "11906", "w:orient": "landscape"])
            : element("w:pgSz", ["w:w": "11906", "w:h": "16838"])
        body.addChild(element("w:sectPr", children: [size, element("w:pgMar", ["w:top": "1134", "w:right": "1134", "w:bottom": "1134",
                                                                               "w:left": "1134", "w:header": "567", "w:footer": "567", "w:gutter": "0"])]))
        return wordPart("w:document", [body])
    }

    private static func comments(_ document: WordDocument) -> Data {
        wordPart("w:comments", document.comments.map { comment in
            element("w:comment", ["w:id": "\(comment.id)", "w:author": comment.author, "w:date": document.date,
                                  "w:initials": String(comment.author.prefix(3))],
                    children: comment.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                        element("w:p", children: [element("w:r", children: Writer.textElements(String(line), deleted: false))])
                    })
        })
    }

    private static func contentTypes(hasComments: Bool) -> Data {
        let root = element("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"], children: [
            element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"]),
            element("Default", ["Extension": "xml", "ContentType": "application/xml"]),
            element("Override", ["PartName": "/word/document.xml",
                                 "ContentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"]),
            element("Override", ["PartName": "/word/settings.xml",
                                 "ContentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"]),
        ] + (hasComments ? [element("Override", ["PartName": "/word/comments.xml",
                                                 "ContentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"])] : []))
        return serialised(root)
    }

    private static func relationships(_ targets: [(id: String, type: String, target: String)]) -> Data {
        serialised(element("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"],
                           children: targets.map { element("Relationship", ["Id": $0.id, "Type": $0.type, "Target": $0.target]) }))
    }

    private static func wordPart(_ name: String, _ children: [XMLElement]) -> Data {
        let root = element(name, children: children)
        root.addNamespace(XMLNode.namespace(withName: "w", stringValue: wordNamespace) as! XMLNode)
        return serialised(root)
    }

    private static func serialised(_ root: XMLElement) -> Data {
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        document.isStandalone = true
        return document.xmlData(options: [.nodeCompactEmptyElement])
    }

    static func element(_ name: String, _ attributes: [String: String] = [:], children: [XMLElement] = []) -> XMLElement {
        let node = XMLElement(name: name)
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            node.addAttribute(XMLNode.attribute(withName: key, stringValue: value) as! XMLNode)
        }
        for child in children { node.addChild(child) }
        return node
    }

    /// Numbers the tracked changes and bookmarks as it writes them: Word wants each id once.
    private struct Writer {
        let date: String
        var nextRevision = 1
        var nextBookmark = 0

        mutating func paragraph(_ paragraph: WordDocument.Paragraph) -> XMLElement {
            let node = element("w:p")
            if paragraph.mark != .none {
                let mark = element("w:rPr", children: [revision(paragraph.mark)])
                node.addChild(element("w:pPr", children: [mark]))
            }
            if let bookmark = paragraph.bookmark {
                node.addChild(element("w:bookmarkStart", ["w:id": "\(nextBookmark)", "w:name": bookmark]))
                node.addChild(element("w:bookmarkEnd", ["w:id": "\(nextBookmark)"]))
                nextBookmark += 1
            }
            for id in paragraph.comments { node.addChild(element("w:commentRangeStart", ["w:id": "\(id)"])) }
            for run in paragraph.runs {
                for id in run.startsComments { node.addChild(element("w:commentRangeStart", ["w:id": "\(id)"])) }
                let deleted: Bool
                if case .deleted = run.revision { deleted = true } else { deleted = false }
                var children: [XMLElement] = []
                if run.isBold { children.append(element("w:rPr", children: [element("w:b")])) }
                let textRun = element("w:r", children: children + Self.textElements(run.text, deleted: deleted))
                if run.revision == .none {
                    node.addChild(textRun)
                } else {
                    let wrapper = revision(run.revision)
                    wrapper.addChild(textRun)
                    node.addChild(wrapper)
                }
                for id in run.endsComments { anchorEnd(id, in: node) }
            }
            for id in paragraph.comments { anchorEnd(id, in: node) }
            return node
        }

        mutating func table(_ rows: [[[WordDocument.Paragraph]]]) -> XMLElement {
            let border = { (side: String) in element("w:\(side)", ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "808080"]) }
            let properties = element("w:tblPr", children: [
                element("w:tblW", ["w:w": "5000", "w:type": "pct"]),
                element("w:tblBorders", children: ["top", "left", "bottom", "right", "insideH", "insideV"].map(border)),
                element("w:tblLayout", ["w:type": "fixed"]),
            ])
            let columns = rows.first?.count ?? 0
            let width = columns == 0 ? 0 : 14570 / columns
            let node = element("w:tbl", children: [properties, element("w:tblGrid", children: (0 ..< columns).map { _ in
                element("w:gridCol", ["w:w": "\(width)"])
            })])
            for (index, row) in rows.enumerated() {
                let rowNode = element("w:tr", children: index == 0 ? [element("w:trPr", children: [element("w:tblHeader")])] : [])
                for cell in row {
                    let cellNode = element("w:tc", children: [element("w:tcPr", children: [element("w:tcW", ["w:w": "\(width)", "w:type": "dxa"])])])
                    // A cell must end in a paragraph.
                    for paragraph in cell.isEmpty ? [WordDocument.Paragraph([])] : cell { cellNode.addChild(self.paragraph(paragraph)) }
                    rowNode.addChild(cellNode)
                }
                node.addChild(rowNode)
            }
            return node
        }

        private mutating func revision(_ revision: WordDocument.Revision) -> XMLElement {
            defer { nextRevision += 1 }
            switch revision {
            case .none: preconditionFailure("no revision to write")
            case .inserted(let author): return element("w:ins", ["w:id": "\(nextRevision)", "w:author": author, "w:date": date])
            case .deleted(let author): return element("w:del", ["w:id": "\(nextRevision)", "w:author": author, "w:date": date])
            }
        }

        private func anchorEnd(_ id: Int, in node: XMLElement) {
            node.addChild(element("w:commentRangeEnd", ["w:id": "\(id)"]))
            node.addChild(element("w:r", children: [element("w:commentReference", ["w:id": "\(id)"])]))
        }

        /// The text as `w:t` (or `w:delText`) pieces with a `w:tab` for each tab.
        static func textElements(_ text: String, deleted: Bool) -> [XMLElement] {
            var result: [XMLElement] = []
            for (index, piece) in text.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { result.append(element("w:tab")) }
                guard !piece.isEmpty else { continue }
                // Word trims a text's edge spaces unless told to keep them.
                let keepsSpaces = piece.first == " " || piece.last == " "
                let node = element(deleted ? "w:delText" : "w:t", keepsSpaces ? ["xml:space": "preserve"] : [:])
                node.stringValue = String(piece)
                result.append(node)
            }
            return result
        }
    }
}
