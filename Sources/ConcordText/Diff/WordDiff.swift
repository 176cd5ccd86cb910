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
        if windowed, !window.isWholeText, let spans = spans(within: window, diff: Prepared.windowDiff(window)) { return spans }
        return wholeTextSpans(window)
    }

    /// `spans(from:to:)` of the two texts `pair` was prepared from.
    static func spans(_ pair: Prepared) -> [Span] {
        if pair.old.isEmpty { return pair.new.isEmpty ? [] : [Span(text: pair.new, change: .insert)] }
        if pair.new.isEmpty { return [Span(text: pair.old, change: .delete)] }
        let window = pair.window
        if window.isIdentical { return [Span(text: pair.old, change: .same)] }
        if !window.isWholeText { return spans(within: window, diff: pair.diff) ?? wholeTextSpans(window) }
        // A window that is the whole texts was tokenised as the whole texts are.
        var builder = SpanBuilder(old: pair.diff.old, new: pair.diff.new)
        builder.append(pair.diff.cleanedUp(pair.diff.rawEditScript()))
        return builder.spans
    }

    private static func wholeTextSpans(_ window: DiffWindow) -> [Span] {
        let oldText = TokenisedText(bytes: window.old), newText = TokenisedText(bytes: window.new)
        let script = TokenDiff.editScript(from: oldText, to: newText)
        var builder = SpanBuilder(old: oldText, new: newText)
        builder.append(script)
        return builder.spans
    }

    /// Two paragraphs cut to their `DiffWindow`, the window tokenised and interned: what both
    /// questions alignment asks of a pair need — how alike (`similarity`) and, once paired,
    /// the redline (`spans`) — so that a pair paired by similarity is tokenised once.
    struct Prepared: Sendable {
        let old: String
        let new: String
        let window: DiffWindow
        /// The token diff of the window's two texts.
        let diff: TokenDiff

        init(_ old: String, _ new: String) {
            self.old = old
            self.new = new
            window = DiffWindow(old: Array(old.utf8), new: Array(new.utf8))
            diff = Self.windowDiff(window)
        }

        static func windowDiff(_ window: DiffWindow) -> TokenDiff {
            TokenDiff(old: TokenisedText(bytes: Array(window.old[window.oldWindow])),
                      new: TokenisedText(bytes: Array(window.new[window.newWindow])))
        }
    }

    /// The diff of the window only (see `DiffWindow`), framed by the common prefix and
    /// suffix; nil when the cleanup needed tokens beyond the window. `diff` is the token diff
    /// of the window's texts.
    private static func spans(within window: DiffWindow, diff: TokenDiff) -> [Span]? {
        let oldText = diff.old, newText = diff.new
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
