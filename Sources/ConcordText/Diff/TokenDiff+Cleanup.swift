/// Stage 5: make a minimal edit script readable, in the spirit of diff-match-patch's
/// semantic cleanup (N. Fraser, `diff_cleanupSemantic` and `diff_cleanupSemanticLossless`)
/// and xdiff's hunk sliding (`xdl_change_compact`).
///
/// A minimal script is not the one a reader wants. Myers happily keeps every shared `de`,
/// `la` and space of two different sentences, leaving confetti; and where an insertion
/// could sit one token to the left or right it picks by accident. Three rules, in order:
/// 1. Slide each pure insertion or deletion along runs of equal tokens to where its edges
///    fall best: the block starting at a word and ending on whitespace ("the [big ]cat").
/// 2. Absorb a small equality between two hunks — only whitespace, or one short word or
///    mark with its spaces — into one hunk, so "A b C" → "X b Y" reads as one replacement.
/// 3. If most of the paragraph changed anyway, show it as old deleted, new inserted.
/// None of these rules changes what the spans rebuild; they only move the boundary between
/// "kept" and "changed".
extension TokenDiff {
    /// At most this many tokens in an equality absorbed between two hunks (a word and a
    /// space on each side). Prevents rule 2 from swallowing phrases that really were kept.
    static let maximumAbsorbedGapTokens = 3

    /// Share of the non-whitespace tokens of both sides that must be changed for the whole
    /// paragraph to be shown as one replacement. Past 60% what survives is mostly function
    /// words and punctuation scattered among the changes, and a reader compares two whole
    /// sentences faster than they reassemble either from fragments; below it, real
    /// amendments (a clause replaced, a list extended) still show their kept context.
    static let wholeRewriteShare = 0.6

    func cleanedUp(_ raw: EditScript) -> EditScript {
        var script = raw
        script.hunks = slidToWordBoundaries(script.hunks).hunks
        script.hunks = absorbingSmallEqualities(script.hunks)
        if isMostlyRewritten(script, outsideNonWhitespace: { 0 }) {
            script.hunks = [EditScript.Hunk(old: 0 ..< old.count, new: 0 ..< new.count)]
        }
        return script
    }

    /// What the cleanup of a window (see `DiffWindow`) concluded.
    enum WindowOutcome {
        /// The cleaned script of the window; the text around it is unchanged.
        case script(EditScript)
        /// The whole paragraph is to be shown as one replacement.
        case rewrite
        /// A hunk could slide out of the window: only the whole texts give the answer.
        case needsWholeText
    }

    /// The same cleanup when `old` and `new` are the window of `window`, giving the same
    /// answer as the cleanup of the whole texts would, or saying it cannot.
    func cleanedUp(_ raw: EditScript, within window: DiffWindow) -> WindowOutcome {
        var script = raw
        let slid = slidToWordBoundaries(script.hunks)
        if (slid.reachedStart && window.prefix > 0) || (slid.reachedEnd && window.suffix > 0) { return .needsWholeText }
        script.hunks = absorbingSmallEqualities(slid.hunks)
        return isMostlyRewritten(script, outsideNonWhitespace: window.nonWhitespaceTokensOutside) ? .rewrite : .script(script)
    }

    // MARK: Rule 1, sliding

