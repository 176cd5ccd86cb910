import Testing
@testable import ConcordText

@Suite struct TokenDiffCleanupTests {
    static func rendered(_ old: String, _ new: String) -> [String] {
        WordDiffTests.rendered(WordDiff.spans(from: old, to: new))
    }

    @Test func rewriteThresholdIsExclusive() {
        // 3 of 5 words replaced on each side: 6 of 10 tokens, exactly the threshold.
        #expect(TokenDiff.wholeRewriteShare == 0.6)
        #expect(Self.rendered("un deux trois quatre cinq", "one two three quatre cinq")
                == ["[-un deux trois-]", "{+one two three+}", " quatre cinq"])
        // 4 of 5: past it, one replacement.
        #expect(Self.rendered("un deux trois quatre cinq", "one two three four cinq")
                == ["[-un deux trois quatre cinq-]", "{+one two three four cinq+}"])
    }

    @Test func lonelySpaceBetweenChangesIsAbsorbed() {
        #expect(Self.rendered("le Conseil du SMSI et les ODD de 2030", "le Secrétariat général du SMSI et les ODD de 2030")
                == ["le ", "[-Conseil-]", "{+Secrétariat général+}", " du SMSI et les ODD de 2030"])
    }

    @Test func longWordBetweenSmallChangesIsKept() {
        // The kept word is longer than the changes around it: absorbing it would hide it.
        #expect(Self.rendered("a Organisation b c d e f g h", "x Organisation y c d e f g h")
                == ["[-a-]", "{+x+}", " Organisation ", "[-b-]", "{+y+}", " c d e f g h"])
    }

    @Test func repeatedWordInsertionSitsAtTheFirstWordStart() {
        #expect(Self.rendered("voir le rapport", "voir le le rapport") == ["voir ", "{+le +}", "le rapport"])
        #expect(Self.rendered("voir le le rapport", "voir le rapport") == ["voir ", "[-le -]", "le rapport"])
    }

    @Test func formattingInsideAbsorbedGapBecomesPartOfTheChange() {
        let spans = WordDiff.spans(from: "Conseil\u{00A0}approuvé et ce", to: "Secrétariat noté et ce")
        #expect(spans.oldText == "Conseil\u{00A0}approuvé et ce" && spans.newText == "Secrétariat noté et ce")
        #expect(spans.allSatisfy { !$0.isFormattingOnly })
    }
}
