#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which paragraph of an edited text comes from which paragraph of the text it was edited
/// from; the rest were added or deleted.
///
/// Stages (docs/paragraph-alignment.md tells why each exists):
/// 1. **By id.** A paragraph that carries an id found in the old text is that paragraph,
///    wherever it now stands and whatever it now says.
/// 2. **By unique text.** Of the rest, a text (without its label) found exactly once on each
///    side pairs those two paragraphs: moved or relabelled by someone who lost the id.
/// 3. **In order.** The longest run of pairs that keep their relative order is the text's
///    backbone; the other pairs were moved. (Stages 2 and 3 are patience diff's anchors.)
/// 4. **Repeated text, between anchors.** Between two consecutive backbone pairs, equal
///    texts pair in order; then equal texts left anywhere pair in reading order (moves).
/// 5. **By similarity, between anchors.** Between two consecutive backbone pairs, the
///    unpaired old and new paragraphs are paired in order when their words are at least
///    `minimumSimilarity` alike: edited in place.
/// 6. Whatever is still unpaired was deleted (old) or added (new).
public struct ParagraphAlignment: Sendable {
    /// For each new paragraph, the index of the old paragraph it comes from.
    public private(set) var oldIndexOfNew: [Int?]
    /// For each old paragraph, the index of the new paragraph it became.
    public private(set) var newIndexOfOld: [Int?]
    /// For each new paragraph, whether it stands in the same order as in the old text (not moved).
    public private(set) var keepsOrder: [Bool]
    /// For each new paragraph, the word diff from its old paragraph's text, for the pairs made
    /// by similarity when asked for (`redlining`): the comparison already tokenised both.
    private(set) var redlines: [[SpanPlace]?] = []
    /// For each new paragraph, what the way it was paired tells of its text against its old
    /// paragraph's: a pair made by text (stages 2 to 5) was compared byte for byte already,
    /// and a diff need not compare it again.
    private(set) var textMatch: [TextMatch]

    enum TextMatch {
        /// Paired by id (whatever the text says), or not paired.
        case unknown
        case same
        case different
    }

    /// Below this share of common words, an unlabelled paragraph is a new one rather than an
    /// edit of its neighbour: at 0.5, a paragraph half rewritten is still recognised, while
    /// two different paragraphs on the same subject rarely share half their words.
    public static let minimumSimilarity = 0.5

    /// A candidate this alike is taken without looking further: in-place edits are the common
    /// case and stand first in the window, so most paragraphs cost one comparison.
    static let confidentSimilarity = 0.8

    /// How many old paragraphs a new one is compared with in stage 5, so that a large block of
    /// unrecognised paragraphs costs a window per paragraph, not the product of the two sides.
    static let similarityWindow = 24

    /// - Complexity: O((n + m) log(n + m)) plus `similarityWindow` comparisons per paragraph left
    ///   unpaired after stage 2.
    public init(old: [Paragraph], new: [Paragraph]) {
        self.init(old: old, new: new, oldIndexOfID: nil, redlining: false)
    }

