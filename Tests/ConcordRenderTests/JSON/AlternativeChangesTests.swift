@testable import ConcordRender
import ConcordText
import Testing
import TestSupport

/// An alternative's redline is stored as its changes at places in the base
/// (`ConsolidationReport.ChangeJSON`) and read back over the base: the round trip gives the
/// base and the alternative back, on random multilingual texts and mutations.
@Suite struct AlternativeChangesTests {
    @Test(arguments: 0 ..< 200)
    func changesReadBackOverTheBaseGiveTheRedlineAgain(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let base = RandomText.text(words: Int.random(in: 0 ... 40, using: &rng), using: &rng)
        let alternative = RandomText.mutated(base, edits: Int.random(in: 0 ... 6, using: &rng), using: &rng)
        let redline = WordDiff.spans(from: base, to: alternative).map { AttributedSpan(text: $0.text, change: $0.change, by: ["CEPT"]) }
        let changes = ConsolidationReport.ChangeJSON.changes(of: redline)
        #expect(changes.count <= redline.filter { $0.change != .same }.count, "one change per run of changed spans at most")
        let again = ConsolidationReport.ChangeJSON.spans(of: changes, over: base)
        #expect(again.map { $0.change == .insert ? "" : $0.text }.joined() == base, "the base, kept and deleted")
        #expect(again.map { $0.change == .delete ? "" : $0.text }.joined() == alternative, "the alternative, kept and inserted")
        for kind in [Change.delete, .insert] {
            #expect(again.filter { $0.change == kind }.map(\.text).joined() == redline.filter { $0.change == kind }.map(\.text).joined(),
                    "the same words \(kind)d, in order (each run's deletion now before its insertion)")
        }
    }
}
