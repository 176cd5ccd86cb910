extension DraftText {
    /// The form stored under `Drafts/` and printed for members to edit: each paragraph's id
    /// rides on its line (unless the line's first bookmark already names it), so ids travel
    /// with paragraphs through moves and edits, and `git diff` shows one changed line per
    /// changed paragraph.
    public func storedForm() -> String {
        render { paragraph in
            guard let id = paragraph.id, paragraph.firstBookmark != id.rawValue else { return paragraph.line }
            return "{#\(id.rawValue)} " + paragraph.line
        }
    }

    /// The text exactly as it was imported: no ids added, every byte as written.
    public func plainForm() -> String {
        render(\.line)
    }

    private func render(_ line: (Paragraph) -> String) -> String {
        var lines: [String] = []
        lines.reserveCapacity(paragraphs.count + gapAfter.count)
        for paragraph in paragraphs {
            lines.append(contentsOf: paragraph.gapBefore)
            lines.append(line(paragraph))
        }
        lines.append(contentsOf: gapAfter)
        var text = lines.joined(separator: lineEnding.rawValue)
        if endsWithNewline && !lines.isEmpty { text += lineEnding.rawValue }
        return text
    }
}
