import Testing
@testable import ConcordText

/// Fixed vectors, in the spirit of git's t/lib-diff-alternative.sh and node-diff3's tests:
/// small inputs whose answers were worked out by hand once and must not drift.
@Suite struct RegressionVectorTests {
    /// Myers' own example (ABCABBA → CBABAC, D = 5), spelled in ideographs so that every
    /// character is a token.
    @Test func myersPaperExample() {
        let diff = TokenDiff(old: TokenisedText("甲乙丙甲乙乙甲"), new: TokenisedText("丙乙甲乙甲丙"))
        let raw = diff.rawEditScript()
        #expect(raw.keptCount == 4)
        #expect(raw.hunks.reduce(0) { $0 + $1.old.count + $1.new.count } == 5)
    }

    /// A moved sentence: the raw script keeps the longer side in place and the spans
    /// report the other as deleted and re-inserted.
    @Test func movedClause() {
        let old = "Le Conseil approuve. Le Groupe recommande une étude approfondie du sujet."
        let new = "Le Groupe recommande une étude approfondie du sujet. Le Conseil approuve."
        let spans = WordDiff.spans(from: old, to: new)
        #expect(WordDiffTests.rendered(spans) == ["[-Le Conseil approuve. -]", "Le Groupe recommande une étude approfondie du sujet.", "{+ Le Conseil approuve.+}"])
    }

    /// Only whitespace changed: a run of two spaces folds to one, so it is formatting.
    @Test func doubledSpaceIsFormatting() {
        #expect(WordDiffTests.rendered(WordDiff.spans(from: "a b", to: "a  b")) == ["a", "[-~ -]", "{+~  +}", "b"])
    }

    /// Changes at both ends and in the middle; the one-letter equality between the last
    /// two changes is no longer than either, so it is absorbed (diff-match-patch's rule).
    @Test func changesAtBothEndsAndMiddle() {
        #expect(WordDiffTests.rendered(WordDiff.spans(from: "a b c d e f", to: "a c d f g"))
                == ["a ", "[-b -]", "c d ", "[-e f-]", "{+f g+}"])
    }

    /// An insertion of a duplicated block is reported once, not as confetti, and slides to
    /// the best boundary it can reach: here the start of the paragraph.
    @Test func duplicatedBlock() {
        let old = "considérant a) que; considérant b) que"
        let new = "considérant a) que; considérant a) que; considérant b) que"
        #expect(WordDiffTests.rendered(WordDiff.spans(from: old, to: new))
                == ["{+considérant a) que; +}", "considérant a) que; considérant b) que"])
    }

    @Test func emptyAndWhitespaceInputs() {
        #expect(WordDiff.spans(from: "", to: "").isEmpty)
        #expect(WordDiffTests.rendered(WordDiff.spans(from: " ", to: "\t")) == ["[- -]", "{+\t+}"])
        #expect(WordDiffTests.rendered(WordDiff.spans(from: " ", to: "\u{00A0}")) == ["[-~ -]", "{+~\u{00A0}+}"])
    }

    /// `é` precomposed and `e` with a combining accent are equal as `String`s but not as
    /// bytes: the diff is of bytes, so it must report the change and rebuild both sides.
    @Test func canonicallyEqualTextsThatDifferInBytesAreDiffed() {
        let precomposed = "mis en \u{E9}vidence", decomposed = "mis en e\u{301}vidence"
        let spans = WordDiff.spans(from: precomposed, to: decomposed)
        #expect(Array(spans.oldText.utf8) == Array(precomposed.utf8))
        #expect(Array(spans.newText.utf8) == Array(decomposed.utf8))
        #expect(spans.contains { $0.change != .same })
    }
}