    /// Also says whether a hunk could slide to the very start or end: in a window that
    /// means it might slide further in the whole text.
    private func slidToWordBoundaries(_ hunks: [EditScript.Hunk]) -> (hunks: [EditScript.Hunk], reachedStart: Bool, reachedEnd: Bool) {
        var hunks = hunks
        var reachedStart = false, reachedEnd = false
        for index in hunks.indices {
            let hunk = hunks[index]
            guard hunk.old.isEmpty != hunk.new.isEmpty else { continue }
            let isInsertion = hunk.old.isEmpty
            let text = isInsertion ? new : old
            let ids = isInsertion ? newIDs : oldIDs
            let block = isInsertion ? hunk.new : hunk.old
            // The block may move within the equal runs on either side of it.
            let floor = index == 0 ? 0 : (isInsertion ? hunks[index - 1].new.upperBound : hunks[index - 1].old.upperBound)
            let ceiling = index == hunks.count - 1 ? text.count
                : (isInsertion ? hunks[index + 1].new.lowerBound : hunks[index + 1].old.lowerBound)
            var lowest = block.lowerBound
            while lowest > floor, ids[lowest - 1] == ids[lowest - 1 + block.count] { lowest -= 1 }
            var highest = block.lowerBound
            while highest + block.count < ceiling, ids[highest] == ids[highest + block.count] { highest += 1 }
            if lowest == 0 { reachedStart = true }
            if highest + block.count == text.count { reachedEnd = true }
            guard lowest < highest else { continue }
            var bestStart = block.lowerBound
            var bestScore = Int.min
            for start in lowest ... highest {
                let score = edgeScore(text, before: start) + edgeScore(text, before: start + block.count)
                if score > bestScore { bestScore = score; bestStart = start }
            }
            let shift = bestStart - block.lowerBound
            hunks[index] = EditScript.Hunk(
                old: hunk.old.lowerBound + shift ..< hunk.old.upperBound + shift,
                new: hunk.new.lowerBound + shift ..< hunk.new.upperBound + shift)
        }
        return (hunks, reachedStart, reachedEnd)
    }

    /// How good a place the boundary just before token `index` is for a change to start or
    /// end: best at the ends of the text, then at the start of a word, then at its end.
    private func edgeScore(_ text: TokenisedText, before index: Int) -> Int {
        guard index > 0, index < text.count else { return 3 }
        let previousIsSpace = text.isWhitespace(index - 1), nextIsSpace = text.isWhitespace(index)
        if previousIsSpace && !nextIsSpace { return 2 }
        if !previousIsSpace && nextIsSpace { return 1 }
        return 0
    }

    // MARK: Rule 2, absorbing

    /// Merges neighbouring hunks whose gap is small, re-checking leftwards after each
    /// merge (a merged hunk is bigger, so the gap before it may now qualify). A stack keeps
    /// this linear in the number of hunks.
    private func absorbingSmallEqualities(_ hunks: [EditScript.Hunk]) -> [EditScript.Hunk] {
        var merged: [EditScript.Hunk] = []
        merged.reserveCapacity(hunks.count)
        for hunk in hunks {
            merged.append(hunk)
            while merged.count >= 2, shouldAbsorbGap(between: merged[merged.count - 2], and: merged[merged.count - 1]) {
                let right = merged.removeLast(), left = merged.removeLast()
                merged.append(EditScript.Hunk(
                    old: left.old.lowerBound ..< right.old.upperBound,
                    new: left.new.lowerBound ..< right.new.upperBound))
            }
        }
        return merged
    }

    private func shouldAbsorbGap(between left: EditScript.Hunk, and right: EditScript.Hunk) -> Bool {
        let gap = left.old.upperBound ..< right.old.lowerBound
        if gap.isEmpty { return true }
        guard gap.count <= Self.maximumAbsorbedGapTokens else { return false }
        let words = gap.filter { !old.isWhitespace($0) }.count
        if words == 0 { return true }
        guard words == 1 else { return false }
        // As diff-match-patch: an equality no longer than the changes on both its sides.
        let gapBytes = old.byteRange(gap).count
        func size(_ hunk: EditScript.Hunk) -> Int { max(old.byteRange(hunk.old).count, new.byteRange(hunk.new).count) }
        return gapBytes <= size(left) && gapBytes <= size(right)
    }

    // MARK: Rule 3, whole rewrite

    /// `outsideNonWhitespace` counts the words outside a window, once per side; it is only
    /// called when the window alone would pass the threshold.
    private func isMostlyRewritten(_ script: EditScript, outsideNonWhitespace: () -> Int) -> Bool {
        guard !script.hunks.isEmpty else { return false }
        var changed = 0
        for hunk in script.hunks {
            for index in hunk.old where !old.isWhitespace(index) { changed += 1 }
            for index in hunk.new where !new.isWhitespace(index) { changed += 1 }
        }
        let total = old.wordCount + new.wordCount
        guard total > 0, Double(changed) > Self.wholeRewriteShare * Double(total) else { return false }
        return Double(changed) > Self.wholeRewriteShare * Double(total + 2 * outsideNonWhitespace())
    }
}
