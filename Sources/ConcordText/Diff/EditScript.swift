/// The outcome of a token diff: which token ranges of the old text were replaced by which
/// token ranges of the new one. Everything between hunks is equal under the folded key.
///
/// Hunks are kept rather than a flat list of operations because every cleanup rule is a
/// statement about a hunk and its neighbours (the gap between two hunks, a hunk's edges).
struct EditScript: Sendable, Hashable {
    /// One replacement: `old` tokens deleted, `new` tokens inserted in their place. Either
    /// side may be empty (a pure insertion or deletion), never both.
    struct Hunk: Sendable, Hashable {
        var old: Range<Int>
        var new: Range<Int>
    }

    let oldCount: Int
    let newCount: Int
    /// In order, non-overlapping, with equal-length gaps on both sides.
    var hunks: [Hunk]

    /// Reads hunks off per-token change marks, as xdiff's `xdl_build_script` does: unmarked
    /// tokens of both sides pair up in order, marked ones form the hunks.
    init(deletedOld: [Bool], insertedNew: [Bool]) {
        oldCount = deletedOld.count
        newCount = insertedNew.count
        hunks = []
        var old = 0, new = 0
        while old < oldCount || new < newCount {
            if old < oldCount, new < newCount, !deletedOld[old], !insertedNew[new] {
                old += 1; new += 1
                continue
            }
            let oldStart = old, newStart = new
            while old < oldCount, deletedOld[old] { old += 1 }
            while new < newCount, insertedNew[new] { new += 1 }
            hunks.append(Hunk(old: oldStart ..< old, new: newStart ..< new))
        }
    }

    init(oldCount: Int, newCount: Int, hunks: [Hunk]) {
        self.oldCount = oldCount
        self.newCount = newCount
        self.hunks = hunks
    }

    /// Number of token pairs the script keeps: the LCS length for an optimal script.
    var keptCount: Int { oldCount - hunks.reduce(0) { $0 + $1.old.count } }
}
