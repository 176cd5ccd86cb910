/// Stage 4: the shortest edit script between what trimming and discarding left, by
/// E. W. Myers, "An O(ND) Difference Algorithm and Its Variations", Algorithmica 1 (1986),
/// in its linear-space form: search forward from the top-left corner and backward from the
/// bottom-right corner, one edit at a time, until the two frontiers meet on a diagonal (the
/// "middle snake"); split the problem there and solve both halves the same way. The shape
/// follows git's xdiff (`xdl_split`, `xdl_recs_cmp`), rewritten here for integer tokens.
///
/// Swift's `CollectionDifference` (`difference(from:)`) is not used: it has no cut-off and
/// is quadratic in the edit distance — 20k unrelated tokens take seconds.
///
/// Two caps keep any input from going quadratic, both as in xdiff:
/// - `costCap` bounds the edits searched in one split; past it the split is taken at the
///   frontier point that got furthest, which is always a valid (if not minimal) split.
/// - `workBudget` bounds the total diagonal steps and token comparisons of the whole
///   search; once spent, every unsolved region is reported as one replacement.
/// Below both caps (every paragraph of a real amendment) the script is minimal: it keeps a
/// longest common subsequence of tokens.
extension TokenDiff {
    /// Below this many edits in one split the search is always exact. xdiff's
    /// `XDL_MAX_COST_MIN`; prevents paragraphs of ordinary size from ever getting a
    /// heuristic (non-minimal) answer.
    static let minimumCostCap = 256

    /// Total work allowed per token of the two middles, on top of `minimumWork`. Prevents a
    /// shuffled or adversarial paragraph from costing more than a linear scan times a
    /// constant (about 0.1 s per 100k tokens on this hardware).
    static let workPerToken = 200

    /// Work always allowed, however small the input: ample for every paragraph shorter
    /// than a few thousand tokens to be diffed exactly.
    static let minimumWork = 4_000_000

    /// Marks in `deletedOld`/`insertedNew` the tokens outside a longest (or, past the caps,
    /// a long) common subsequence of `old.ids` and `new.ids`.
    /// - Complexity: O((N+M)·D) within the caps, O((N+M)·`workPerToken`) at worst.
    static func myers(_ old: Reduced, _ new: Reduced, deletedOld: inout [Bool], insertedNew: inout [Bool]) {
        guard !old.ids.isEmpty || !new.ids.isEmpty else { return }
        let total = old.ids.count + new.ids.count
        old.ids.withUnsafeBufferPointer { a in
            new.ids.withUnsafeBufferPointer { b in
                var search = MyersSearch(a: a, b: b, costCap: max(minimumCostCap, Int(Double(total).squareRoot())),
                                         workBudget: minimumWork + workPerToken * total)
                search.run { oldIndex in
                    deletedOld[old.positions[oldIndex]] = true
                } markInserted: { newIndex in
                    insertedNew[new.positions[newIndex]] = true
                }
            }
        }
    }
}

/// The state of one linear-space Myers search: the two frontiers (furthest `x` reached on
/// each diagonal `x - y`, forward and backward) and the work spent so far. It owns its frontiers
/// (`~Copyable`, freed in `deinit`); `a` and `b` are borrowed for the search, which
/// `TokenDiff.myers` runs and ends inside the scope of the ids they point into.
struct MyersSearch: ~Copyable {
    private let a: UnsafeBufferPointer<Int32>
    private let b: UnsafeBufferPointer<Int32>
    private let costCap: Int
    private let workBudget: Int
    private var work = 0
    /// Indexed by diagonal `d` in `-(M+1) ... N+1`; allocated uninitialised so that the
    /// pages a search never touches (far diagonals of a huge input) cost no memory.
    private let forwardStorage: UnsafeMutablePointer<Int>
    private let backwardStorage: UnsafeMutablePointer<Int>
    private let forward: UnsafeMutablePointer<Int>
    private let backward: UnsafeMutablePointer<Int>

    init(a: UnsafeBufferPointer<Int32>, b: UnsafeBufferPointer<Int32>, costCap: Int, workBudget: Int) {
        self.a = a
        self.b = b
        self.costCap = costCap
        self.workBudget = workBudget
        let diagonals = a.count + b.count + 3
        forwardStorage = CAllocation.allocate(Int.self, capacity: diagonals)
        backwardStorage = CAllocation.allocate(Int.self, capacity: diagonals)
        forward = forwardStorage + (b.count + 1)
        backward = backwardStorage + (b.count + 1)
    }

    deinit {
        CAllocation.deallocate(forwardStorage)
        CAllocation.deallocate(backwardStorage)
    }

