extension WordDiff {
    /// 0...1, share of tokens (by folded key) the two texts have in common; cheap enough to call on many pairs (used to pair up paragraphs by similarity).
    ///
    /// The measure is the Dice coefficient of the two bags of non-whitespace tokens:
    /// 2·|A ∩ B| / (|A| + |B|), counting repeats. It ignores order, which makes it linear
    /// (no alignment) and stable under moved clauses. Whitespace is left out because it is
    /// half of all tokens in prose and would make any two paragraphs look half alike.
    /// Two texts with no words at all are alike (1) if equal, else not (0).
    /// - Complexity: O(n + m).
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(a, b, enoughAt: .infinity)
    }

    /// `similarity(a, b)`, or a lower bound of it once that bound reaches `enough`: callers
    /// that only ask "at least `enough`?" (alignment's confident pairing) skip the exact count.
    ///
    /// Computed on the `DiffWindow` rather than on the whole texts. The common prefix and
    /// suffix are the same tokens on both sides (the window cuts at token boundaries), so
    /// they add the same count `c` to both bags and to their intersection:
    /// `2(c + s) / (2c + a + b)` with `a`, `b`, `s` the window's words and shared words —
    /// exactly the whole texts' Dice. That value never decreases as `c` grows, so a lower
    /// bound of `c` gives a lower bound of the similarity: first 0 (the window alone, which
    /// is often enough), then `DiffWindow.wordStartsOutside` (one byte comparison per byte);
    /// only when that is not enough are the tokens outside the window counted exactly. An
    /// in-place amendment thus tokenises a few words.
    static func similarity(_ a: String, _ b: String, enoughAt enough: Double) -> Double {
        if a == b { return 1 }
        return similarity(Prepared(.string(a), .string(b)), enoughAt: enough)
    }

    /// `similarity(a, b, enoughAt:)` of two different texts prepared as `pair`; the
    /// window's token diff interned them as this measure does (old side first).
    static func similarity(_ pair: Prepared, enoughAt enough: Double) -> Double {
        let window = pair.window
        let first = pair.diff.old, second = pair.diff.new
        let firstIDs = pair.diff.oldIDs, secondIDs = pair.diff.newIDs
        var firstWords = 0, secondWords = 0, shared = 0
        var unmatched = [Int32](repeating: 0, count: pair.diff.idCount)
        for (index, id) in firstIDs.enumerated() where !first.isWhitespace(index) {
            unmatched[Int(id)] += 1
            firstWords += 1
        }
        for (index, id) in secondIDs.enumerated() where !second.isWhitespace(index) {
            secondWords += 1
            if unmatched[Int(id)] > 0 {
                unmatched[Int(id)] -= 1
                shared += 1
            }
        }
        func dice(outside: Int) -> Double {
            guard firstWords + secondWords + outside > 0 else { return 0 }
            return Double(2 * (shared + outside)) / Double(firstWords + secondWords + 2 * outside)
        }
        let inside = dice(outside: 0)
        if window.isWholeText { return inside }
        // The window alone is a lower bound too, and often enough: an amendment of a few words
        // leaves most of the window's words in place.
        if inside >= enough { return inside }
        if enough <= 1 {
            let bound = dice(outside: window.wordStartsOutside())
            if bound >= enough { return bound }
        }
        return dice(outside: window.nonWhitespaceTokensOutside())
    }
}
