/// One paragraph of a draft: the unit of amendment.
///
/// Its bytes are kept exactly as written, split in two: the `head` (bookmark markers,
/// indentation, the label and the separator after it) and the `text` that members amend.
/// `head + text` is the original line, byte for byte.
///
/// A value, stored in one shared box (copy on write): a paragraph is copied far more often
/// than changed — every member's text shares the base's unchanged paragraphs, and a diff
/// holds each paragraph of both sides — and copying six fields meant retaining up to six
/// strings and arrays each time, where the box costs one retain. The id stands beside the
/// box: it is what changes most (every paragraph of a plain file gets one, and each
/// paragraph of an edited text takes its base paragraph's), and writing it into a shared
/// box copied the box; an id is a few ASCII bytes, which `String` keeps inline.
public struct Paragraph: Hashable, Sendable {
    private final class Storage: @unchecked Sendable {
        // Written only while the box is uniquely referenced (`mutableStorage`).
        var head: String
        var text: ParagraphText {
            didSet { (textStart, textCount) = Self.place(of: text) }
        }
        /// `text.bytesInPlace`, kept beside it: reading the bytes through `text` copied the
        /// enum, retaining and releasing the file's `SourceBytes` (which every paragraph of
        /// the file shares, and both cores compare at once) at each comparison. Numbering a
        /// 10 MB draft's texts took half as long without it. Kept as a start and a length,
        /// nil where the text is not in place: an optional buffer would take a word more in
        /// every paragraph, and a draft has tens of thousands.
        private var textStart: UnsafePointer<UInt8>?
        private var textCount = 0
        var gapBefore: [String]
        var label: Label?
        var firstBookmark: String?

        init(head: String, text: ParagraphText, gapBefore: [String], label: Label?, firstBookmark: String?) {
            self.head = head
            self.text = text
            (textStart, textCount) = Self.place(of: text)
            self.gapBefore = gapBefore
            self.label = label
            self.firstBookmark = firstBookmark
        }

        /// The text's bytes, when they are in place.
        var textBytes: UnsafeBufferPointer<UInt8>? { textStart.map { UnsafeBufferPointer(start: $0, count: textCount) } }

        private static func place(of text: ParagraphText) -> (UnsafePointer<UInt8>?, Int) {
            let bytes = text.bytesInPlace
            return (bytes?.baseAddress, bytes?.count ?? 0)
        }

        func copy() -> Storage {
            Storage(head: head, text: text, gapBefore: gapBefore, label: label, firstBookmark: firstBookmark)
        }
    }

    private var storage: Storage

    private var mutableStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// Nil only for a paragraph read from a text that carried no id for it, before alignment.
    public var id: ParagraphID?
    public var head: String { storage.head }
    /// Made on each reading when the paragraph was read from a file (see `ParagraphText`):
    /// loops over many paragraphs compare with `hasSameText(as:)` and read bytes with
    /// `withTextUTF8`.
    public var text: String {
        get { storage.text.string }
        set { mutableStorage.text = .string(newValue) }
    }
    var textIsEmpty: Bool { storage.text.isEmpty }

    /// Whether the two texts are the same bytes.
    public func hasSameText(as other: Paragraph) -> Bool {
        if storage === other.storage { return true }
        if let bytes = storage.textBytes, let otherBytes = other.storage.textBytes { return Bytes.equal(bytes, otherBytes) }
        return storage.text.hasSameBytes(as: other.storage.text)
    }

    func withTextUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let bytes = storage.textBytes { return try body(bytes) }
        return try storage.text.withUTF8(body)
    }

    /// The text as stored: a word diff's input, read without a copy.
    var storedText: ParagraphText { storage.text }
    /// Lines holding only white space just before this paragraph, kept byte for byte.
    public var gapBefore: [String] {
        get { storage.gapBefore }
        set {
            // Most paragraphs have no gap: writing the empty one again would copy a shared box.
            if newValue.isEmpty && storage.gapBefore.isEmpty { return }
            mutableStorage.gapBefore = newValue
        }
    }
    /// The numbering as printed (`4.1.3.1`, `a)`, `•`), if the paragraph has one.
    public var label: Label? { storage.label }
    /// The name in the paragraph's first `[bookmark: …]` marker.
    public var firstBookmark: String? { storage.firstBookmark }

    /// Splits a line into head and text.
    public init(id: ParagraphID?, line: String, gapBefore: [String] = []) {
        let reading = ParagraphHead.read(line)
        let utf8 = line.utf8
        let split = utf8.index(utf8.startIndex, offsetBy: reading.headBytes)
        self.id = id
        storage = Storage(head: String(line[..<split]), text: .string(String(line[split...])), gapBefore: gapBefore,
                          label: reading.label, firstBookmark: reading.firstBookmark)
    }

    public static func == (a: Paragraph, b: Paragraph) -> Bool {
        guard a.id == b.id else { return false }
        return a.storage === b.storage || (a.head == b.head && a.hasSameText(as: b) && a.gapBefore == b.gapBefore
                                           && a.label == b.label && a.firstBookmark == b.firstBookmark)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(head)
        withTextUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(gapBefore)
        hasher.combine(label)
        hasher.combine(firstBookmark)
    }

    /// Splits a line's bytes into head and text, each validated as UTF-8 once; nil when the
    /// line is not UTF-8. The reader of an edited text uses this for the lines it could not
    /// share with the base: few, and not worth keeping their file alive for.
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
        storage = Storage(head: head, text: .string(text), gapBefore: gapBefore, label: reading.label,
                          firstBookmark: reading.firstBookmark)
    }

    /// The paragraph on `range` of `source`, which the caller has validated as UTF-8: the text
    /// stays a slice of the file.
    init(id: ParagraphID?, source: SourceBytes, range: Range<Int>, gapBefore: [String]) {
        let line = UnsafeBufferPointer(rebasing: source.bytes[range])
        let reading = ParagraphHead.read(line)
        let head = String(decoding: UnsafeBufferPointer(rebasing: line[..<min(reading.headBytes, line.count)]), as: UTF8.self)
        let textStart = range.lowerBound + min(reading.headBytes, range.count)
        self.id = id
        storage = Storage(head: head, text: .slice(source, textStart..<range.upperBound), gapBefore: gapBefore,
                          label: reading.label, firstBookmark: reading.firstBookmark)
    }

    /// This paragraph with the head (bookmarks, label, separator) of `other`.
    public func withHead(of other: Paragraph) -> Paragraph {
        var paragraph = self
        let storage = paragraph.mutableStorage
        storage.head = other.head
        storage.label = other.label
        storage.firstBookmark = other.firstBookmark
        return paragraph
    }

    /// The whole line as written.
    public var line: String { head + text }

    /// The length of the whole line in bytes.
    var lineUTF8Count: Int { head.utf8.count + storage.text.utf8Count }

    /// Appends the whole line's bytes (head and text).
    func appendLine(to output: inout [UInt8]) {
        output.append(contentsOf: head.utf8)
        withTextUTF8 { output.append(contentsOf: $0) }
    }

    /// The bytes a text key or a new id is made from: the text, or the whole line when the
    /// text is empty (a paragraph that is a label only).
    /// Read through `withTextUTF8`, in place: the reader hashes every paragraph's key as it
    /// parses it.
    func withKeyUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withTextUTF8 { text in
            if !text.isEmpty { return try body(text) }
            var line = line
            return try line.withUTF8(body)
        }
    }

    /// The names in the paragraph's `[bookmark: …]` markers, in order.
    public var bookmarks: [String] { ParagraphHead.bookmarks(in: head) }
}
