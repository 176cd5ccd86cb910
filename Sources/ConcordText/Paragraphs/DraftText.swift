/// The text of a draft as paragraphs, holding every byte of the file it was read from:
/// white-space-only lines, the line ending and whether the last line ends with one.
public struct DraftText: Hashable, Sendable {
    public enum LineEnding: String, Sendable { case lf = "\n", crlf = "\r\n" }

    public var paragraphs: [Paragraph] {
        didSet { keyHashes = nil }
    }
    /// White-space-only lines after the last paragraph.
    public var gapAfter: [String]
    public var lineEnding: LineEnding
    public var endsWithNewline: Bool
    /// `ContentHash` of each paragraph's key, when hashed ahead (`hashingKeys()`, or while
    /// parsing); dropped when the paragraphs change. Not part of the text's value.
    private(set) var keyHashes: [UInt64]?

    public init(paragraphs: [Paragraph], gapAfter: [String] = [], lineEnding: LineEnding = .lf,
                endsWithNewline: Bool = true) {
        self.paragraphs = paragraphs
        self.gapAfter = gapAfter
        self.lineEnding = lineEnding
        self.endsWithNewline = endsWithNewline
    }

    /// A text whose keys were hashed as it was read: `keyHashes` are each paragraph's
    /// `ContentHash.ofKeys`, which the caller vouches for.
    init(paragraphs: [Paragraph], gapAfter: [String], lineEnding: LineEnding, endsWithNewline: Bool, keyHashes: [UInt64]?) {
        self.init(paragraphs: paragraphs, gapAfter: gapAfter, lineEnding: lineEnding, endsWithNewline: endsWithNewline)
        self.keyHashes = keyHashes
    }

    public func paragraph(withID id: ParagraphID) -> Paragraph? {
        paragraphs.first { $0.id == id }
    }

    /// This text with its paragraphs' keys hashed, as a diff from or to it would hash them:
    /// for a caller with a core to spare before the diff. (A plain file can be hashed as it
    /// is read, `DraftText(parsing:hashingKeys:)`, while its bytes are in the cache.)
    public func hashingKeys() -> DraftText {
        if keyHashes != nil { return self }
        var text = self
        text.keyHashes = ContentHash.ofKeys(paragraphs)
        return text
    }

    public static func == (a: DraftText, b: DraftText) -> Bool {
        a.paragraphs == b.paragraphs && a.gapAfter == b.gapAfter && a.lineEnding == b.lineEnding
            && a.endsWithNewline == b.endsWithNewline
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(paragraphs)
        hasher.combine(gapAfter)
        hasher.combine(lineEnding)
        hasher.combine(endsWithNewline)
    }
}

/// Why a text cannot be read as a draft. `line` counts from 1, as editors do.
public enum DraftTextError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUTF8(line: Int)
    case binary(line: Int)
    case duplicateID(ParagraphID, lines: (Int, Int))

    public static func == (a: DraftTextError, b: DraftTextError) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case .invalidUTF8(let line): "line \(line) is not valid UTF-8 (save the file as UTF-8)"
        case .binary(let line): "line \(line) holds a NUL byte: this is a binary file, not a text"
        case .duplicateID(let id, let lines): "paragraph id \(id) appears twice (lines \(lines.0) and \(lines.1))"
        }
    }
}
