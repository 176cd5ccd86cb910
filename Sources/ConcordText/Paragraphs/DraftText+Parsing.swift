/// Reading a draft from the bytes of a file.
///
/// The form (see docs/draft-format.md): one paragraph per line; a line holding only white
/// space separates paragraphs and is kept as it is. A paragraph's id is written as a `{#id} `
/// prefix before the line, or, where ITU's tools left a `[bookmark: name]` marker at its
/// start and no prefix is given, it is the first bookmark's name. Lines with neither have no
/// id yet; `identified(against:)` gives them one.
extension DraftText {
    static let idOpening: [UInt8] = Array("{#".utf8)

    public init(parsing bytes: [UInt8]) throws(DraftTextError) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let endsWithNewline = bytes.last == UInt8(ascii: "\n")
        if endsWithNewline { lines.removeLast() }
        // CRLF only when every line has it; otherwise a lone \r stays part of its line's bytes.
        let crlf = !lines.isEmpty && lines.allSatisfy { $0.last == UInt8(ascii: "\r") }
        var paragraphs: [Paragraph] = []
        var gap: [String] = []
        var seen: [ParagraphID: Int] = [:]
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let lineBytes = crlf ? rawLine.dropLast() : rawLine
            if lineBytes.contains(0) { throw .binary(line: number) }
            guard let line = String(validating: lineBytes, as: UTF8.self) else { throw .invalidUTF8(line: number) }
            if lineBytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                gap.append(line)
                continue
            }
            let (prefixID, rest) = Self.splitIDPrefix(line)
            var paragraph = Paragraph(id: prefixID, line: rest, gapBefore: gap)
            gap = []
            if paragraph.id == nil, let first = paragraph.firstBookmark {
                paragraph.id = ParagraphID(rawValue: first)
            }
            if let id = paragraph.id {
                if let earlier = seen[id] { throw .duplicateID(id, lines: (earlier, number)) }
                seen[id] = number
            }
            paragraphs.append(paragraph)
        }
        self.init(paragraphs: paragraphs, gapAfter: gap, lineEnding: crlf ? .crlf : .lf,
                  endsWithNewline: endsWithNewline)
    }

    /// Splits `{#id} ` off the start of a line. Braces around anything that is not a valid id
    /// are the text's own, and stay in it.
    static func splitIDPrefix(_ line: String) -> (ParagraphID?, String) {
        let utf8 = line.utf8
        guard utf8.starts(with: idOpening),
              let close = utf8.prefix(72).firstIndex(of: UInt8(ascii: "}")),
              let id = ParagraphID(rawValue: String(line[utf8.index(utf8.startIndex, offsetBy: 2)..<close])) else {
            return (nil, line)
        }
        var restStart = utf8.index(after: close)
        if restStart < utf8.endIndex, utf8[restStart] == UInt8(ascii: " ") { restStart = utf8.index(after: restStart) }
        return (id, String(line[restStart...]))
    }
}
