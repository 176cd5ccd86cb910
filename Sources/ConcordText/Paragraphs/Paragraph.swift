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
        /// Written only through `replaceText(with:)`, while the box is uniquely referenced
        /// (`mutableStorage`).
        private(set) var text: ParagraphText

        func replaceText(with new: ParagraphText) {
            text = new
            (textStart, textCount) = Self.place(of: text)
            checkInvariants()
        }
        /// `text.bytesInPlace`, kept beside it: reading the bytes through `text` copied the
        /// enum, retaining and releasing the file's `SourceBytes` (which every paragraph of
        /// the file shares, and both cores compare at once) at each comparison (see
        /// Benchmarks/README.md). Kept as a start and a length, nil where the text is not in
        /// place: an optional buffer would take a word more in every paragraph, and a draft
        /// has tens of thousands.
        private var textStart: UnsafePointer<UInt8>?
        private var textCount = 0
        /// The label in one word (`fingerprint(ofLabel:)`), beside the text's place where a
        /// diff reads both: comparing labels then reads neither head.
        private(set) var labelFingerprint: UInt64
        /// The head (bookmark markers, indentation, label, separator): a string of its own,
        /// whatever the text is a slice of.
        private(set) var head: String
        var gapBefore: [String]
        /// Where the label stands in the head, in bytes (`ParagraphHead.Reading.labelBytes`).
        var labelBytes: Range<Int>?
        var firstBookmark: String?

        /// `labelFingerprint`: `fingerprint(ofLabel: labelBytes, in:)` the head's bytes.
        init(head: String, text: ParagraphText, gapBefore: [String], labelBytes: Range<Int>?,
             labelFingerprint: UInt64, firstBookmark: String?) {
            self.text = text
            (textStart, textCount) = Self.place(of: text)
            self.head = head
            self.gapBefore = gapBefore
            self.labelBytes = labelBytes
            self.firstBookmark = firstBookmark
            self.labelFingerprint = labelFingerprint
            checkInvariants()
        }

        /// The text's bytes, when they are in place.
        var textBytes: UnsafeBufferPointer<UInt8>? { textStart.map { UnsafeBufferPointer(start: $0, count: textCount) } }

        var textIsEmpty: Bool { textStart == nil ? text.isEmpty : textCount == 0 }

        func withHeadUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            var head = head
            return try head.withUTF8(body)
        }

        /// What every box holds to (checked in builds with `CONCORD_INTERNAL_CHECKS`): the text's
        /// place is the text's bytes in place, and the label's fingerprint is the label's.
        func checkInvariants() {
            #if CONCORD_INTERNAL_CHECKS
            let place = Self.place(of: text)
            precondition(place.0 == textStart && place.1 == textCount, "the text's place is not the text's bytes")
            withHeadUTF8 { head in
                precondition(labelBytes.map { $0.upperBound <= head.count } ?? true, "the label stands outside the head")
                precondition(Self.fingerprint(ofLabel: labelBytes, in: head) == labelFingerprint, "the label's fingerprint is stale")
            }
            #endif
        }

        /// A label of up to seven bytes is its bytes, with its length plus one in the top byte:
        /// two such labels are the same exactly when their words are. A longer one is its hash,
        /// under a top byte of 0xFF: equal words then still need a comparison of the bytes.
        /// No label is 0. `range`: where the label stands in `head`, the head's bytes or the
        /// line's (which start with them).
        static func fingerprint(ofLabel range: Range<Int>?, in head: UnsafeBufferPointer<UInt8>) -> UInt64 {
            guard let range else { return 0 }
            let label = UnsafeBufferPointer(rebasing: head[range])
            guard label.count <= 7 else { return ContentHash.of(label) | longLabelFingerprint }
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(label)) }
            return UInt64(littleEndian: word) | UInt64(label.count + 1) << 56
        }

        /// The top byte of the fingerprint of a label longer than seven bytes.
        static let longLabelFingerprint: UInt64 = 0xFF << 56

        /// Takes the head of `other`.
        func setHead(from other: Storage) {
            head = other.head
            labelBytes = other.labelBytes
            labelFingerprint = other.labelFingerprint
            firstBookmark = other.firstBookmark
            checkInvariants()
        }

        private static func place(of text: ParagraphText) -> (UnsafePointer<UInt8>?, Int) {
            let bytes = text.bytesInPlace
            return (bytes?.baseAddress, bytes?.count ?? 0)
        }

        func copy() -> Storage {
            Storage(head: head, text: text, gapBefore: gapBefore, labelBytes: labelBytes,
                    labelFingerprint: labelFingerprint, firstBookmark: firstBookmark)
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
        set { mutableStorage.replaceText(with: .string(newValue)) }
    }
    var textIsEmpty: Bool { storage.textIsEmpty }

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

    /// Calls `body` with the text as stored, a word diff's input, read without a copy: a text
    /// in place as its bytes only, without the reference to its file (see
    /// `ParagraphText.borrowed`). The paragraph, and so its file, lives until `body` returns;
    /// nothing made from the text may outlive `body`.
    func withBorrowedText<Result>(_ body: (ParagraphText) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) {
            if let bytes = storage.textBytes { return try body(.borrowed(ImmutableBytes(bytes: bytes))) }
            return try body(storage.text)
        }
    }

    /// `withBorrowedText` of two paragraphs at once.
    static func withBorrowedTexts<Result>(_ old: Paragraph, _ new: Paragraph,
                                          _ body: (ParagraphText, ParagraphText) throws -> Result) rethrows -> Result {
        try old.withBorrowedText { oldText in try new.withBorrowedText { try body(oldText, $0) } }
    }

    /// Lines holding only white space just before this paragraph, kept byte for byte.
    public var gapBefore: [String] {
        get { storage.gapBefore }
        set {
            // Most paragraphs have no gap: writing the empty one again would copy a shared box.
            if newValue.isEmpty && storage.gapBefore.isEmpty { return }
            mutableStorage.gapBefore = newValue
        }
    }
    /// The numbering as printed (`4.1.3.1`, `a)`, `•`), if the paragraph has one. Made on
    /// each reading; `hasSameLabel(as:)` compares labels without making them.
    public var label: Label? {
        storage.labelBytes.map { range in withHeadUTF8 { Label(String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)) } }
    }

    /// Whether the two labels are the same bytes (or both absent).
    public func hasSameLabel(as other: Paragraph) -> Bool {
        if storage === other.storage { return true }
        let fingerprint = storage.labelFingerprint
        guard fingerprint == other.storage.labelFingerprint else { return false }
        guard fingerprint & Storage.longLabelFingerprint == Storage.longLabelFingerprint,
              let range = storage.labelBytes, let otherRange = other.storage.labelBytes else { return true }
        return withHeadUTF8 { head in
            other.withHeadUTF8 { Bytes.equal(UnsafeBufferPointer(rebasing: head[range]), UnsafeBufferPointer(rebasing: $0[otherRange])) }
        }
    }
    /// The name in the paragraph's first `[bookmark: …]` marker.
    public var firstBookmark: String? { storage.firstBookmark }

    /// Splits a line into head and text.
    public init(id: ParagraphID?, line: String, gapBefore: [String] = []) {
        let reading = ParagraphHead.read(line)
        let utf8 = line.utf8
        let split = utf8.index(utf8.startIndex, offsetBy: reading.headBytes)
        var line = line
        let labelFingerprint = line.withUTF8 { Storage.fingerprint(ofLabel: reading.labelBytes, in: $0) }
        self.id = id
        storage = Storage(head: String(line[..<split]), text: .string(String(line[split...])), gapBefore: gapBefore,
                          labelBytes: reading.labelBytes, labelFingerprint: labelFingerprint, firstBookmark: reading.firstBookmark)
    }

    public static func == (a: Paragraph, b: Paragraph) -> Bool {
        guard a.id == b.id else { return false }
        return a.storage === b.storage || (a.withHeadUTF8 { x in b.withHeadUTF8 { y in Bytes.equal(x, y) } } && a.hasSameText(as: b)
                                           && a.gapBefore == b.gapBefore && a.hasSameLabel(as: b) && a.firstBookmark == b.firstBookmark)
    }

    public func hash(into hasher: inout Hasher) {
        // The label and first bookmark are read off the head, whose bytes stand for them.
        hasher.combine(id)
        withHeadUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        withTextUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(gapBefore)
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
        storage = Storage(head: head, text: .string(text), gapBefore: gapBefore, labelBytes: reading.labelBytes,
                          labelFingerprint: Storage.fingerprint(ofLabel: reading.labelBytes, in: lineBytes),
                          firstBookmark: reading.firstBookmark)
    }

    /// The paragraph on `range` of `source`, which the caller has validated as UTF-8: the text
    /// stays a slice of the file.
    init(id: ParagraphID?, source: SourceBytes, range: Range<Int>, gapBefore: [String]) {
        let line = UnsafeBufferPointer(rebasing: source.bytes[range])
        let reading = ParagraphHead.read(line)
        let headCount = min(reading.headBytes, range.count)
        self.id = id
        storage = Storage(head: String(decoding: UnsafeBufferPointer(rebasing: line[..<headCount]), as: UTF8.self),
                          text: .slice(source, range.lowerBound + headCount ..< range.upperBound),
                          gapBefore: gapBefore, labelBytes: reading.labelBytes,
                          labelFingerprint: Storage.fingerprint(ofLabel: reading.labelBytes, in: line), firstBookmark: reading.firstBookmark)
    }

    /// This paragraph with the head (bookmarks, label, separator) of `other`.
    public func withHead(of other: Paragraph) -> Paragraph {
        var paragraph = self
        paragraph.mutableStorage.setHead(from: other.storage)
        return paragraph
    }

    /// The whole line as written.
    public var line: String { head + text }

    /// The length of the whole line in bytes.
    var lineUTF8Count: Int { withHeadUTF8 { $0.count } + storage.text.utf8Count }

    /// The head's bytes.
    func withHeadUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withHeadUTF8(body)
    }

    /// Appends the whole line's bytes (head and text).
    func appendLine(to output: inout [UInt8]) {
        withHeadUTF8 { output.append(contentsOf: $0) }
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

    /// The bytes of `withKeyUTF8` where the file the paragraph was read from keeps them (valid
    /// for as long as the paragraph is): its text in place, when not empty; else nil.
    var keyBytesInPlace: UnsafeBufferPointer<UInt8>? {
        guard let text = storage.textBytes, !text.isEmpty else { return nil }
        return text
    }

    /// The names in the paragraph's `[bookmark: …]` markers, in order.
    public var bookmarks: [String] { ParagraphHead.bookmarks(in: head) }
}
