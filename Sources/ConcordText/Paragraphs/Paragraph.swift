/// One paragraph of a draft: the unit of amendment.
///
/// Its bytes are kept exactly as written, split in two: the `head` (bookmark markers,
/// indentation, the label and the separator after it) and the `text` that members amend.
/// `head + text` is the original line, byte for byte.
public struct Paragraph: Hashable, Sendable {
    /// Nil only for a paragraph read from a text that carried no id for it, before alignment.
    public var id: ParagraphID?
    public private(set) var head: String
    public var text: String
    /// Lines holding only white space just before this paragraph, kept byte for byte.
    public var gapBefore: [String]
    /// The numbering as printed (`4.1.3.1`, `a)`, `•`), if the paragraph has one.
    public private(set) var label: Label?
    /// The name in the paragraph's first `[bookmark: …]` marker.
    public private(set) var firstBookmark: String?

    /// Splits a line into head and text.
    public init(id: ParagraphID?, line: String, gapBefore: [String] = []) {
        let reading = ParagraphHead.read(line)
        let utf8 = line.utf8
        let split = utf8.index(utf8.startIndex, offsetBy: reading.headBytes)
        self.id = id
        head = String(line[..<split])
        text = String(line[split...])
        self.gapBefore = gapBefore
        label = reading.label
        firstBookmark = reading.firstBookmark
    }

    /// Splits a line's bytes into head and text, each validated as UTF-8 once; nil when the
    /// line is not UTF-8. The reader of draft files uses this rather than building a `String`
    /// per line and cutting it again.
    init?(id: ParagraphID?, lineBytes: UnsafeBufferPointer<UInt8>, gapBefore: [String]) {
        let reading = ParagraphHead.read(lineBytes)
        // On valid UTF-8 the head ends at a scalar boundary; on bad bytes the reading may be
        // off, but then one of the two parts fails validation whatever the split.
        let split = min(reading.headBytes, lineBytes.count)
        guard let head = String(validating: UnsafeBufferPointer(rebasing: lineBytes[..<split]), as: UTF8.self),
              let text = String(validating: UnsafeBufferPointer(rebasing: lineBytes[split...]), as: UTF8.self) else {
            return nil
        }
        self.id = id
        self.head = head
        self.text = text
        self.gapBefore = gapBefore
        label = reading.label
        firstBookmark = reading.firstBookmark
    }

    /// This paragraph with the head (bookmarks, label, separator) of `other`.
    public func withHead(of other: Paragraph) -> Paragraph {
        var paragraph = self
        paragraph.head = other.head
        paragraph.label = other.label
        paragraph.firstBookmark = other.firstBookmark
        return paragraph
    }

    /// The whole line as written.
    public var line: String { head + text }

    /// The names in the paragraph's `[bookmark: …]` markers, in order.
    public var bookmarks: [String] { ParagraphHead.bookmarks(in: head) }
}