    /// `oldIndexOfID`, where each id of `old` first stands and whether no id stands twice, and
    /// `oldKeyHashes` and `newKeyHashes`, the `ContentHash` of each paragraph's key, when the
    /// caller has them already (`DiffBase`, `DraftText.hashingKeys()`): a base diffed against
    /// many texts is indexed and hashed once.
    init(old: [Paragraph], new: [Paragraph], oldIndexOfID: (index: IDIndex, unique: Bool)?,
         oldKeyHashes: [UInt64]? = nil, newKeyHashes: [UInt64]? = nil, redlining: Bool) {
        oldIndexOfNew = Array(repeating: nil, count: new.count)
        newIndexOfOld = Array(repeating: nil, count: old.count)
        keepsOrder = Array(repeating: false, count: new.count)
        textMatch = Array(repeating: .unknown, count: new.count)
        let (index, unique) = oldIndexOfID ?? Self.indexOfID(old)
        pairByID(old, new, index, unique: unique)
        // Texts are keyed only where stage 1 left a paragraph unpaired: a member's text of a
        // draft with ids pairs almost everything by id, and hashing every paragraph would
        // cost as much as the rest of the alignment.
        guard let texts = TextGroups(old: old, new: new, unpairedOld: newIndexOfOld.map { $0 == nil },
                                     unpairedNew: oldIndexOfNew.map { $0 == nil }, oldHashes: oldKeyHashes,
                                     newHashes: newKeyHashes) else {
            markBackbone()
            return
        }
        pairUniqueTexts(texts, new)
        markBackbone()
        var chainHeads = [Int32](repeating: -1, count: texts.count)
        forEachGap(oldCount: old.count) { alignment, gap, candidates in
            alignment.pairEqualTexts(in: gap, candidates: candidates, texts, chainHeads: &chainHeads)
        }
        pairByText(texts, new)
        markBackbone()
        pairBySimilarity(old, new, redlining: redlining)
        markBackbone()
    }

    private mutating func pair(_ oldIndex: Int, _ newIndex: Int, _ match: TextMatch) {
        oldIndexOfNew[newIndex] = oldIndex
        newIndexOfOld[oldIndex] = newIndex
        textMatch[newIndex] = match
    }

    /// Where each id first stands, and whether no id stands twice. `expectingMade`: how many
    /// made ids the caller will add.
    static func indexOfID(_ paragraphs: [Paragraph], expectingMade: Int = 0) -> (index: IDIndex, unique: Bool) {
        var indexOfID = IDIndex(expectingMade: expectingMade)
        var unique = true
        for index in paragraphs.indices {
            guard let id = paragraphs[index].id else { continue }
            if indexOfID.insert(id, at: index) != nil { unique = false }
        }
        return (indexOfID, unique)
    }

    /// A text that keeps the old order is paired by walking both sides: the old paragraph
    /// after the last one paired is tried first, and the index is asked only when that fails
    /// (an insertion, a deletion, a move). With unique old ids that paragraph is the only
    /// one with its id, so the walk pairs exactly as the index would.
    private mutating func pairByID(_ old: [Paragraph], _ new: [Paragraph], _ oldIndexOfID: IDIndex, unique: Bool) {
        var expected = 0
        for newIndex in new.indices {
            guard let id = new[newIndex].id else { continue }
            let oldIndex: Int
            if unique, expected < old.count, old[expected].id == id {
                oldIndex = expected
            } else if let found = oldIndexOfID[id] {
                oldIndex = found
            } else {
                continue
            }
            guard newIndexOfOld[oldIndex] == nil else { continue }
            pair(oldIndex, newIndex, .unknown)
            expected = oldIndex + 1
        }
    }

    /// Pairs texts that occur exactly once among the unpaired paragraphs of each side.
    private mutating func pairUniqueTexts(_ texts: TextGroups, _ new: [Paragraph]) {
        var oldCount = [Int32](repeating: 0, count: texts.count), newCount = oldCount
        var oldPlace = [Int](repeating: 0, count: texts.count), newPlace = oldPlace
        for (index, group) in texts.ofOld.enumerated() where group >= 0 && newIndexOfOld[index] == nil {
            oldCount[Int(group)] += 1
            oldPlace[Int(group)] = index
        }
        for (index, group) in texts.ofNew.enumerated() where group >= 0 && oldIndexOfNew[index] == nil && new[index].id == nil {
            newCount[Int(group)] += 1
            newPlace[Int(group)] = index
        }
        for group in 0 ..< texts.count where oldCount[group] == 1 && newCount[group] == 1 { pair(oldPlace[group], newPlace[group], .same) }
    }

