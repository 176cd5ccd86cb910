import ConcordText
import Foundation

/// A span as the `redline` template shows it: kept, inserted or deleted, with its proposers
/// and their colour.
struct SpanModel {
    let text: String
    let isSame: Bool
    let isInsert: Bool
    let isDelete: Bool
    let by: String
    let colour: String

    init(_ text: String, _ change: Change, by members: [String], colours: Colours) {
        self.text = text
        isSame = change == .same
        isInsert = change == .insert
        isDelete = change == .delete
        by = members.joined(separator: ", ")
        colour = members.first.map(colours.colour) ?? "inherit"
    }

    static func of(_ spans: [AttributedSpan], colours: Colours) -> [SpanModel] {
        spans.map { SpanModel($0.text, $0.change, by: $0.by, colours: colours) }
    }

    static func of(_ spans: [Span], by member: String, colours: Colours) -> [SpanModel] {
        spans.map { SpanModel($0.text, $0.change, by: $0.change == .same ? [] : [member], colours: colours) }
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
