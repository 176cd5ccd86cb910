/// Word-level diff of two paragraphs, for redlines and for consolidation.
///
/// The pipeline (docs/word-diff.md): set the common bytes aside (`DiffWindow`), tokenise
/// what is left (`TokenisedText`), diff the tokens (`TokenDiff`), then read the spans off
/// the edit script (`SpanBuilder`), splitting equal runs whose bytes differ under an equal
/// folded key into formatting-only pairs.
public enum WordDiff {
    /// Spans that rebuild both sides: same+delete == old, same+insert == new, byte for byte.
    ///
    /// Adjacent spans of the same change and formatting flag are merged, no span is empty,
    /// and within a replacement the deletion comes before the insertion.
    /// - Complexity: linear in the input for typical amendments; bounded by the caps of
    ///   `TokenDiff+Myers.swift` for any input.
    public static func spans(from old: String, to new: String) -> [Span] {
        spans(from: old, to: new, windowed: true)
    }

    /// `windowed: false` tokenises the whole texts; tests check it gives the same spans.
    static func spans(from old: String, to new: String, windowed: Bool) -> [Span] {
        if old.isEmpty { return new.isEmpty ? [] : [Span(text: new, change: .insert)] }
        if new.isEmpty { return [Span(text: old, change: .delete)] }
        let window = DiffWindow(old: Array(old.utf8), new: Array(new.utf8))
        if window.isIdentical { return [Span(text: old, change: .same)] }
        if windowed, !window.isWholeText, let spans = spans(within: window) { return spans }
        let oldText = TokenisedText(bytes: window.old), newText = TokenisedText(bytes: window.new)
        let script = TokenDiff.editScript(from: oldText, to: newText)
        var builder = SpanBuilder(old: oldText, new: newText)
        builder.append(script)
        return builder.spans
    }

    /// The diff of the window only (see `DiffWindow`), framed by the common prefix and
    /// suffix; nil when the cleanup needed tokens beyond the window.
    private static func spans(within window: DiffWindow) -> [Span]? {
        let oldText = TokenisedText(bytes: Array(window.old[window.oldWindow]))
        let newText = TokenisedText(bytes: Array(window.new[window.newWindow]))
        let diff = TokenDiff(old: oldText, new: newText)
        let script: EditScript
        switch diff.cleanedUp(diff.rawEditScript(), within: window) {
        case .script(let cleaned): script = cleaned
        case .rewrite: return [Span(text: String(decoding: window.old, as: UTF8.self), change: .delete),
                               Span(text: String(decoding: window.new, as: UTF8.self), change: .insert)]
        case .needsWholeText: return nil
        }
        var builder = SpanBuilder(old: oldText, new: newText)
        builder.appendSame(window.old, 0 ..< window.prefix)
        builder.append(script)
        builder.appendSame(window.old, window.old.count - window.suffix ..< window.old.count)
        return builder.spans
    }
}
