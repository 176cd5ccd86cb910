import ConcordRender
import ConcordText
import Foundation

/// A paragraph's word-level redline as HTML: kept, inserted and deleted spans, each change
/// coloured and named by its proposers. Built here rather than in a template: a consolidated
/// page of 193 members holds a hundred thousand spans, and the template engine reflects on
/// each value it renders (seconds per page). Every text goes through `htmlEscaped`; templates
/// insert the result with `{{{…}}}`.
enum Redline {
    /// `elidingKeptText`: for alternatives, a long kept stretch shows its two ends around
    /// "…", so that what differs stands out and a page of many alternatives stays readable.
    static func html(_ spans: [(text: String, change: Change, by: [String])], palette: MemberPalette, elidingKeptText: Bool = false) -> String {
        var html = ""
        for span in spans {
            switch span.change {
            case .same:
                html += "<span dir=\"auto\">" + htmlEscaped(elidingKeptText ? elided(span.text) : span.text) + "</span>"
            case .insert, .delete:
                let tag = span.change == .insert ? "ins" : "del"
                let colour = span.by.first.map { palette.colour($0).hex } ?? "inherit"
                html += "<\(tag) style=\"color: \(colour)\" title=\"\(htmlEscaped(span.by.joined(separator: ", ")))\">"
                    + htmlEscaped(span.text) + "</\(tag)>"
            }
        }
        return html
    }

    static func html(_ spans: [AttributedSpan], palette: MemberPalette, elidingKeptText: Bool = false) -> String {
        html(spans.map { ($0.text, $0.change, $0.by) }, palette: palette, elidingKeptText: elidingKeptText)
    }

    static func html(_ spans: [Span], by member: String, palette: MemberPalette) -> String {
        html(spans.map { ($0.text, $0.change, $0.change == .same ? [] : [member]) }, palette: palette)
    }
}
