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
        if a == b { return 1 }
        let first = TokenisedText(a), second = TokenisedText(b)
        var interner = TokenInterner(expectedTokens: first.count + second.count)
        defer { interner.deallocate() }
        let firstIDs = interner.ids(of: first), secondIDs = interner.ids(of: second)
        var unmatched = [Int32](repeating: 0, count: interner.count)
        var firstWords = 0, secondWords = 0, shared = 0
        for (index, id) in firstIDs.enumerated() where first.kinds[index] != .whitespace {
            unmatched[Int(id)] += 1
            firstWords += 1
        }
        for (index, id) in secondIDs.enumerated() where second.kinds[index] != .whitespace {
            secondWords += 1
            if unmatched[Int(id)] > 0 {
                unmatched[Int(id)] -= 1
                shared += 1
            }
        }
        guard firstWords + secondWords > 0 else { return 0 }
        return Double(2 * shared) / Double(firstWords + secondWords)
    }
}