    /// Within one gap, pairs each unpaired new paragraph with the next unpaired old paragraph
    /// of the gap that has the same text, keeping order.
    /// `chainHeads`: one entry per text, -1 on entry and on return; it is made once for all the
    /// gaps, since a draft may have thousands of gaps and tens of thousands of texts.
    private mutating func pairEqualTexts(in gap: Range<Int>, candidates: UnsafeBufferPointer<Int>, _ texts: TextGroups,
                                         chainHeads first: inout [Int32]) {
        guard !candidates.isEmpty else { return }
        // Most gaps are one edited paragraph facing its old self: comparing each new
        // paragraph with the candidates after the last pair costs less than indexing them.
        if gap.count * candidates.count <= Self.smallGap {
            var next = 0
            for newIndex in gap where oldIndexOfNew[newIndex] == nil {
                let group = texts.ofNew[newIndex]
                guard let found = candidates[next...].firstIndex(where: { texts.ofOld[$0] == group }) else { continue }
                pair(candidates[found], newIndex, .same)
                next = found + 1
                if next == candidates.count { return }
            }
            return
        }
        // The candidates of each text in a chain, first to last; a chain's head moves past
        // each candidate paired or skipped. A draft of repeated texts leaves stage 2 few
        // anchors, and then the whole draft is one gap here.
        var next = [Int32](repeating: -1, count: candidates.count)
        defer { for candidate in candidates { first[Int(texts.ofOld[candidate])] = -1 } }
        for position in candidates.indices.reversed() {
            let group = Int(texts.ofOld[candidates[position]])
            next[position] = first[group]
            first[group] = Int32(position)
        }
        var lastPaired = -1
        for newIndex in gap where oldIndexOfNew[newIndex] == nil {
            let group = Int(texts.ofNew[newIndex])
            var position = first[group]
            while position >= 0, candidates[Int(position)] <= lastPaired { position = next[Int(position)] }
            guard position >= 0 else {
                first[group] = -1
                continue
            }
            first[group] = next[Int(position)]
            pair(candidates[Int(position)], newIndex, .same)
            lastPaired = candidates[Int(position)]
        }
    }

    /// Up to this many comparisons, a gap's equal texts are found by comparing them all.
    static let smallGap = 64

    /// Pairs equal texts left anywhere, in reading order: paragraphs moved by someone who lost their ids.
    private mutating func pairByText(_ texts: TextGroups, _ new: [Paragraph]) {
        // Each text's unpaired old paragraphs in a chain, in reading order.
        var first = [Int](repeating: -1, count: texts.count)
        var next = [Int](repeating: -1, count: newIndexOfOld.count)
        for index in texts.ofOld.indices.reversed() where newIndexOfOld[index] == nil {
            let group = Int(texts.ofOld[index])
            next[index] = first[group]
            first[group] = index
        }
        for newIndex in texts.ofNew.indices where oldIndexOfNew[newIndex] == nil && new[newIndex].id == nil {
            let group = Int(texts.ofNew[newIndex])
            guard first[group] >= 0 else { continue }
            let oldIndex = first[group]
            first[group] = next[oldIndex]
            pair(oldIndex, newIndex, .same)
        }
    }

