/// One paragraph of a draft: the unit of amendment.
///
/// Its bytes are kept exactly as written, split in two: the `head` (bookmark markers,
/// indentation, the label and the separator after it) and the `text` that members amend.
/// `head + text` is the original line, byte for byte.
public struct Paragraph: Hashable, Sendable {
    /// Nil only for a paragraph read from a text that carried no id for it, before alignment.
    public var id: ParagraphID?
    public var head: String
    public var text: String
    /// Lines holding only white space just before this paragraph, kept byte for byte.
    public var gapBefore: [String]

    public init(id: ParagraphID?, head: String = "", text: String, gapBefore: [String] = []) {
        self.id = id
        self.head = head
        self.text = text
        self.gapBefore = gapBefore
    }

    /// Splits a line into head and text.
    public init(id: ParagraphID?, line: String, gapBefore: [String] = []) {
        let split = ParagraphHead.split(line)
        self.init(id: id, head: split.head, text: split.text, gapBefore: gapBefore)
    }

    /// The whole line as written.
    public var line: String { head + text }

    /// The numbering as printed (`4.1.3.1`, `a)`, `•`), if the paragraph has one.
    public var label: Label? { ParagraphHead.label(in: head) }

    /// The names in the paragraph's `[bookmark: …]` markers, in order.
    public var bookmarks: [String] { ParagraphHead.bookmarks(in: head) }
}
