/// Reading a draft from Markdown.
///
/// Markdown wraps a paragraph over several lines at will; those breaks carry no meaning, so
/// a paragraph's lines are joined with one space into the one line per paragraph that
/// drafts use. Headings (`#`), list items (`-`, `*`, `+`, `1.`) and block quotes start a
/// paragraph of their own, with their marker kept in the paragraph's head. Blank lines are
/// kept as the gaps between paragraphs. Every character of the text is kept; only the
/// line breaks inside a paragraph become spaces.
extension DraftText {
    public init(parsingMarkdown bytes: [UInt8]) throws(DraftTextError) {
        let plain = try DraftText(parsing: bytes)
        var paragraphs: [Paragraph] = []
        for paragraph in plain.paragraphs {
            if let last = paragraphs.last, paragraph.gapBefore.isEmpty, !Self.startsBlock(paragraph.line),
               paragraph.id == nil {
                var joined = last
                joined.text += " " + Self.trimmingLeadingBlanks(paragraph.line)
                paragraphs[paragraphs.count - 1] = joined
            } else {
                paragraphs.append(paragraph)
            }
        }
        self.init(paragraphs: paragraphs, gapAfter: plain.gapAfter, lineEnding: plain.lineEnding,
                  endsWithNewline: plain.endsWithNewline)
    }

    static func startsBlock(_ line: String) -> Bool {
        let trimmed = trimmingLeadingBlanks(line)
        if trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("[bookmark: ") { return true }
        for marker in ["- ", "* ", "+ "] where trimmed.hasPrefix(marker) { return true }
        let digits = trimmed.prefix { ("0"..."9").contains($0) }
        let afterDigits = trimmed.dropFirst(digits.count)
        return !digits.isEmpty && (afterDigits.hasPrefix(". ") || afterDigits.hasPrefix(") "))
    }

    static func trimmingLeadingBlanks(_ line: String) -> Substring {
        line.drop { $0 == " " || $0 == "\t" }
    }
}
