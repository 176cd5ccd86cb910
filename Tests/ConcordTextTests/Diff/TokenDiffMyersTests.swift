import Testing
@testable import ConcordText
import TestSupport

/// The search on inputs that would make an uncapped diff quadratic. These check that it
/// finishes with a correct answer; how fast is the benchmark's business, not the tests'.
@Suite struct TokenDiffMyersTests {
    static func words(_ count: Int, prefix: String) -> String {
        (0 ..< count).map { "\(prefix)\($0)" }.joined(separator: " ")
    }

    @Test func disjointParagraphsBecomeOneReplacement() {
        let old = Self.words(3000, prefix: "a"), new = Self.words(3000, prefix: "b")
        let diff = TokenDiff(old: TokenisedText(old), new: TokenisedText(new))
        let raw = diff.rawEditScript()
        // Only the shared spaces can be kept.
        #expect(raw.keptCount == 2999)
        let spans = WordDiff.spans(from: old, to: new)
        #expect(spans.map(\.change) == [.delete, .insert])
    }

    @Test func shuffledParagraphRebuildsBothSides() {
        var rng = SplitMix64(seed: 7)
        let words = SeedCorpus.singleParagraph(bytes: 20_000, seed: 1).split(separator: " ")
        let old = words.joined(separator: " "), new = words.shuffled(using: &rng).joined(separator: " ")
        let spans = WordDiff.spans(from: old, to: new)
        #expect(sameBytes(spans.oldText, old) && sameBytes(spans.newText, new))
    }

    @Test func costCapStillGivesAValidScriptPastTheCap() {
        // Many tokens, edits everywhere, few distinct ids: past the cost cap the search
        // falls back to furthest-point splits, which must still pair equal ids.
        var rng = SplitMix64(seed: 3)
        let alphabet = ["x", "y", "z", " "]
        let old = (0 ..< 6000).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        let new = (0 ..< 6000).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        let diff = TokenDiff(old: TokenisedText(old), new: TokenisedText(new))
        let script = diff.rawEditScript()
        TokenDiffTests.expectWellFormed(script, diff)
        #expect(script.keptCount > 0)
    }

    @Test func longParagraphWithScatteredEditsKeepsAlmostEverything() {
        var rng = SplitMix64(seed: 11)
        let old = SeedCorpus.singleParagraph(bytes: 200_000, seed: 2)
        let new = RandomText.mutated(old, edits: 40, vocabulary: Vocabulary.french, using: &rng)
        let spans = WordDiff.spans(from: old, to: new)
        #expect(sameBytes(spans.oldText, old) && sameBytes(spans.newText, new))
        let changed = spans.filter { $0.change != .same && !$0.isFormattingOnly }.reduce(0) { $0 + $1.text.utf8.count }
        #expect(changed < 4_000, "a few dozen word edits should not become a rewrite")
    }
}
