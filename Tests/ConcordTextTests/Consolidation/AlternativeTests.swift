@testable import ConcordText
import Testing
import TestSupport

/// An alternative the merge makes holds the member's change (`Alternative.Content.proposed`);
/// one read back from a record holds strings. Both must say the same thing the same way.
@Suite struct AlternativeTests {
    @Test(arguments: 0 ..< 200)
    func anAlternativeHeldAsAChangeIsTheOneWrittenAsStrings(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let words = RandomText.text(words: Int.random(in: 1 ... 30, using: &rng), using: &rng)
        let old = Paragraph(id: ParagraphID(rawValue: "p1")!, line: "1\t" + words)
        let new = Paragraph(id: ParagraphID(rawValue: "p1")!, line: "1\t" + RandomText.mutated(words, edits: Int.random(in: 1 ... 4, using: &rng), using: &rng))
        guard !old.hasSameText(as: new) else { return }
        let change = ParagraphDiff.Change(pairing: old, with: new, redline: ParagraphDiff.Change.redline(from: old, to: new), moved: false,
                                          reportingFormatting: false)
        let held = Alternative(op: .mod, by: ["CEPT", "F"], change: change, keepingSpans: false, reasons: ["CEPT": "why"], supporters: ["D"])
            .keepingSpans()
        let written = Alternative(op: .mod, by: ["CEPT", "F"], text: new.text, reasons: ["CEPT": "why"], supporters: ["D"],
                                  spans: WordDiff.spans(from: old.text, to: new.text))
        #expect(held == written && held.hashValue == written.hashValue)
        #expect(held.text == new.text && held.spans == written.spans && held.hasSpans)
        var heldBytes: [UInt8] = [], writtenBytes: [UInt8] = []
        held.forEachSpan { heldBytes += [$0 == .insert ? 1 : 0] + Array($2) }
        written.forEachSpan { writtenBytes += [$0 == .insert ? 1 : 0] + Array($2) }
        #expect(heldBytes == writtenBytes, "the same spans, read as bytes")
        #expect(held.withTextUTF8 { Array($0) } == Array(new.text.utf8))

        let bare = Alternative(op: .mod, by: ["CEPT", "F"], change: change, keepingSpans: false, reasons: ["CEPT": "why"], supporters: ["D"])
        #expect(!bare.hasSpans && bare.spans.isEmpty && bare != held, "no redline kept")
        var edited = held
        edited.text = "x"
        #expect(edited.text == "x" && edited.spans == held.spans && edited != held, "edited, it holds strings")
    }
}
