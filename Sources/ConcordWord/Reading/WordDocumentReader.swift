import ConcordDrafting

/// A paragraph of a Word document as it reads with every tracked change accepted.
struct WordParagraph {
    /// Its place among the document's paragraphs (from 1), for messages.
    var number: Int
    var text = ""
    /// Bookmarks that start before its first character: where a paragraph's id is kept.
    var bookmarks: [String] = []
    /// Word's automatic numbering (`w:numPr`), if the paragraph has one of its own.
    var numbering: (list: String, level: Int)?
    /// Its paragraph style, which may number it too (`WordStyles`).
    var style: String?
    /// Its paragraph mark is a tracked deletion: accepted, it joins the next paragraph.
    var markDeleted = false
    /// Comments anchored in it, by id.
    var comments: [String] = []
}

/// Reads `word/document.xml` as Word shows it with every tracked change accepted.
///
/// - Insertions (`w:ins`, `w:moveTo`) are read as text; deletions (`w:del`, `w:moveFrom`, and
///   the `w:delText` inside them) are not. A deleted paragraph mark joins the paragraph to
///   the next, as accepting it does in Word.
/// - Formatting changes (`w:rPrChange`, `w:pPrChange`) hold the old formatting only: skipped.
/// - Range markers (bookmarks, comments) count wherever they stand, inside a deletion too
///   (LibreOffice re-saves comment ranges inside `w:del`).
/// - Of `mc:AlternateContent`, the first branch (`mc:Choice`) is read, never `mc:Fallback`.
/// - Content the draft format cannot hold is refused, naming the paragraph: tables, notes,
///   pictures and objects, and line breaks within a paragraph. Page and column breaks are
///   layout and are left out.
final class WordDocumentReader: WordXMLHandler {
    private let file: String
    private(set) var paragraphs: [WordParagraph] = []
    /// Who Word says made the tracked changes: information only (see `WordText.authors`).
    private(set) var authors: Set<String> = []
    private(set) var trackedChanges = 0

    private var paragraph: WordParagraph?
    /// Markers met between paragraphs, for the next one.
    private var pendingBookmarks: [String] = []
    private var pendingComments: [String] = []
    /// Depth inside subtrees that hold no text of the document (old formatting, field codes,
    /// `mc:Fallback`): everything there is ignored.
    private var skipped = 0
    /// Depth inside tracked deletions: text there is not read, markers are.
    private var deleted = 0
    private var paragraphProperties = 0
    private var runProperties = 0
    private var runs = 0
    private var inText = false
    private var numberingList: String?
    private var numberingLevel = 0

    init(file: String) { self.file = file }

    /// Inside the paragraph mark's properties (`w:pPr/w:rPr`), where a tracked change is one of
    /// the mark itself, not of text.
    private var inParagraphMark: Bool { paragraphProperties > 0 && runProperties > 0 && runs == 0 }

    /// Where the reader stands, for a refusal.
    private var place: String {
        "paragraph \(paragraph?.number ?? paragraphs.count + 1) of \(WordPackage.documentPath)"
    }

