import PropertyBased
import Testing
@testable import ConcordText

/// The raw edit script (stages 1–4) against a naive longest-common-subsequence oracle.
@Suite struct TokenDiffTests {
    /// Textbook O(N·M) dynamic programme: the length of a longest common subsequence.
    static func lcsLength(_ a: [Int32], _ b: [Int32]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The script is well formed: hunks in order and non-empty, gaps of equal length on
    /// both sides holding equal ids.
    static func expectWellFormed(_ script: EditScript, _ diff: TokenDiff) {
        #expect(script.oldCount == diff.oldIDs.count && script.newCount == diff.newIDs.count)
        var old = 0, new = 0
        for hunk in script.hunks {
            #expect(!hunk.old.isEmpty || !hunk.new.isEmpty)
            #expect(hunk.old.lowerBound - old == hunk.new.lowerBound - new)
            for offset in 0 ..< max(0, hunk.old.lowerBound - old) {
                #expect(diff.oldIDs[old + offset] == diff.newIDs[new + offset])
            }
            old = hunk.old.upperBound
            new = hunk.new.upperBound
        }
        #expect(script.oldCount - old == script.newCount - new)
        for offset in 0 ..< max(0, script.oldCount - old) {
            #expect(diff.oldIDs[old + offset] == diff.newIDs[new + offset])
        }
    }

    @Test func rawScriptKeepsALongestCommonSubsequence() async {
        await propertyCheck(count: 400, input: TextGen.repetitive, TextGen.repetitive) { a, b in
            let diff = TokenDiff(old: TokenisedText(a), new: TokenisedText(b))
            let script = diff.rawEditScript()
            Self.expectWellFormed(script, diff)
            #expect(script.keptCount == Self.lcsLength(diff.oldIDs, diff.newIDs))
        }
    }

    @Test func rawScriptIsOptimalOnEditedSeedParagraphs() async {
        await propertyCheck(count: 100, input: TextGen.seedEdits) { pair in
            let diff = TokenDiff(old: TokenisedText(pair.0), new: TokenisedText(pair.1))
            let script = diff.rawEditScript()
            Self.expectWellFormed(script, diff)
            #expect(script.keptCount == Self.lcsLength(diff.oldIDs, diff.newIDs))
        }
    }

    @Test func cleanedScriptIsStillWellFormed() async {
        await propertyCheck(count: 300, input: TextGen.prose, TextGen.prose) { a, b in
            let diff = TokenDiff(old: TokenisedText(a), new: TokenisedText(b))
            Self.expectWellFormed(diff.cleanedUp(diff.rawEditScript()), diff)
        }
    }

    @Test func foldedEqualTokensShareAnID() {
        let diff = TokenDiff(old: TokenisedText("l'UIT\u{00A0}: mise en œuvre"), new: TokenisedText("l’UIT : mise en oeuvre"))
        #expect(diff.oldIDs == diff.newIDs)
        #expect(diff.rawEditScript().hunks.isEmpty)
    }

    @Test func trimmingFindsCommonEnds() {
        let ends = TokenDiff.commonEnds([1, 2, 3, 4], [1, 2, 9, 3, 4])
        #expect(ends.prefix == 2 && ends.suffix == 2)
        let overlapping = TokenDiff.commonEnds([1, 1], [1, 1, 1])
        #expect(overlapping.prefix + overlapping.suffix == 2)
    }
}
