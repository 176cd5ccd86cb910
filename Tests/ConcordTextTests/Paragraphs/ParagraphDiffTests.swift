@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

@Suite struct ParagraphDiffTests {
    func parse(_ source: String) throws -> DraftText { try DraftText(parsing: Array(source.utf8)) }

    /// A seed-derived draft and a version of it edited at paragraph and word level: paragraphs
    /// inserted, deleted, moved, relabelled and reworded, NBSP and U+2011 swapped in.
    static func editedPair(seed: UInt64) -> (old: String, new: String) {
        var rng = SplitMix64(seed: seed)
        let old = SeedCorpus.draft(bytes: Int.random(in: 200...3000, using: &rng), seed: seed)
        var lines = old.split(separator: "\n").map(String.init)
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            let index = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: lines.insert("9bis\t" + RandomText.text(words: 12, using: &rng), at: index)
            case 1 where lines.count > 1: lines.remove(at: index)
            case 2: lines.append(lines.remove(at: index))
            case 3: lines[index] = "\(index + 50)\t" + (lines[index].split(separator: "\t", maxSplits: 1).last.map(String.init) ?? "")
            default: lines[index] = RandomText.mutated(lines[index], edits: 3, using: &rng)
            }
        }
        return (old, lines.joined(separator: "\n") + (Bool.random(using: &rng) ? "\n" : ""))
    }

    @Test func applyingTheDiffToItsOldSideGivesTheNewSideByteForByte() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...Int.max)) { seed in
            let (oldSource, newSource) = Self.editedPair(seed: UInt64(seed))
            let old = try! parse(oldSource), new = try! parse(newSource)
            let diff = ParagraphDiff(from: old, to: new)
            #expect(diff.applied(to: old).plainForm() == newSource)
            for change in diff.changes {
                #expect(change.spans.oldText == (change.old?.text ?? ""), "\(change.op) \(change.id)")
                #expect(change.spans.newText == (change.new?.text ?? ""), "\(change.op) \(change.id)")
            }
            // Every old paragraph and every new paragraph appears exactly once.
            #expect(diff.changes.filter { $0.old != nil }.count == old.paragraphs.count)
            #expect(diff.changes.filter { $0.new != nil }.count == new.paragraphs.count)
        }
    }

    /// What renderers of bytes read (`forEachSpan`) is what `spans` says, span for span.
    @Test func eachSpanAsBytesIsTheSpan() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let (oldSource, newSource) = Self.editedPair(seed: UInt64(seed))
            let old = try! parse(oldSource), new = try! parse(newSource)
            // Texts read from a file are slices of it; texts made in memory are strings.
            let newOfStrings = DraftText(paragraphs: new.paragraphs.map { Paragraph(id: $0.id, line: $0.line) })
            for (old, new) in [(old, new), (old, newOfStrings)] {
                for change in ParagraphDiff(from: old, to: new).changes {
                    var read: [Span] = []
                    change.forEachSpan { read.append(Span(text: String(decoding: $2, as: UTF8.self), change: $0, isFormattingOnly: $1)) }
                    #expect(read == change.spans, "\(change.op) \(change.id)")
                }
            }
        }
    }

    @Test func aTextAgainstItselfIsAllNOC() async {
        await propertyCheck(count: 50, input: Gen.int(in: 0...Int.max)) { seed in
            let text = try! parse(SeedCorpus.draft(bytes: 2000, seed: UInt64(seed)))
            let diff = ParagraphDiff(from: text, to: text)
            #expect(diff.changes.allSatisfy { $0.op == .noc && !$0.isRelabelled })
            #expect(diff.changes.count == text.paragraphs.count)
        }
    }

    @Test func theSeedAgainstItselfIsAllNOC() throws {
        let seed = try DraftText(parsing: Fixtures.seedBytes)
        let diff = ParagraphDiff(from: seed, to: seed)
        #expect(diff.counts == [.noc: seed.paragraphs.count])
    }

    @Test func classifiesEachKindOfChange() throws {
        let old = try parse("""
            1\tKeep this paragraph as it stands.
            2\tMove me to the end of the text.
            3\tThe Council shall report annually.
            4\tDelete this one entirely please.
            5\tThis one stays here too.
            6\tLast one stays as well.

            """)
        let new = try parse("""
            1\tKeep this paragraph as it stands.
            3\tThe Council shall report every two years.
            5\tThis one stays here too.
            6\tLast one stays as well.
            7\tMove me to the end of the text.
            8\tA brand new provision on something else.

            """)
        let diff = ParagraphDiff(from: old, to: new)
        #expect(diff.changes.map(\.op) == [.noc, .mod, .sup, .noc, .noc, .move, .add])
        #expect(diff.changes[5].isRelabelled)
        #expect(diff.changes[5].label?.rawValue == "7")
        let mod = diff.changes[1]
        #expect(mod.spans.filter { $0.change == .delete }.map(\.text).joined().contains("annually"))
        #expect(mod.spans.filter { $0.change == .insert }.map(\.text).joined().contains("every two years"))
        // Ids of the old text carry over to the new.
        #expect(diff.new.paragraphs[0].id == diff.changes[0].id)
        #expect(diff.changes[5].id == old.withMissingIDsAssigned().paragraphs[1].id)
    }

    @Test func relabellingAloneIsNOCButReported() throws {
        let diff = ParagraphDiff(from: try parse("4.1\tThe text.\n"), to: try parse("4.2\tThe text.\n"))
        #expect(diff.changes.map(\.op) == [.noc])
        #expect(diff.changes[0].isRelabelled)
    }

    @Test func formattingOnlyChangesAreNOCUnlessAskedFor() throws {
        let old = try parse("1\tLa Résolution 140 de l'UIT.\n"), new = try parse("1\tLa Résolution\u{00A0}140 de l’UIT.\n")
        #expect(ParagraphDiff(from: old, to: new).changes.map(\.op) == [.noc])
        #expect(ParagraphDiff(from: old, to: new, reportingFormatting: true).changes.map(\.op) == [.mod])
        // Either way the spans hold the exact bytes of both sides.
        #expect(ParagraphDiff(from: old, to: new).changes[0].spans.newText == new.paragraphs[0].text)
    }

    @Test func emptyTextsAreFine() throws {
        let empty = try parse("")
        #expect(ParagraphDiff(from: empty, to: empty).changes.isEmpty)
        let one = try parse("1\tOne.\n")
        #expect(ParagraphDiff(from: empty, to: one).changes.map(\.op) == [.add])
        #expect(ParagraphDiff(from: one, to: empty).changes.map(\.op) == [.sup])
    }
}

