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
    /// damaged is made again, never trusted). Read off the bytes in place: `status` reads one
    /// such list per member, 96,500 lines at 193 members editing 500 paragraphs each.
    public init?(decoding bytes: [UInt8]) {
        let decoded: [TouchedParagraph]? = bytes.withUnsafeBufferPointer { buffer in
            let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
            guard buffer.last == newline else { return nil }
            var lines = buffer.split(separator: newline)[...]
            let magic = [UInt8](Self.magic.utf8) + [space]
            guard let header = lines.popFirst(), header.starts(with: magic),
                  let count = Int(String(decoding: header.dropFirst(magic.count), as: UTF8.self)),
                  count == lines.count else { return nil }
            var paragraphs: [TouchedParagraph] = []
            paragraphs.reserveCapacity(count)
            for line in lines {
                // `<op> <id>[ <label>]`; the label, the rest of the line, may hold spaces.
                guard let opEnd = line.firstIndex(of: space),
                      let op = ParagraphOp(rawValue: String(decoding: line[..<opEnd], as: UTF8.self)) else { return nil }
                let rest = line[(opEnd + 1)...]
                let idEnd = rest.firstIndex(of: space) ?? rest.endIndex
                guard let id = ParagraphID(validating: UnsafeBufferPointer(rebasing: rest[..<idEnd])) else { return nil }
                let label = idEnd < rest.endIndex ? Label(String(decoding: rest[(idEnd + 1)...], as: UTF8.self)) : nil
                paragraphs.append(TouchedParagraph(id: id, op: op, label: label))
            }
            return paragraphs
        }
        guard let decoded else { return nil }
        self = decoded
    }
}
