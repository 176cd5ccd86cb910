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
        let ids: UnsafeBufferPointer<Int32>
        /// Index in the full sequence of each kept token.
        let positions: UnsafeBufferPointer<Int>
    }

    /// Marks as changed every token of the two middles that has no equal on the other side,
    /// and hands what is left to `search`.
    static func discardUnmatched(
        old: [Int32], _ oldRange: Range<Int>, new: [Int32], _ newRange: Range<Int>,
        idCount: Int, deletedOld: UnsafeMutableBufferPointer<Bool>, insertedNew: UnsafeMutableBufferPointer<Bool>,
        search: (Reduced, Reduced) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * idCount) { seen in
            seen.initialize(repeating: false)
            let inOld = UnsafeMutableBufferPointer(rebasing: seen[..<idCount])
            let inNew = UnsafeMutableBufferPointer(rebasing: seen[idCount...])
            for index in oldRange { inOld[Int(old[index])] = true }
            for index in newRange { inNew[Int(new[index])] = true }
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: oldRange.count + newRange.count) { ids in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: oldRange.count + newRange.count) { positions in
                    func keep(_ side: [Int32], _ range: Range<Int>, matchedBy other: UnsafeMutableBufferPointer<Bool>,
                              from start: Int, orMark changed: UnsafeMutableBufferPointer<Bool>) -> Reduced {
                        var kept = start
                        for index in range {
                            if other[Int(side[index])] {
                                ids.initializeElement(at: kept, to: side[index])
                                positions.initializeElement(at: kept, to: index)
                                kept += 1
                            } else {
                                changed[index] = true
                            }
                        }
                        return Reduced(ids: UnsafeBufferPointer(rebasing: ids[start ..< kept]),
                                       positions: UnsafeBufferPointer(rebasing: positions[start ..< kept]))
                    }
                    let reducedOld = keep(old, oldRange, matchedBy: inNew, from: 0, orMark: deletedOld)
                    let reducedNew = keep(new, newRange, matchedBy: inOld, from: oldRange.count, orMark: insertedNew)
                    search(reducedOld, reducedNew)
                }
            }
        }
    }
}
