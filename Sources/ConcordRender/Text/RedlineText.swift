import ConcordText

/// A redline for the terminal: each changed paragraph under a heading, insertions and
/// deletions in colour (underlined green, struck red) or, without colour, marked
/// `[+added+]` and `[-deleted-]` as `git diff --word-diff=plain` does.
public enum RedlineText {
    public static func render(_ diff: ParagraphDiff, colour: Bool, showFormatting: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(diff.changes.count * 16)
        for change in diff.changes where change.isWorthShowing {
            output += colour ? "\u{1B}[1m\(change.heading)\u{1B}[0m {#\(change.id)}\n" : "\(change.heading) {#\(change.id)}\n"
            appendSpans(displaySpans(change.spans, showFormatting: showFormatting), colour: colour, to: &output)
            output += "\n\n"
        }
        output += diff.summary + "\n"
        return output
    }

    static func appendSpans(_ spans: [Span], colour: Bool, to output: inout String) {
        for span in spans {
            switch (span.change, colour) {
            case (.same, _): output += span.text
            case (.insert, true): output += "\u{1B}[4;32m" + span.text + "\u{1B}[0m"
            case (.delete, true): output += "\u{1B}[9;31m" + span.text + "\u{1B}[0m"
            case (.insert, false): output += "[+" + span.text + "+]"
            case (.delete, false): output += "[-" + span.text + "-]"
            }
        }
    }
}
