/// The text of a draft as paragraphs, holding every byte of the file it was read from:
/// white-space-only lines, the line ending and whether the last line ends with one.
public struct DraftText: Hashable, Sendable {
    public enum LineEnding: String, Sendable { case lf = "\n", crlf = "\r\n" }

    public var paragraphs: [Paragraph]
    /// White-space-only lines after the last paragraph.
    public var gapAfter: [String]
    public var lineEnding: LineEnding
    public var endsWithNewline: Bool

    public init(paragraphs: [Paragraph], gapAfter: [String] = [], lineEnding: LineEnding = .lf,
                endsWithNewline: Bool = true) {
        self.paragraphs = paragraphs
        self.gapAfter = gapAfter
        self.lineEnding = lineEnding
        self.endsWithNewline = endsWithNewline
    }

    public func paragraph(withID id: ParagraphID) -> Paragraph? {
        paragraphs.first { $0.id == id }
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
