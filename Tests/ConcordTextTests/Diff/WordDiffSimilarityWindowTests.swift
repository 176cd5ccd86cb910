@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

/// Similarity is computed on the `DiffWindow` with the common ends counted apart, and
/// alignment may stop at a lower bound: both must give the whole-text answer.
@Suite struct WordDiffSimilarityWindowTests {
    /// The whole-text Dice coefficient, as `similarity` computed it before windows.
    static func wholeTextSimilarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let first = TokenisedText(a), second = TokenisedText(b)
        var interner = TokenInterner(expectedTokens: first.count + second.count)
        let firstIDs = interner.ids(of: first), secondIDs = interner.ids(of: second)
        var unmatched = [Int32](repeating: 0, count: interner.count)
        var firstWords = 0, secondWords = 0, shared = 0
        for (index, id) in firstIDs.enumerated() where !first.isWhitespace(index) {
            unmatched[Int(id)] += 1
            firstWords += 1
        }
        for (index, id) in secondIDs.enumerated() where !second.isWhitespace(index) {
            secondWords += 1
            if unmatched[Int(id)] > 0 { unmatched[Int(id)] -= 1; shared += 1 }
        }
        guard firstWords + secondWords > 0 else { return 0 }
        return Double(2 * shared) / Double(firstWords + secondWords)
    }

    static func check(_ a: String, _ b: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let exact = wholeTextSimilarity(a, b)
        #expect(WordDiff.similarity(a, b) == exact, sourceLocation: sourceLocation)
        for enough in [0.5, ParagraphAlignment.confidentSimilarity] {
            let bounded = WordDiff.similarity(a, b, enoughAt: enough)
            #expect(bounded <= exact, sourceLocation: sourceLocation)
            if bounded < enough { #expect(bounded == exact, sourceLocation: sourceLocation) }
        }
    }

    @Test func seedEditsGiveTheWholeTextAnswer() async {
        await propertyCheck(count: 300, input: TextGen.seedEdits) { pair in Self.check(pair.0, pair.1) }
    }

    @Test func awkwardAndRepetitiveTextsGiveTheWholeTextAnswer() async {
        await propertyCheck(count: 300, input: TextGen.awkward, TextGen.awkward) { a, b in
            Self.check(a, b)
            Self.check(a, a + b)
            Self.check(b + a, a)
        }
        await propertyCheck(count: 300, input: TextGen.repetitive, TextGen.repetitive) { a, b in Self.check(a, b) }
    }

    @Test func aConfidentBoundIsReachedWithoutTheExactCount() {
        let base = SeedCorpus.paragraphs.max { $0.utf8.count < $1.utf8.count }!
        let amended = base.replacingOccurrences(of: "UIT", with: "Union")
        Self.check(base, amended)
        #expect(WordDiff.similarity(base, amended, enoughAt: ParagraphAlignment.confidentSimilarity)
                >= ParagraphAlignment.confidentSimilarity)
    }

    @Test func wordStartsNeverExceedTheExactCount() async {
        await propertyCheck(count: 300, input: TextGen.seedEdits) { pair in
            let window = DiffWindow(old: .string(pair.0), new: .string(pair.1))
            #expect(window.wordStartsOutside() <= window.nonWhitespaceTokensOutside())
        }
    }
}
