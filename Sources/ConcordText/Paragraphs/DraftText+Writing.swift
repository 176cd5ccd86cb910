extension DraftText {
    /// The form stored under `Drafts/` and printed for members to edit: each paragraph's id
    /// rides on its line (unless the line's first bookmark already names it), so ids travel
    /// with paragraphs through moves and edits, and `git diff` shows one changed line per
    /// changed paragraph.
    public func storedForm() -> String {
        String(decoding: storedBytes(), as: UTF8.self)
    }

    /// `storedForm()` as the bytes of a file. Written straight from each paragraph's bytes: a
    /// submission stores its text on every run, and building a `String` per line and joining
    /// them was a seventh of a `concord submit`.
    public func storedBytes() -> [UInt8] {
        render { paragraph, output in
            if let id = paragraph.id, paragraph.firstBookmark != id.rawValue {
                output.append(contentsOf: DraftText.idOpening)
                output.append(contentsOf: id.rawValue.utf8)
                output.append(contentsOf: "} ".utf8)
            }
            paragraph.appendLine(to: &output)
        }
    }

    /// The text exactly as it was imported: no ids added, every byte as written.
    public func plainForm() -> String {
        String(decoding: render { paragraph, output in paragraph.appendLine(to: &output) }, as: UTF8.self)
    }

    /// The lines, each written by `appendLine`, joined by the line ending, with one after the
    /// last line when the text ends with one.
    private func render(_ appendLine: (Paragraph, inout [UInt8]) -> Void) -> [UInt8] {
        var output: [UInt8] = []
        // Sized once: ids, gaps and line endings take a few bytes a line beside the lines.
        output.reserveCapacity(paragraphs.reduce(0) { $0 + $1.lineUTF8Count + 24 } + gapAfter.count * 4)
        let ending = Array(lineEnding.rawValue.utf8)
        var isFirstLine = true
        func startLine() {
            if !isFirstLine { output.append(contentsOf: ending) }
            isFirstLine = false
        }
        for paragraph in paragraphs {
            for gap in paragraph.gapBefore {
                startLine()
                output.append(contentsOf: gap.utf8)
            }
            startLine()
            appendLine(paragraph, &output)
        }
        for gap in gapAfter {
            startLine()
            output.append(contentsOf: gap.utf8)
        }
        if endsWithNewline && !isFirstLine { output.append(contentsOf: ending) }
        return output
    }
}