    /// Solves the whole box, calling back for every token outside the common subsequence.
    /// Regions wait on an explicit stack rather than the call stack: heuristic splits can
    /// be lopsided, and deep recursion would overflow a test thread's small stack.
    mutating func run(markDeleted: (Int) -> Void, markInserted: (Int) -> Void) {
        var regions = [(off1: 0, lim1: a.count, off2: 0, lim2: b.count)]
        while var region = regions.popLast() {
            while region.off1 < region.lim1, region.off2 < region.lim2, a[region.off1] == b[region.off2] {
                region.off1 += 1; region.off2 += 1
            }
            while region.off1 < region.lim1, region.off2 < region.lim2, a[region.lim1 - 1] == b[region.lim2 - 1] {
                region.lim1 -= 1; region.lim2 -= 1
            }
            work += (region.lim1 - region.off1) + (region.lim2 - region.off2)
            let split: (x: Int, y: Int)?
            if region.off1 == region.lim1 || region.off2 == region.lim2 || work > workBudget {
                split = nil
            } else {
                split = middleSnake(region.off1, region.lim1, region.off2, region.lim2)
            }
            guard let split else {
                for index in region.off1 ..< region.lim1 { markDeleted(index) }
                for index in region.off2 ..< region.lim2 { markInserted(index) }
                continue
            }
            regions.append((split.x, region.lim1, split.y, region.lim2))
            regions.append((region.off1, split.x, region.off2, split.y))
        }
    }

    /// A point through which a shortest edit path of the box passes, or — past `costCap` —
    /// the point the search got furthest to; nil if no useful split exists (the caller then
    /// replaces the region). The box has no common first or last token.
    private mutating func middleSnake(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int) -> (x: Int, y: Int)? {
        let dmin = off1 - lim2, dmax = lim1 - off2
        let fmid = off1 - off2, bmid = lim1 - lim2
        let odd = (fmid - bmid) & 1 != 0
        var fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid
        forward[fmid] = off1
        backward[bmid] = lim1
        // Frontier entries outside the box are marked unreachable: -1 forward, Int.max
        // backward. A path that leaves the box can never come back to the far corner.
        var cost = 1
        while true {
            if fmin > dmin { fmin -= 1; forward[fmin - 1] = -1 } else { fmin += 1 }
            if fmax < dmax { fmax += 1; forward[fmax + 1] = -1 } else { fmax -= 1 }
            var d = fmax
            while d >= fmin {
                let right = forward[d - 1], down = forward[d + 1]
                let viaRight = right >= off1 && right < lim1 ? right + 1 : -1
                let viaDown = down >= off1 && down - d <= lim2 ? down : -1
                var x = max(viaRight, viaDown)
                if x >= 0 {
                    let start = x
                    var y = x - d
                    while x < lim1, y < lim2, a[x] == b[y] { x += 1; y += 1 }
                    work += x - start + 1
                    if odd, d >= bmin, d <= bmax, backward[d] <= x { return (x, y) }
                }
                forward[d] = x
                d -= 2
            }

            if bmin > dmin { bmin -= 1; backward[bmin - 1] = .max } else { bmin += 1 }
            if bmax < dmax { bmax += 1; backward[bmax + 1] = .max } else { bmax -= 1 }
            d = bmax
            while d >= bmin {
                let up = backward[d - 1], left = backward[d + 1]
                let viaUp = up <= lim1 && up - d >= off2 ? up : Int.max
                let viaLeft = left <= lim1 && left > off1 ? left - 1 : Int.max
                var x = min(viaUp, viaLeft)
                if x != .max {
                    let start = x
                    var y = x - d
                    while x > off1, y > off2, a[x - 1] == b[y - 1] { x -= 1; y -= 1 }
                    work += start - x + 1
                    if !odd, d >= fmin, d <= fmax, forward[d] >= 0, x <= forward[d] { return (x, y) }
                }
                backward[d] = x
                d -= 2
            }

            if cost >= costCap || work > workBudget {
                return furthestPoint(off1, lim1, off2, lim2, fmin: fmin, fmax: fmax, bmin: bmin, bmax: bmax)
            }
            cost += 1
        }
    }

    /// xdiff's "enough is enough": the frontier point furthest from its own corner,
    /// measured by x + y, forward or backward whichever got further.
    private func furthestPoint(
        _ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, fmin: Int, fmax: Int, bmin: Int, bmax: Int
    ) -> (x: Int, y: Int)? {
        var forwardBest: (x: Int, y: Int)?
        for d in stride(from: fmax, through: fmin, by: -2) where forward[d] >= off1 {
            let point = (x: forward[d], y: forward[d] - d)
            if forwardBest.map({ point.x + point.y > $0.x + $0.y }) ?? true { forwardBest = point }
        }
        var backwardBest: (x: Int, y: Int)?
        for d in stride(from: bmax, through: bmin, by: -2) where backward[d] <= lim1 {
            let point = (x: backward[d], y: backward[d] - d)
            if backwardBest.map({ point.x + point.y < $0.x + $0.y }) ?? true { backwardBest = point }
        }
        let forwardGain = forwardBest.map { $0.x + $0.y - off1 - off2 } ?? 0
        let backwardGain = backwardBest.map { lim1 + lim2 - $0.x - $0.y } ?? 0
        guard let best = forwardGain >= backwardGain ? forwardBest : backwardBest else { return nil }
        // A split at a corner would make no progress.
        let isCorner = (best.x == off1 && best.y == off2) || (best.x == lim1 && best.y == lim2)
        return isCorner ? nil : best
    }
}
