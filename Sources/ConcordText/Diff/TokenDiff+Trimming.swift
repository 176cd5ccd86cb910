/// Stages 2 and 3: shrink the problem before the quadratic-in-the-worst-case search.
///
/// Trimming: amendments touch a few words of a paragraph, so most of a diff is the common
/// prefix and suffix; comparing them off as integers costs O(n) and leaves Myers only the
/// middle (xdiff does the same in `xdl_trim_ends`).
///
/// Discarding: a token that never occurs on the other side cannot be part of any common
/// subsequence, so it is a change whatever the search does. Marking such tokens up front
/// (as xdiff's `xdl_cleanup_records`) is exact — the longest common subsequence of what
/// remains is the longest common subsequence of the whole — and turns "two unrelated
/// paragraphs" from Myers' worst case into a linear scan.
extension TokenDiff {
    /// Lengths of the common prefix and suffix of `old` and `new`, not overlapping.
    static func commonEnds(_ old: [Int32], _ new: [Int32]) -> (prefix: Int, suffix: Int) {
        let limit = min(old.count, new.count)
        var prefix = 0
        while prefix < limit, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        return (prefix, suffix)
    }

    /// The middle of one side with its tokens absent from the other side removed.
    struct Reduced {
        /// Ids of the kept tokens, in order.
        var ids: [Int32] = []
        /// Index in the full sequence of each kept token.
        var positions: [Int] = []
    }

    /// Marks as changed every token of the two middles that has no equal on the other side,
    /// and returns what is left of each.
    static func discardUnmatched(old: [Int32], _ oldRange: Range<Int>, new: [Int32], _ newRange: Range<Int>, idCount: Int,
                                 deletedOld: inout [Bool], insertedNew: inout [Bool]) -> (old: Reduced, new: Reduced) {
        var inOld = [Bool](repeating: false, count: idCount), inNew = [Bool](repeating: false, count: idCount)
        for index in oldRange { inOld[Int(old[index])] = true }
        for index in newRange { inNew[Int(new[index])] = true }
        func keep(_ side: [Int32], _ range: Range<Int>, matchedBy other: [Bool], orMark changed: inout [Bool]) -> Reduced {
            var reduced = Reduced()
            reduced.ids.reserveCapacity(range.count)
            reduced.positions.reserveCapacity(range.count)
            for index in range {
                if other[Int(side[index])] {
                    reduced.ids.append(side[index])
                    reduced.positions.append(index)
                } else {
                    changed[index] = true
                }
            }
            return reduced
        }
        return (keep(old, oldRange, matchedBy: inNew, orMark: &deletedOld), keep(new, newRange, matchedBy: inOld, orMark: &insertedNew))
    }
}
