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

/// Why a text cannot be read as a draft. `line` counts from 1, as editors do; every kind of
/// line break (LF, CRLF, CR) ends a line. Each description says what is wrong and what to do,
/// after the line it names (`line 3: …`).
public enum DraftTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first byte of the line that is not part of well-formed UTF-8.
    case invalidUTF8(line: Int, byte: UInt8)
    case binary(line: Int)
    case duplicateID(ParagraphID, lines: (Int, Int))
    /// A file with a UTF-16 or UTF-32 byte-order mark whose code units do not decode.
    case invalidUTF16(line: Int, encoding: String)
    /// Something at the start of the line that an `{#id} ` prefix became in an editor
    /// (`{# p4d8d94e6}`, `{p4d8d94e6}`, `#p4d8d94e6}`): `found` as written, `probable` the id.
    case mangledID(line: Int, found: String, probable: ParagraphID)

    public static func == (a: DraftTextError, b: DraftTextError) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case .invalidUTF8(let line, let byte):
            if let character = Self.latin1OrWindows1252(byte) {
                return "line \(line): byte 0x\(Self.hex(byte)) is not UTF-8 (it is \"\(character)\" in Latin-1 or Windows-1252); save the file as UTF-8"
            }
            return "line \(line): byte 0x\(Self.hex(byte)) is not UTF-8; save the file as UTF-8"
        case .binary(let line): return "line \(line): a NUL byte: this is a binary file, not a text"
        case .duplicateID(let id, let lines): return "paragraph id \(id) appears twice (lines \(lines.0) and \(lines.1))"
        case .invalidUTF16(let line, let encoding):
            return "line \(line): not valid \(encoding) although the file starts with its byte-order mark; save it as UTF-8"
        case .mangledID(let line, let found, let probable):
            return "line \(line): \"\(found)\" looks like the id prefix {#\(probable)} mangled; write it as \"{#\(probable)} \", "
                + "or remove it to make the line a new paragraph"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// What a byte that is not UTF-8 stands for in the 8-bit encodings Western editors save
    /// in, so that the message shows the character to look for; nil where they define none.
    static func latin1OrWindows1252(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xA0: return nil   // NBSP: invisible in a message.
        case 0xA1...0xFF: return Character(Unicode.Scalar(byte))
        case 0x80...0x9F:
            let scalar = windows1252[Int(byte - 0x80)]
            return scalar == 0 ? nil : Character(Unicode.Scalar(scalar)!)
        default: return nil
        }
    }

    /// Windows-1252's characters for 0x80–0x9F (0: undefined).
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
