import ConcordText

/// The spans a reader sees. A formatting-only pair (NBSP for a space, U+2011 for a hyphen)
/// reads as the new text, unchanged, unless the reader asked to see formatting changes.
func displaySpans(_ spans: [Span], showFormatting: Bool) -> [Span] {
    guard !showFormatting else { return spans }
    var shown: [Span] = []
    shown.reserveCapacity(spans.count)
    for span in spans {
        if span.isFormattingOnly {
            if span.change == .insert { shown.append(Span(text: span.text, change: .same)) }
        } else {
            shown.append(span)
        }
    }
    return shown
}

extension ParagraphDiff.Change {
    /// The header of a change as readers see it: op, label and, when relabelled, the old label.
    var heading: String {
        var heading = ByteOutput(capacity: 64)
        appendHeading(to: &heading)
        return String(decoding: heading.bytes(), as: UTF8.self)
    }

    /// `heading` as UTF-8, appended in place: a long redline writes thousands, and building
    /// each as a `String` cost more than copying the paragraphs' texts.
    func appendHeading(to output: inout ByteOutput) {
        output.append(contentsOf: op.rawValue)
        if let label {
            output.append(" ")
            output.append(contentsOf: label.rawValue)
        }
        if isRelabelled {
            output.append(" (was ")
            output.append(contentsOf: old?.label?.rawValue ?? "unlabelled")
            output.append(")")
        }
    }

    /// Whether a reader of a redline needs to see this paragraph.
    var isWorthShowing: Bool { op != .noc || isRelabelled }
}

extension ParagraphDiff {
    /// `2 MOD, 1 ADD, 1 SUP, 0 MOVE; 155 unchanged`.
    public var summary: String { summarised(counts) }
}

extension ProposedChanges {
    /// As `ParagraphDiff.summary`.
    public var summary: String { summarised(counts) }
}

private func summarised(_ counts: [ParagraphOp: Int]) -> String {
    let ops: [ParagraphOp] = [.mod, .add, .sup, .move]
    return ops.map { "\(counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
        + "; \(counts[.noc, default: 0]) unchanged"
}

/// Spans as marked-up text: each span's text escaped, insertions and deletions wrapped.
/// HTML and Markdown both use `<ins>`/`<del>` (ITU: additions underlined, deletions struck).
func markedUp(_ spans: [Span], showFormatting: Bool, escape: (String) -> String) -> String {
    var output = ""
    for span in displaySpans(spans, showFormatting: showFormatting) {
        switch span.change {
        case .same: output += escape(span.text)
        case .insert: output += "<ins>" + escape(InvisibleCharacters.readable(span.text, change: .insert)) + "</ins>"
        case .delete: output += "<del>" + escape(InvisibleCharacters.readable(span.text, change: .delete)) + "</del>"
        }
    }
    return output
}
