import PropertyBased
import Testing
import ConcordText

@Suite struct WordDiffSimilarityTests {
    @Test func identicalTextsAreFullySimilar() async {
        await propertyCheck(count: 100, input: TextGen.prose) { text in
            #expect(WordDiff.similarity(text, text) == 1)
        }
    }

    @Test func similarityIsSymmetricAndBounded() async {
        await propertyCheck(count: 200, input: TextGen.prose, TextGen.prose) { a, b in
            let forward = WordDiff.similarity(a, b), backward = WordDiff.similarity(b, a)
            #expect(forward == backward)
            #expect((0 ... 1).contains(forward))
        }
    }

    @Test func formattingDoesNotLowerSimilarity() {
        #expect(WordDiff.similarity("mise en œuvre par l'UIT\u{00A0}:", "mise en oeuvre par l’UIT :") == 1)
    }

    @Test func similarityRanksAnAmendmentAboveAnUnrelatedParagraph() {
        let base = "Le Conseil est invité à prendre note des travaux du GTC sur le SMSI."
        let amended = "Le Conseil est invité à approuver les travaux du GTC sur le SMSI."
        let unrelated = "Les Vice-Présidents ont été élus par acclamation lors de la réunion."
        #expect(WordDiff.similarity(base, amended) > 0.7)
        #expect(WordDiff.similarity(base, unrelated) < 0.3)
        #expect(WordDiff.similarity("a b c", "x y z") == 0)
        #expect(WordDiff.similarity("", "mot") == 0)
    }
}