    func start(_ name: WordName, _ attributes: [String: String]) throws {
        if skipped > 0 { skipped += 1; return }
        if name.vocabulary == .markupCompatibility {
            if name.local == "Fallback" { skipped = 1 }
            return
        }
        guard name.vocabulary == .word else { return }
        switch name.local {
        case "p":
            paragraph = WordParagraph(number: paragraphs.count + 1, bookmarks: pendingBookmarks, comments: pendingComments)
            pendingBookmarks = []
            pendingComments = []
        case "pPr": paragraphProperties += 1
        case "rPr": runProperties += 1
        case "r": runs += 1
        case "pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange",
             "instrText", "delInstrText":
            skipped = 1
        case "pStyle" where paragraphProperties > 0: paragraph?.style = attributes["val"]
        case "numId" where paragraphProperties > 0: numberingList = attributes["val"]
        case "ilvl" where paragraphProperties > 0: numberingLevel = attributes["val"].flatMap { Int($0) } ?? 0
        case "del", "moveFrom":
            trackedChanges += 1
            if let author = attributes["author"] { authors.insert(author) }
            if inParagraphMark { paragraph?.markDeleted = true } else { deleted += 1 }
        case "ins", "moveTo":
            trackedChanges += 1
            if let author = attributes["author"] { authors.insert(author) }
        case "t":
            inText = deleted == 0 && runs > 0
        case "tab" where runs > 0 && runProperties == 0, "ptab":
            try append("\t")
        case "noBreakHyphen": try append("\u{2011}")
        case "softHyphen": try append("\u{00AD}")
        case "sym":
            if let code = attributes["char"].flatMap({ UInt32($0, radix: 16) }), let scalar = Unicode.Scalar(code) {
                try append(String(scalar))
            }
        case "br", "cr":
            guard runs > 0, deleted == 0 else { return }
            if let type = attributes["type"], type == "page" || type == "column" { return }
            throw refusal(Self.lineBreak)
        case "tbl": throw refusal("a table, which a draft cannot hold; keep the draft's text in paragraphs")
        case "footnoteReference", "endnoteReference":
            throw refusal("a footnote or endnote, which a draft cannot hold; put its text in a paragraph or a comment")
        case "drawing", "pict", "object", "txbxContent":
            throw refusal("a picture, text box or embedded object, which a draft cannot hold")
        case "bookmarkStart":
            guard let bookmark = attributes["name"] else { return }
            if paragraph == nil { pendingBookmarks.append(bookmark) } else if paragraph?.text.isEmpty == true { paragraph?.bookmarks.append(bookmark) }
        case "commentRangeStart", "commentReference":
            guard let id = attributes["id"] else { return }
            if paragraph == nil { pendingComments.append(id) } else if paragraph?.comments.contains(id) == false { paragraph?.comments.append(id) }
        default: break
        }
    }

    func end(_ name: WordName) throws {
        if skipped > 0 { skipped -= 1; return }
        guard name.vocabulary == .word else { return }
        switch name.local {
        case "p":
            if let paragraph { paragraphs.append(paragraph) }
            paragraph = nil
        case "pPr": paragraphProperties -= 1
        case "rPr": runProperties -= 1
        case "r": runs -= 1
        case "t": inText = false
        case "numPr":
            if let numberingList { paragraph?.numbering = (numberingList, numberingLevel) }
            numberingList = nil
            numberingLevel = 0
        case "del", "moveFrom":
            if !inParagraphMark { deleted -= 1 }
        default: break
        }
    }

    func characters(_ text: String) throws {
        if inText, skipped == 0 { try append(text) }
    }

    /// A line break or another control character (a raw one in `w:t`, or one `w:sym` names)
    /// would split the paragraph's line or hide in it: refused as `w:br` is. A tab is text.
    private func append(_ text: String) throws {
        guard deleted == 0, skipped == 0 else { return }
        if let control = text.unicodeScalars.first(where: { $0.isControl && $0 != "\t" }) {
            throw refusal(control == "\n" || control == "\r" ? Self.lineBreak
                : "the control character \(control.codePoint), which a draft's text cannot hold")
        }
        paragraph?.text += text
    }

    private static let lineBreak = "a line break within a paragraph, which a draft cannot hold (each paragraph is one line); "
        + "make the two lines two paragraphs, or join them"

    private func refusal(_ what: String) -> DraftingError {
        DraftingError(.badInput, "\(file): \(place) holds \(what)")
    }
}

/// Reads `word/comments.xml`: each comment's author and text, its paragraphs joined by line breaks.
final class WordCommentsReader: WordXMLHandler {
    struct Comment {
        var author: String
        var text: String
    }

    private(set) var comments: [String: Comment] = [:]
    private var id: String?
    private var current = Comment(author: "", text: "")
    private var inText = false
    private var paragraphs = 0

    func start(_ name: WordName, _ attributes: [String: String]) {
        guard name.vocabulary == .word else { return }
        switch name.local {
        case "comment":
            id = attributes["id"]
            current = Comment(author: attributes["author"] ?? "", text: "")
            paragraphs = 0
        case "p" where id != nil:
            if paragraphs > 0 { current.text += "\n" }
            paragraphs += 1
        case "t": inText = id != nil
        case "tab" where id != nil: current.text += "\t"
        default: break
        }
    }

    func end(_ name: WordName) {
        guard name.vocabulary == .word else { return }
        switch name.local {
        case "comment":
            if let id { comments[id] = current }
            id = nil
        case "t": inText = false
        default: break
        }
    }

    func characters(_ text: String) {
        if inText { current.text += text }
    }
}
