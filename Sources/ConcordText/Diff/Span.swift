/// What a span of a word diff does to the old text.
public enum Change: String, Sendable, Hashable, Codable {
    case same, insert, delete
}

/// A run of text in a word diff: kept, inserted or deleted.
///
/// Reading the `.same` and `.delete` spans of a diff in order gives the old text; reading
/// `.same` and `.insert` gives the new one, byte for byte.
public struct Span: Sendable, Hashable {
    public var text: String
    public var change: Change
    /// True on a delete/insert pair that differs only under the folded key (NBSP vs space, U+2011 vs '-', ' vs ’, œ vs oe).
    public var isFormattingOnly: Bool

    public init(text: String, change: Change, isFormattingOnly: Bool = false) {
        self.text = text
        self.change = change
        self.isFormattingOnly = isFormattingOnly
    }
}

extension Array where Element == Span {
    /// Each span in order: its change, whether it is formatting only, and its UTF-8 bytes
    /// (valid during the call only), as `ParagraphDiff.Change.forEachSpan` reads a redline.
    public func forEachSpan(_ body: (Change, Bool, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        for span in self {
            var text = span.text
            try text.withUTF8 { try body(span.change, span.isFormattingOnly, $0) }
        }
    }

    /// The old text: `.same` and `.delete` spans in order.
    public var oldText: String { rebuilt(keeping: .delete) }
    /// The new text: `.same` and `.insert` spans in order.
    public var newText: String { rebuilt(keeping: .insert) }

    private func rebuilt(keeping side: Change) -> String {
        var text = ""
        for span in self where span.change == .same || span.change == side { text += span.text }
        return text
    }
}
