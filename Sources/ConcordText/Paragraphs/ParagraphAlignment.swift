/// Which paragraph of an edited text comes from which paragraph of the text it was edited
/// from; the rest were added or deleted.
///
/// Stages (docs/paragraph-alignment.md tells why each exists):
/// 1. **By id.** A paragraph that carries an id found in the old text is that paragraph,
///    wherever it now stands and whatever it now says.
/// 2. **By text.** Of the rest, a paragraph whose text (without its label) equals an old
///    paragraph's is that paragraph: it was moved or relabelled by someone who lost its id.
/// 3. **In order.** The longest run of pairs that keep their relative order is the text's
///    backbone; the other pairs were moved.
/// 4. **By similarity, between anchors.** Between two consecutive backbone pairs, the
///    unpaired old and new paragraphs are paired in order when their words are at least
///    `minimumSimilarity` alike: edited in place.
/// 5. Whatever is still unpaired was deleted (old) or added (new).
public struct ParagraphAlignment: Sendable {
    /// For each new paragraph, the index of the old paragraph it comes from.
    public private(set) var oldIndexOfNew: [Int?]
    /// For each old paragraph, the index of the new paragraph it became.
    public private(set) var newIndexOfOld: [Int?]
    /// For each new paragraph, whether it stands in the same order as in the old text (not moved).
    public private(set) var keepsOrder: [Bool]

    /// Below this share of common words, an unlabelled paragraph is a new one rather than an
    /// edit of its neighbour: at 0.5, a paragraph half rewritten is still recognised, while
    /// two different paragraphs on the same subject rarely share half their words.
    public static let minimumSimilarity = 0.5

    /// How many old paragraphs a new one is compared with in stage 4, so that a large block of
    /// unrecognised paragraphs costs a window per paragraph, not the product of the two sides.
    static let similarityWindow = 24

    /// - Complexity: O((n + m) log(n + m)) plus `similarityWindow` comparisons per paragraph left
    ///   unpaired after stage 2.
    public init(old: [Paragraph], new: [Paragraph]) {
        oldIndexOfNew = Array(repeating: nil, count: new.count)
        newIndexOfOld = Array(repeating: nil, count: old.count)
        keepsOrder = Array(repeating: false, count: new.count)
        pairByID(old, new)
        pairByText(old, new)
        markBackbone()
        pairBySimilarity(old, new)
        markBackbone()
    }

    private mutating func pair(_ oldIndex: Int, _ newIndex: Int) {
        oldIndexOfNew[newIndex] = oldIndex
        newIndexOfOld[oldIndex] = newIndex
    }

    private mutating func pairByID(_ old: [Paragraph], _ new: [Paragraph]) {
        var oldIndexByID: [ParagraphID: Int] = [:]
        for (index, paragraph) in old.enumerated() {
            if let id = paragraph.id { oldIndexByID[id] = oldIndexByID[id] ?? index }
        }
        for (newIndex, paragraph) in new.enumerated() {
            guard let id = paragraph.id, let oldIndex = oldIndexByID[id], newIndexOfOld[oldIndex] == nil else { continue }
            pair(oldIndex, newIndex)
        }
    }

    private mutating func pairByText(_ old: [Paragraph], _ new: [Paragraph]) {
        var unpairedOldByText: [TextKey: [Int]] = [:]
        for (index, paragraph) in old.enumerated().reversed() where newIndexOfOld[index] == nil {
            unpairedOldByText[Self.key(paragraph), default: []].append(index)
        }
        for (newIndex, paragraph) in new.enumerated() where oldIndexOfNew[newIndex] == nil && paragraph.id == nil {
            let key = Self.key(paragraph)
            guard let oldIndex = unpairedOldByText[key]?.popLast() else { continue }
            pair(oldIndex, newIndex)
        }
    }

    private static func key(_ paragraph: Paragraph) -> TextKey {
        TextKey(paragraph.text.isEmpty ? paragraph.line : paragraph.text)
    }

    /// Marks the longest subsequence of pairs whose old indices increase (patience-style
    /// longest increasing subsequence, O(k log k)).
    private mutating func markBackbone() {
        let paired = oldIndexOfNew.indices.filter { oldIndexOfNew[$0] != nil }
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
        keepsOrder = Array(repeating: false, count: oldIndexOfNew.count)
        var position = tails.last ?? -1
        while position >= 0 {
            keepsOrder[paired[position]] = true
            position = predecessor[position]
        }
    }

    private mutating func pairBySimilarity(_ old: [Paragraph], _ new: [Paragraph]) {
        var previousOld = -1
        var newIndex = 0
        while newIndex < new.count {
            if oldIndexOfNew[newIndex] != nil {
                if keepsOrder[newIndex] { previousOld = oldIndexOfNew[newIndex]! }
                newIndex += 1
                continue
            }
            // The gap: new paragraphs up to the next backbone pair, old ones up to its mate.
            var gapEnd = newIndex
            while gapEnd < new.count, !(oldIndexOfNew[gapEnd] != nil && keepsOrder[gapEnd]) { gapEnd += 1 }
            let nextOld = gapEnd < new.count ? oldIndexOfNew[gapEnd]! : old.count
            var candidates = ((previousOld + 1)..<max(previousOld + 1, nextOld)).filter { newIndexOfOld[$0] == nil }
            for gapIndex in newIndex..<gapEnd where oldIndexOfNew[gapIndex] == nil && !candidates.isEmpty {
                var best: (similarity: Double, position: Int)?
                for position in 0..<min(candidates.count, Self.similarityWindow) {
                    let similarity = WordDiff.similarity(old[candidates[position]].text, new[gapIndex].text)
                    if similarity >= Self.minimumSimilarity, similarity > (best?.similarity ?? 0) {
                        best = (similarity, position)
                    }
                }
                guard let best else { continue }
                pair(candidates[best.position], gapIndex)
                // Keep the order: old paragraphs skipped over are not offered to later new ones.
                candidates.removeFirst(best.position + 1)
            }
            newIndex = gapEnd
        }
    }
}

/// A text as a dictionary key compared byte for byte. `String`'s own hashing normalises to
/// NFC first, which costs more than the rest of alignment on large drafts, and two texts
/// that differ only in normalisation are different submissions anyway.
struct TextKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: TextKey, b: TextKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}