    /// Marks the longest subsequence of pairs whose old indices increase (patience-style
    /// longest increasing subsequence, O(k log k)).
    private mutating func markBackbone() {
        // Nothing moved, the common case: the pairs already increase, and all of them are the
        // backbone. Marked in one pass over the flags in place: this runs after each stage,
        // and listing the pairs and making new flags each time was most of it.
        let increasing = oldIndexOfNew.withUnsafeBufferPointer { oldIndexOfNew in
            keepsOrder.withUnsafeMutableBufferPointer { keepsOrder in
                var previous = -1
                for newIndex in oldIndexOfNew.indices {
                    guard let oldIndex = oldIndexOfNew[newIndex] else {
                        keepsOrder[newIndex] = false
                        continue
                    }
                    guard oldIndex > previous else { return false }
                    keepsOrder[newIndex] = true
                    previous = oldIndex
                }
                return true
            }
        }
        if increasing { return }
        let paired = oldIndexOfNew.indices.filter { oldIndexOfNew[$0] != nil }
        keepsOrder = Array(repeating: false, count: oldIndexOfNew.count)
        var tails: [Int] = []          // indices into `paired`
        var predecessor = Array(repeating: -1, count: paired.count)
        for (position, newIndex) in paired.enumerated() {
            let value = oldIndexOfNew[newIndex]!
            var low = 0, high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if oldIndexOfNew[paired[tails[middle]]]! < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { predecessor[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var position = tails.last ?? -1
        while position >= 0 {
            keepsOrder[paired[position]] = true
            position = predecessor[position]
        }
    }

    /// Calls `body` for each run of new paragraphs between two backbone pairs that holds an
    /// unpaired one, with the unpaired old paragraphs between the same two pairs (valid during
    /// the call only: one buffer serves every gap, where an array for each of thousands of
    /// gaps cost more to make and free than the gaps took to pair).
    private mutating func forEachGap(oldCount: Int, _ body: (inout ParagraphAlignment, Range<Int>, UnsafeBufferPointer<Int>) -> Void) {
        var candidates: [Int] = []
        var previousOld = -1
        var newIndex = 0
        while newIndex < oldIndexOfNew.count {
            if oldIndexOfNew[newIndex] != nil {
                if keepsOrder[newIndex] { previousOld = oldIndexOfNew[newIndex]! }
                newIndex += 1
                continue
            }
            var gapEnd = newIndex
            while gapEnd < oldIndexOfNew.count, !(oldIndexOfNew[gapEnd] != nil && keepsOrder[gapEnd]) { gapEnd += 1 }
            let nextOld = gapEnd < oldIndexOfNew.count ? oldIndexOfNew[gapEnd]! : oldCount
            candidates.removeAll(keepingCapacity: true)
            for oldIndex in (previousOld + 1) ..< max(previousOld + 1, nextOld) where newIndexOfOld[oldIndex] == nil {
                candidates.append(oldIndex)
            }
            candidates.withUnsafeBufferPointer { body(&self, newIndex..<gapEnd, $0) }
            newIndex = gapEnd
        }
    }

    /// Below this many gaps, comparing on one core is quicker than starting others.
    static let parallelThreshold = 64

    /// Stage 5 over every gap. A gap's pairs depend only on its own paragraphs (its old
    /// candidates lie between its two backbone pairs), so the gaps are compared concurrently
    /// and their pairs made afterwards: two large plain files have thousands of edited
    /// paragraphs, each a gap of its own, and their comparisons were the slowest stage.
    /// With `redlining`, each pair made here also gets its word diff, from the comparison's
    /// tokens (`WordDiff.Prepared`).
    private mutating func pairBySimilarity(_ old: [Paragraph], _ new: [Paragraph], redlining: Bool) {
        // Every gap's candidates in one array, each gap naming its range of it.
        var found: [(gap: Range<Int>, candidates: Range<Int>)] = [], allCandidates: [Int] = []
        forEachGap(oldCount: old.count) { _, gap, candidates in
            found.append((gap, allCandidates.count ..< allCandidates.count + candidates.count))
            allCandidates.append(contentsOf: candidates)
        }
        let gaps = found, candidates = allCandidates, unpaired = oldIndexOfNew.map { $0 == nil }
        // Gaps in runs, the pairs of a run in one array: most gaps make a single pair, and an
        // array for each was thousands of arrays to make, and to free on one core.
        let runs = (gaps.count + Self.gapRun - 1) / Self.gapRun
        let pairs = concurrentMap(count: runs, threshold: Self.parallelThreshold / Self.gapRun) { run in
            var pairs: [SimilarPair] = []
            for index in run * Self.gapRun ..< min(gaps.count, (run + 1) * Self.gapRun) {
                Self.similarPairs(in: gaps[index].gap, candidates: candidates[gaps[index].candidates], unpaired: unpaired,
                                  old, new, redlining: redlining, into: &pairs)
            }
            return pairs
        }
        if redlining { redlines = Array(repeating: nil, count: new.count) }
        for runPairs in pairs {
            for (oldIndex, newIndex, sameText, redline) in runPairs {
                pair(oldIndex, newIndex, sameText ? .same : .different)
                if let redline { redlines[newIndex] = redline }
            }
        }
    }

    /// How many gaps stage 5 takes at a time.
    static let gapRun = 32

    private typealias SimilarPair = (old: Int, new: Int, sameText: Bool, redline: [SpanPlace]?)

    /// Appends to `pairs` the pairs stage 5 makes in one gap, in order, each with whether the
    /// two texts are the same and, with `redlining`, the word diff of different ones (made
    /// from the tokens the comparison prepared, as soon as the pair is chosen); `unpaired`
    /// tells which new paragraphs are still without a pair.
    private static func similarPairs(in gap: Range<Int>, candidates: ArraySlice<Int>, unpaired: [Bool], _ old: [Paragraph],
                                     _ new: [Paragraph], redlining: Bool, into pairs: inout [SimilarPair]) {
        var candidates = candidates
        for newIndex in gap where unpaired[newIndex] && !candidates.isEmpty {
            // The best so far, with its word diff when asked for: made from the tokens the
            // comparison prepared, while the two texts are borrowed.
            var best: (similarity: Double, position: Int, sameText: Bool, redline: [SpanPlace]?)?
            for position in candidates.indices.prefix(Self.similarityWindow) {
                let oldParagraph = old[candidates[position]], newParagraph = new[newIndex]
                if oldParagraph.hasSameText(as: newParagraph) {
                    best = (1, position, true, nil)
                    break
                }
                let (similarity, redline) = Paragraph.withBorrowedTexts(oldParagraph, newParagraph) { oldText, newText in
                    let prepared = WordDiff.Prepared(oldText, newText)
                    let similarity = WordDiff.similarity(prepared, enoughAt: Self.confidentSimilarity)
                    let isBest = similarity >= Self.minimumSimilarity && similarity > (best?.similarity ?? 0)
                    return (similarity, redlining && isBest ? WordDiff.places(prepared) : nil)
                }
                if similarity >= Self.minimumSimilarity, similarity > (best?.similarity ?? 0) {
                    best = (similarity, position, false, redline)
                    if similarity >= Self.confidentSimilarity { break }
                }
            }
            guard let best else { continue }
            pairs.append((candidates[best.position], newIndex, best.sameText, best.redline))
            // Keep the order: old paragraphs skipped over are not offered to later new ones.
            candidates = candidates[(best.position + 1)...]
        }
    }
}

/// The texts of the paragraphs that stages 2–4 pair, numbered: equal texts (byte for byte)
/// get the same number, on either side. Each text is looked up once; the stages then count
/// and chain paragraphs in arrays indexed by these numbers, where they used dictionaries
/// keyed by text and paid a lookup (with a byte comparison) at every step.
///
/// The keys are hashed on every core (`ContentHash.ofKeys`), or come hashed with the base,
/// and numbered in a flat open-addressing table of text numbers: a `Dictionary` keyed by
/// text would hash each key again (`Hasher`), and retain and release a paragraph at every
/// probe, which cost more than the rest of alignment on large drafts. Two texts that differ
/// only in Unicode normalisation are different texts: a draft is exact to the byte.
struct TextGroups {
    /// The number of the text of each old paragraph; -1 where stage 1 paired it.
    let ofOld: [Int32]
    /// The same for each new paragraph.
    let ofNew: [Int32]
    /// How many distinct texts.
    let count: Int

    /// Nil when every paragraph of both sides is paired already. `oldHashes`, `newHashes`: the
    /// key hash of every paragraph of that side, when known.
    init?(old: [Paragraph], new: [Paragraph], unpairedOld: [Bool], unpairedNew: [Bool], oldHashes: [UInt64]? = nil,
          newHashes: [UInt64]? = nil) {
        guard unpairedOld.contains(true) || unpairedNew.contains(true) else { return nil }
        let oldHashes = oldHashes ?? ContentHash.ofKeys(old) { unpairedOld[$0] }
        let newHashes = newHashes ?? ContentHash.ofKeys(new) { unpairedNew[$0] }
        // Equal texts have equal hashes, so the texts split by a bit of their hash into halves
        // that share no text: each half is numbered on its own core, half `h` taking the
        // numbers `2n + h`.
        let halves = ProcessorCount.online > 1 && old.count + new.count >= Self.parallelThreshold ? 2 : 1
        var ofOld = [Int32](repeating: -1, count: old.count), ofNew = [Int32](repeating: -1, count: new.count)
        let counts = ofOld.withUnsafeMutableBufferPointer { ofOld in
            ofNew.withUnsafeMutableBufferPointer { ofNew in
                let ofOld = UnsafeMutableSendableBuffer(ofOld), ofNew = UnsafeMutableSendableBuffer(ofNew)
                return concurrentMap(count: halves, threshold: 2) { half in
                    // Read in place: a paragraph copied out of its array was retained and
                    // released, at every paragraph of both drafts.
                    old.withUnsafeBufferPointer { old in
                        new.withUnsafeBufferPointer { new in
                            var table = Table(capacity: (old.count + new.count) / halves)
                            // The first paragraph of each text: an old index, or -1 - a new index.
                            // Keys are compared where the files keep them when both are (passing
                            // paragraphs to a comparison copied both, four reference counts at
                            // every probe); each side is passed in place.
                            func sameText(_ first: Int32, _ paragraph: UnsafePointer<Paragraph>) -> Bool {
                                let earlier = first >= 0 ? old.baseAddress! + Int(first) : new.baseAddress! + Int(-1 - first)
                                if let a = earlier.pointee.keyBytesInPlace, let b = paragraph.pointee.keyBytesInPlace { return Bytes.equal(a, b) }
                                return Self.sameKey(earlier.pointee, paragraph.pointee)
                            }
                            for index in old.indices where unpairedOld[index] && Int(oldHashes[index] >> 63) % halves == half {
                                let number = table.number(oldHashes[index], first: Int32(index)) { sameText($0, old.baseAddress! + index) }
                                ofOld.set(index, number * Int32(halves) + Int32(half))
                            }
                            for index in new.indices where unpairedNew[index] && Int(newHashes[index] >> 63) % halves == half {
                                let number = table.number(newHashes[index], first: Int32(-1 - index)) { sameText($0, new.baseAddress! + index) }
                                ofNew.set(index, number * Int32(halves) + Int32(half))
                            }
                            return table.count
                        }
                    }
                }
            }
        }
        (self.ofOld, self.ofNew, count) = (ofOld, ofNew, halves * (counts.max() ?? 0))
    }

    /// Whether the two keys are the same bytes: the texts, or the whole lines where the texts
    /// are empty (then the heads).
    private static func sameKey(_ a: Paragraph, _ b: Paragraph) -> Bool {
        a.hasSameText(as: b) && (!a.textIsEmpty || a.withHeadUTF8 { x in b.withHeadUTF8 { y in Bytes.equal(x, y) } })
    }

    /// Below this many paragraphs, texts are numbered on one core.
    static let parallelThreshold = 8192

    /// Text numbers by key hash (`HashNumbering`), each kept with the first paragraph that
    /// had the text, whose bytes a probe compares on equal hashes.
    private struct Table {
        private var numbering: HashNumbering<Int32>

        init(capacity: Int) { numbering = HashNumbering(capacity: capacity) }

        var count: Int { numbering.count }

        /// The number of the text hashed `hash`, which is the text of `first` if it is new;
        /// `isText(f)` tells whether the paragraph named `f` has that text.
        mutating func number(_ hash: UInt64, first: Int32, isText: (Int32) -> Bool) -> Int32 {
            numbering.insert(hash, first, isKey: isText).number
        }
    }
}
