import ConcordText

/// A self-contained HTML page of a redline, in ITU's convention: additions underlined,
/// deletions struck through. No script, no external resource; every character of the
/// texts is escaped.
public enum RedlineHTML {
    public static func render(_ diff: ParagraphDiff, title: String, showFormatting: Bool = false, notes: DiffNotes? = nil) -> String {
        var rows = ""
        for change in diff.changes where change.isWorthShowing {
            rows += "<tr id=\"\(change.id)\" class=\"\(change.op.rawValue.lowercased())\"><td class=\"op\">\(change.op.rawValue)</td>"
            rows += "<td class=\"label\">\(htmlEscaped(change.label?.rawValue ?? ""))"
            if change.isRelabelled { rows += "<br><small>was \(htmlEscaped(change.old?.label?.rawValue ?? "unlabelled"))</small>" }
            rows += "</td><td class=\"text\">"
            rows += markedUp(change.spans, showFormatting: showFormatting, escape: htmlEscaped)
            rows += ConsolidationReport.htmlList(notes?.facts(for: change.id) ?? []) + "</td></tr>\n"
        }
        return htmlPage(title: title, style: """
            table { border-collapse: collapse; width: 100%; }
            td { border-top: 1px solid #ddd; padding: .4em .6em; vertical-align: top; }
            td.op { font-weight: bold; white-space: nowrap; }
            td.label { white-space: nowrap; }
            td.text { white-space: pre-wrap; }
            ins { color: #05620a; background: #e6f4e6; }
            del { color: #a00; background: #fbe9e9; }

            ul.facts { margin: .3em 0 0; padding-left: 1em; font-size: .9em; white-space: normal; }

            """, body: ConsolidationReport.htmlList(notes?.heading ?? [], class: "notes") + "<table>\n\(rows)</table>\n<p>\(htmlEscaped(diff.summary))</p>\n")
    }
}
