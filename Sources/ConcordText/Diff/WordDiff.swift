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
        spans(from: Array(old.utf8), to: Array(new.utf8), windowed: windowed)
    }

    /// `spans(from:to:)` of two texts given as their UTF-8 bytes.
    static func spans(from old: [UInt8], to new: [UInt8], windowed: Bool = true) -> [Span] {
        let window = DiffWindow(old: old, new: new)
        if let whole = wholeSpans(window) { return whole }
        if windowed, !window.isWholeText, let spans = spans(within: window, diff: Prepared.windowDiff(window)) { return spans }
        return wholeTextSpans(window)
    }

    /// `spans(from:to:)` of the two texts `pair` was prepared from.
    static func spans(_ pair: Prepared) -> [Span] {
        let window = pair.window
        if let whole = wholeSpans(window) { return whole }
        if !window.isWholeText { return spans(within: window, diff: pair.diff) ?? wholeTextSpans(window) }
        // A window that is the whole texts was tokenised as the whole texts are.
        var builder = SpanBuilder(old: pair.diff.old, new: pair.diff.new)
        builder.append(pair.diff.cleanedUp(pair.diff.rawEditScript()))
        return builder.spans
    }

    /// The spans when one text is empty or both are the same: no diff to run.
    private static func wholeSpans(_ window: DiffWindow) -> [Span]? {
        if window.old.isEmpty { return window.new.isEmpty ? [] : [Span(text: String(decoding: window.new, as: UTF8.self), change: .insert)] }
        if window.new.isEmpty { return [Span(text: String(decoding: window.old, as: UTF8.self), change: .delete)] }
        if window.isIdentical { return [Span(text: String(decoding: window.old, as: UTF8.self), change: .same)] }
        return nil
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
        let window: DiffWindow
        /// The token diff of the window's two texts.
        let diff: TokenDiff

        init(_ old: [UInt8], _ new: [UInt8]) {
            window = DiffWindow(old: old, new: new)
            diff = Self.windowDiff(window)
        }

        static func windowDiff(_ window: DiffWindow) -> TokenDiff {
            // A window that spans a whole text shares its array rather than copy it.
            func bytes(_ text: [UInt8], _ range: Range<Int>) -> [UInt8] { range.count == text.count ? text : Array(text[range]) }
            return TokenDiff(old: TokenisedText(bytes: bytes(window.old, window.oldWindow)),
                             new: TokenisedText(bytes: bytes(window.new, window.newWindow)))
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
