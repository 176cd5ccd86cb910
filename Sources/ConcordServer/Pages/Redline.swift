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
    static func html(_ spans: [(text: String, change: Change, by: [String])], colours: Colours, elidingKeptText: Bool = false) -> String {
        var html = ""
        for span in spans {
            switch span.change {
            case .same:
                html += "<span dir=\"auto\">" + htmlEscaped(elidingKeptText ? elided(span.text) : span.text) + "</span>"
            case .insert, .delete:
                let tag = span.change == .insert ? "ins" : "del"
                let colour = span.by.first.map(colours.colour) ?? "inherit"
                html += "<\(tag) style=\"color: \(colour)\" title=\"\(htmlEscaped(span.by.joined(separator: ", ")))\">"
                    + htmlEscaped(span.text) + "</\(tag)>"
            }
        }
        return html
    }

    static func html(_ spans: [AttributedSpan], colours: Colours, elidingKeptText: Bool = false) -> String {
        html(spans.map { ($0.text, $0.change, $0.by) }, colours: colours, elidingKeptText: elidingKeptText)
    }

    static func html(_ spans: [Span], by member: String, colours: Colours) -> String {
        html(spans.map { ($0.text, $0.change, $0.change == .same ? [] : [member]) }, colours: colours)
    }

    /// Keeps 60 characters at each end of a long kept stretch.
    static func elided(_ text: String) -> String {
        guard text.count > 150 else { return text }
        return String(text.prefix(60)) + " … " + String(text.suffix(60))
    }
}

/// One colour per member, never repeated within a group: hues a golden angle apart, so that
/// any two members, and any forty, stay apart; dark enough to read on white.
struct Colours {
    private let index: [String: Int]

    init(members: [String]) {
        index = Dictionary(members.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
    }

    func colour(_ member: String) -> String {
        guard let position = index[member] else { return "#333" }
        let hue = (Double(position) * 137.508).truncatingRemainder(dividingBy: 360)
        let lightness = 28 + (position / 7 % 3) * 6
        return String(format: "hsl(%.0f, 75%%, %d%%)", hue, lightness)
    }
}
