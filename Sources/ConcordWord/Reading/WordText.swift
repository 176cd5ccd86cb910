import ConcordDrafting
import ConcordText

/// A Word document read as a draft's text: what `concord draft import` and `concord submit`
/// read from a `.docx`, in the same form as a text file, so that everything after reading is
/// the same for both.
///
/// - Each Word paragraph, every tracked change accepted, is a line. The draft's own reader then
///   finds its label and text as in any text file.
/// - A label made by Word's numbering (`w:numPr`, on the paragraph or its style) is written
///   before the text, with a tab, as the reader sees it (`WordNumbering`): in the draft it is typed.
/// - The first bookmark before a paragraph's text gives its id when it spells one: the id a
///   clean export wrote (`WordExport`), or those ITU's and Word's tools leave (`lt_pId…`,
///   `_Hlk…`). `_GoBack`, Word's "last edit" mark, never does.
/// - A comment anchored in a paragraph is that paragraph's reason.
public struct WordText: Sendable {
    /// The text as a draft file: UTF-8, one paragraph per line.
    public var bytes: [UInt8]
    /// Per paragraph of the text (in order, blank lines not counted), the reason its comments give.
    public var reasons: [Int: String]
    /// Who Word names as the authors of the tracked changes (information only).
    public var authors: [String]
    public var trackedChanges: Int

    public init(reading package: WordPackage) throws {
        let file = package.fileName
        let parts = try package.parts([WordPackage.documentPath, "word/numbering.xml", "word/styles.xml", "word/comments.xml"])
        /// `handler` after reading `part` into it; nil when the package lacks the part.
        func read<Handler: WordXMLHandler>(_ part: String, into handler: Handler) throws -> Handler? {
            guard let data = parts[part] else { return nil }
            try WordXML.read(data, part: part, file: file, into: handler)
            return handler
        }
        let document = try read(WordPackage.documentPath, into: WordDocumentReader(file: file))!
        var numbering = try read("word/numbering.xml", into: WordNumbering.Reader())?.numbering ?? WordNumbering()
        let styles = try read("word/styles.xml", into: WordStyles.Reader())?.styles ?? WordStyles()
        let comments = try read("word/comments.xml", into: WordCommentsReader())?.comments ?? [:]
        var lines: [String] = []
        reasons = [:]
        var paragraphIndex = 0
        for paragraph in Self.joiningDeletedMarks(document.paragraphs) {
            // A paragraph's own numbering wins over its style's (`w:numId` 0 switches it off).
            let numbered = paragraph.numbering ?? paragraph.style.flatMap(styles.numbering(of:))
            let label = numbered.flatMap { numbering.nextLabel(list: $0.list, level: $0.level) }
            let id = paragraph.bookmarks.lazy.filter { $0 != "_GoBack" }.compactMap(ParagraphID.init(rawValue:)).first
            guard label != nil || !paragraph.text.allSatisfy({ $0 == " " || $0 == "\t" }) else {
                lines.append("")
                continue
            }
            lines.append((id.map { "{#\($0)} " } ?? "") + (label.map { $0 + "\t" } ?? "") + paragraph.text)
            let reason = paragraph.comments.compactMap { comments[$0]?.text }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            if !reason.isEmpty { reasons[paragraphIndex] = reason }
            paragraphIndex += 1
        }
        bytes = Array(lines.joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
        authors = document.authors.sorted()
        trackedChanges = document.trackedChanges
    }

    /// Accepting a deleted paragraph mark joins the paragraph to the next. A paragraph left
    /// with no text (deleted whole) gives way to the next one, id and all; otherwise the next
    /// one's text is appended to it and it keeps its own id.
    static func joiningDeletedMarks(_ paragraphs: [WordParagraph]) -> [WordParagraph] {
        var result: [WordParagraph] = []
        var joining: WordParagraph?
        for var paragraph in paragraphs {
            if let first = joining {
                if first.text.isEmpty {
                    paragraph.comments = first.comments + paragraph.comments
                } else {
                    var joined = first
                    joined.text += paragraph.text
                    joined.comments += paragraph.comments
                    joined.markDeleted = paragraph.markDeleted
                    paragraph = joined
                }
                joining = nil
            }
            if paragraph.markDeleted { joining = paragraph } else { result.append(paragraph) }
        }
        if var last = joining {
            last.markDeleted = false
            if !last.text.isEmpty { result.append(last) }
        }
        return result
    }
}
