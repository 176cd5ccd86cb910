import ConcordText

/// A redline in Markdown, in ITU's convention: additions underlined (`<ins>`), deletions
/// struck through (`<del>`); all text escaped.
public enum RedlineMarkdown {
    public static func render(_ diff: ParagraphDiff, title: String, showFormatting: Bool = false, notes: DiffNotes? = nil) -> String {
        var output = "# \(markdownEscaped(title))\n\n"
        if let notes, !notes.heading.isEmpty { output += notes.heading.map { "- \(markdownEscaped($0.sentence))\n" }.joined() + "\n" }
        for change in diff.changes where change.isWorthShowing {
            output += "<a id=\"\(change.id)\"></a>**\(markdownEscaped(change.heading))**\n\n"
            output += markedUp(change.spans, showFormatting: showFormatting, escape: markdownEscaped) + "\n\n"
            for fact in notes?.facts(for: change.id) ?? [] { output += "*\(markdownEscaped(fact.sentence))*\n\n" }
        }
        output += markdownEscaped(diff.summary) + "\n"
        return output
    }
}
