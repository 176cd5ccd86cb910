/// One paragraph a member proposes to change, in brief: what a round's status shows of a
/// submission (which paragraphs, and how), without the texts or their word diffs.
public struct TouchedParagraph: Sendable, Hashable {
    public let id: ParagraphID
    public let op: ParagraphOp
    /// The label as printed in the member's version (the base's for a deleted paragraph).
    public let label: Label?

    public init(id: ParagraphID, op: ParagraphOp, label: Label?) {
        self.id = id
        self.op = op
        self.label = label
    }

    public init(_ change: ParagraphDiff.Change) {
        self.init(id: change.id, op: change.op, label: change.label)
    }
}

extension ProposedChanges {
    /// The paragraphs the member proposes to change, in brief.
    public var touchedParagraphs: [TouchedParagraph] { touched.map(TouchedParagraph.init) }
}

extension [TouchedParagraph] {
    static let magic = "concord-touched 1"

    /// The list as a file: a first line naming the format and the count, then one line a
    /// paragraph, `<op> <id>` and ` <label>` when it has one (ids and ops hold no space; a
    /// label, the rest of its line, holds no LF).
    public func encoded() -> [UInt8] {
        var output = "\(Self.magic) \(count)\n"
        for paragraph in self {
            output += "\(paragraph.op.rawValue) \(paragraph.id.rawValue)"
            if let label = paragraph.label { output += " \(label.rawValue)" }
            output += "\n"
        }
        return [UInt8](output.utf8)
    }

    /// A list read back from `encoded()`; nil for anything else (a cache file cut short or
    /// damaged is made again, never trusted).
    public init?(decoding bytes: [UInt8]) {
        guard bytes.last == UInt8(ascii: "\n") else { return nil }
        var lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        guard let header = lines.popFirst(), header.starts(with: [UInt8](Self.magic.utf8)),
              let count = Int(String(decoding: header.dropFirst(Self.magic.utf8.count + 1), as: UTF8.self)),
              count == lines.count else { return nil }
        var paragraphs: [TouchedParagraph] = []
        paragraphs.reserveCapacity(count)
        for line in lines {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2, let op = ParagraphOp(rawValue: String(decoding: fields[0], as: UTF8.self)),
                  let id = ParagraphID(rawValue: String(decoding: fields[1], as: UTF8.self)) else { return nil }
            paragraphs.append(TouchedParagraph(id: id, op: op, label: fields.count == 3 ? Label(String(decoding: fields[2], as: UTF8.self)) : nil))
        }
        self = paragraphs
    }
}
