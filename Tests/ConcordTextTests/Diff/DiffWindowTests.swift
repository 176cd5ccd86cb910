import PropertyBased
import Testing
@testable import ConcordText
import TestSupport

/// Diffing only the window between the common prefix and suffix is an optimisation: it
/// must give exactly the spans that diffing the whole texts gives.
@Suite struct DiffWindowTests {
    static func expectSameAsWhole(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let windowed = WordDiff.spans(from: old, to: new, windowed: true)
        let whole = WordDiff.spans(from: old, to: new, windowed: false)
        #expect(windowed.count == whole.count && zip(windowed, whole).allSatisfy {
            sameBytes($0.text, $1.text) && $0.change == $1.change && $0.isFormattingOnly == $1.isFormattingOnly
        }, "\(WordDiffTests.rendered(windowed)) != \(WordDiffTests.rendered(whole))", sourceLocation: sourceLocation)
    }

    @Test func windowGivesTheWholeTextAnswerOnSeedEdits() async {
        await propertyCheck(count: 300, input: TextGen.seedEdits) { pair in
            Self.expectSameAsWhole(pair.0, pair.1)
        }
    }

    @Test func windowGivesTheWholeTextAnswerOnProse() async {
        await propertyCheck(count: 300, input: TextGen.prose, TextGen.prose) { a, b in
            Self.expectSameAsWhole(a, b)
            Self.expectSameAsWhole(a, a + " " + b)
            Self.expectSameAsWhole(b + " " + a, a)
        }
    }

    @Test func repeatedWordsAtTheCutFallBackToTheWholeText() {
        // The inserted "le " can slide far to the left, past where the window starts.
        let old = "voir " + String(repeating: "le ", count: 30) + "rapport"
        Self.expectSameAsWhole(old, "voir " + String(repeating: "le ", count: 31) + "rapport")
        Self.expectSameAsWhole("un mot " + String(repeating: "de ", count: 20) + "fin", String(repeating: "de ", count: 21) + "fin")
    }

    @Test func cutsFallOnlyBetweenAnASCIIWordAndASCIISpace() {
        let head = "Le Conseil de l'Union internationale des télécommunications est invité à prendre "
        let tail = " des travaux du Groupe de travail du Conseil sur le SMSI et les ODD."
        let window = DiffWindow(old: .string(head + "note" + tail), new: .string(head + "acte" + tail))
        #expect(window.prefix > 0 && window.suffix > 0)
        #expect(window.prefix <= head.utf8.count - DiffWindow.contextMargin)
        let old = Array((head + "note" + tail).utf8)
        #expect((old[window.prefix - 1] == 0x20) != (old[window.prefix] == 0x20))
        #expect((old[old.count - window.suffix - 1] == 0x20) != (old[old.count - window.suffix] == 0x20))
        let cjk = DiffWindow(old: .string("国际电信联盟决议国际电信联盟决议"), new: .string("国际电信联盟新决议国际电信联盟决议"))
        #expect(cjk.isWholeText)
    }
}
