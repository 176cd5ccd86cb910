import ConcordText

/// A redline for the terminal: each changed paragraph under a heading, insertions and
/// deletions in colour (underlined green, struck red) or, without colour, marked
/// `[+added+]` and `[-deleted-]` as `git diff --word-diff=plain` does.
///
/// Only changed paragraphs cost anything here: unchanged ones are skipped by reading their
/// op and relabelled flag in place, without copying the change (its paragraphs and spans).
public enum RedlineText {
    /// The redline as pieces to write one after the other: the changed paragraphs in runs,
    /// each run rendered on its own core (a redline of two large drafts is megabytes of
    /// text), then the summary.
    public static func parts(_ diff: ParagraphDiff, colour: Bool, showFormatting: Bool = false) -> [String] {
        let changes = diff.changes
        let shown = changes.indices.filter { changes[$0].op != .noc || changes[$0].isRelabelled }
        let runLength = 512
        var parts = concurrentMap(count: (shown.count + runLength - 1) / runLength, threshold: 2) { run in
            let positions = run * runLength ..< min((run + 1) * runLength, shown.count)
            // Read in place: copying a change retained its two paragraphs and its spans.
            return changes.withUnsafeBufferPointer { changes in
                // Read once: an added or deleted paragraph's spans are made on each reading.
                let spansOfRun = positions.map { changes[shown[$0]].spans }
                var output = ""
                // Sized once: grown by appends, the string was copied again at every doubling.
                output.reserveCapacity(spansOfRun.reduce(0) { total, spans in
                    spans.reduce(total + 64) { $0 + $1.text.utf8.count + 12 }
                })
                for (position, spans) in zip(positions, spansOfRun) {
                    let index = shown[position]
                    if colour { output += "\u{1B}[1m" }
                    changes[index].appendHeading(to: &output)
                    output += colour ? "\u{1B}[0m {#" : " {#"
                    output += changes[index].id.rawValue
                    output += "}\n"
                    appendSpans(spans, showingFormatting: showFormatting, colour: colour, to: &output)
                    output += "\n\n"
                }
                return output
            }
        }
        parts.append(diff.summary + "\n")
        return parts
    }

    static func appendSpans(_ spans: [Span], colour: Bool, to output: inout String) {
        appendSpans(spans, showingFormatting: true, colour: colour, to: &output)
    }

    /// The spans as `displaySpans(spans, showFormatting:)` would give them, appended without
    /// building that array: a formatting-only deletion is left out and a formatting-only
    /// insertion reads as unchanged text, unless formatting is shown.
    static func appendSpans(_ spans: [Span], showingFormatting: Bool, colour: Bool, to output: inout String) {
        for span in spans {
            var change = span.change
            if !showingFormatting && span.isFormattingOnly {
                guard change == .insert else { continue }
                change = .same
            }
            switch (change, colour) {
            case (.same, _): output += span.text
            case (.insert, true): append("\u{1B}[4;32m", span.text, "\u{1B}[0m", to: &output)
            case (.delete, true): append("\u{1B}[9;31m", span.text, "\u{1B}[0m", to: &output)
            case (.insert, false): append("[+", span.text, "+]", to: &output)
            case (.delete, false): append("[-", span.text, "-]", to: &output)
            }
        }
    }

    /// Three appends in place, rather than a temporary string of the three.
    @inline(__always)
    private static func append(_ opening: String, _ text: String, _ closing: String, to output: inout String) {
        output += opening
        output += text
        output += closing
    }
}
