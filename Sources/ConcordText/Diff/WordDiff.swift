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
        let places = places(from: .string(old), to: .string(new), windowed: windowed)
        var (old, new) = (old, new)
        return old.withUTF8 { old in new.withUTF8 { new in places.spans(old: old, new: new) } }
    }

    /// The spans of `spans(from:to:)` of two paragraphs' texts, as the places of their bytes.
    static func places(from old: ParagraphText, to new: ParagraphText, windowed: Bool = true) -> [SpanPlace] {
        let window = DiffWindow(old: old, new: new)
        if let whole = wholePlaces(window) { return whole }
        if windowed, !window.isWholeText, let places = places(within: window, diff: TokenDiff(window: window)) { return places }
        return wholeTextPlaces(window)
    }

    /// `places(from:to:)` of the two texts `pair` was prepared from.
    static func places(_ pair: Prepared) -> [SpanPlace] {
        let window = pair.window
        if let whole = wholePlaces(window) { return whole }
        if !window.isWholeText { return places(within: window, diff: pair.diff) ?? wholeTextPlaces(window) }
        // A window that is the whole texts was tokenised as the whole texts are.
        return places(window, pair.diff, pair.diff.cleanedUp(pair.diff.rawEditScript()), ofWindow: false)
    }

    /// The spans when one text is empty or both are the same: no diff to run.
    private static func wholePlaces(_ window: DiffWindow) -> [SpanPlace]? {
        if window.oldCount == 0 { return window.newCount == 0 ? [] : [SpanPlace(.insert, 0 ..< window.newCount)] }
        if window.newCount == 0 { return [SpanPlace(.delete, 0 ..< window.oldCount)] }
        if window.isIdentical { return [SpanPlace(.same, 0 ..< window.oldCount)] }
        return nil
    }

    private static func wholeTextPlaces(_ window: DiffWindow) -> [SpanPlace] {
        let diff = TokenDiff(old: TokenisedText(window.old, 0 ..< window.oldCount), new: TokenisedText(window.new, 0 ..< window.newCount))
        return places(window, diff, diff.cleanedUp(diff.rawEditScript()), ofWindow: false)
    }

    /// The spans of `script`, the cleaned script of `diff`: a diff of the window of `window`
    /// framed by its common prefix and suffix, or (`ofWindow: false`) of the whole texts.
    private static func places(_ window: DiffWindow, _ diff: TokenDiff, _ script: EditScript, ofWindow: Bool) -> [SpanPlace] {
        var builder = SpanBuilder(capacity: 2 * script.hunks.count + 2)
        guard ofWindow else {
            builder.append(script, diff.old, diff.new, at: 0)
            return builder.finished()
        }
        builder.appendSame(0 ..< window.prefix)
        builder.append(script, diff.old, diff.new, at: window.prefix)
        builder.appendSame(window.oldCount - window.suffix ..< window.oldCount)
        return builder.finished()
    }

    /// Two paragraphs cut to their `DiffWindow`, the window tokenised and interned: what both
    /// questions alignment asks of a pair need — how alike (`similarity`) and, once paired,
    /// the redline (`places`) — so that a pair paired by similarity is tokenised once.
    ///
    /// A class: alignment keeps the best candidate while it compares the others, and as a
    /// value each copy retained (and each end released) its eight references — the two
    /// texts, twice, and four arrays — a hundred reference counts for every pair.
    final class Prepared: Sendable {
        let window: DiffWindow
        /// The token diff of the window's two texts.
        let diff: TokenDiff

        init(_ old: ParagraphText, _ new: ParagraphText) {
            window = DiffWindow(old: old, new: new)
            diff = TokenDiff(window: window)
        }
    }

    /// The diff of the window only (see `DiffWindow`), framed by the common prefix and
    /// suffix; nil when the cleanup needed tokens beyond the window. `diff` is the token diff
    /// of the window's texts.
    private static func places(within window: DiffWindow, diff: TokenDiff) -> [SpanPlace]? {
        switch diff.cleanedUp(diff.rawEditScript(), within: window) {
        case .script(let cleaned): places(window, diff, cleaned, ofWindow: true)
        case .rewrite: [SpanPlace(.delete, 0 ..< window.oldCount), SpanPlace(.insert, 0 ..< window.newCount)]
        case .needsWholeText: nil
        }
    }
}
