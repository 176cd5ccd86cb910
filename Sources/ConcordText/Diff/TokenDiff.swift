/// The token-level diff of two paragraphs.
///
/// The stages, each in its own file:
/// 1. Interning (`TokenInterner`): tokens become integers, equal when their folded keys are.
/// 2. Trimming (`commonEnds`): the common prefix and suffix are set aside.
/// 3. Discarding (`discardUnmatched`): tokens absent from the other side are changes.
/// 4. Myers (`MyersSearch`): a shortest edit script for the rest, under a cost cap.
/// 5. Cleanup (`cleanedUp`): slide, absorb small equalities, collapse a rewrite.
/// The result is an `EditScript`; `WordDiff` turns it into spans of text.
struct TokenDiff {
    let old: TokenisedText
    let new: TokenisedText
    let oldIDs: [Int32]
    let newIDs: [Int32]
    /// Number of distinct folded keys across both sides.
    let idCount: Int

    /// Stage 1.
    init(old: TokenisedText, new: TokenisedText) {
        self.old = old
        self.new = new
        (oldIDs, newIDs, idCount) = TokenInterner.withReused { interner in
            (interner.ids(of: old), interner.ids(of: new), interner.count)
        }
    }

    /// Stage 1 for the window of `window` (`DiffWindow.oldWindow`, `newWindow`), tokenised and
    /// interned together (`TokenisedText.interned`).
    init(window: DiffWindow) {
        (old, oldIDs, new, newIDs, idCount) = TokenInterner.withReused { interner in
            let (old, oldIDs) = TokenisedText.interned(window.old, window.oldWindow, by: &interner)
            let (new, newIDs) = TokenisedText.interned(window.new, window.newWindow, by: &interner)
            return (old, oldIDs, new, newIDs, interner.count)
        }
    }

    /// The readable edit script from `old` to `new`.
    /// - Complexity: O(N + M) for trimming and discarding, O((N+M)·D) for the search within
    ///   its caps (see `TokenDiff+Myers.swift`), O(N + M) for cleanup.
    static func editScript(from old: TokenisedText, to new: TokenisedText) -> EditScript {
        let diff = TokenDiff(old: old, new: new)
        return diff.cleanedUp(diff.rawEditScript())
    }

    /// Stages 2–4: a minimal script (within the caps), before any cleanup.
    func rawEditScript() -> EditScript {
        var deletedOld = [Bool](repeating: false, count: old.count)
        var insertedNew = [Bool](repeating: false, count: new.count)
        let (prefix, suffix) = Self.commonEnds(oldIDs, newIDs)
        let (reducedOld, reducedNew) = Self.discardUnmatched(
            old: oldIDs, prefix ..< old.count - suffix, new: newIDs, prefix ..< new.count - suffix,
            idCount: idCount, deletedOld: &deletedOld, insertedNew: &insertedNew)
        Self.myers(reducedOld, reducedNew, deletedOld: &deletedOld, insertedNew: &insertedNew)
        return EditScript(deletedOld: deletedOld, insertedNew: insertedNew)
    }
}