/// Key hashes computed ahead (`DraftText.hashingKeys()`) are the ones a diff computes itself,
/// and go when the paragraphs change.
@Suite struct HashedKeysTests {
    @Test func aDiffToAHashedTextIsTheSameDiff() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let (oldSource, newSource) = ParagraphDiffTests.editedPair(seed: UInt64(seed))
            let old = try! DraftText(parsing: Array(oldSource.utf8)), new = try! DraftText(parsing: Array(newSource.utf8))
            let hashed = new.hashingKeys()
            // Checked directly: a diff given wrong hashes may still pair equal texts in stage 5.
            #expect(hashed.keyHashes == ContentHash.ofKeys(new.paragraphs))
            #expect(hashed == new)
            #expect(ParagraphDiff(from: DiffBase(old), to: hashed).changes == ParagraphDiff(from: DiffBase(old), to: new).changes)
            #expect(DiffBase(old.hashingKeys()).identified == DiffBase(old).identified)
        }
    }

    @Test func changingTheParagraphsDropsTheHashes() throws {
        var text = try DraftText(parsing: Array("1\tUn.\n2\tDeux.\n".utf8)).hashingKeys()
        #expect(text.keyHashes == ContentHash.ofKeys(text.paragraphs))
        text.paragraphs[1].text = "Trois."
        #expect(text.keyHashes == nil)
    }
}
