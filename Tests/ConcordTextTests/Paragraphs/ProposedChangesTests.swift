@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

@Suite struct ProposedChangesTests {
    /// A stored base (ids on every line, some blank lines) and a member's file: lines edited in
    /// place (reworded, relabelled, NBSP swapped in, made blank, given another id) and, for
    /// some seeds, lines inserted, deleted or moved, or the last line break dropped.
    static func storedPair(seed: UInt64) -> (base: DraftText, baseBytes: [UInt8], member: [UInt8]) {
        var rng = SplitMix64(seed: seed)
        var source = SeedCorpus.draft(bytes: Int.random(in: 300...3000, using: &rng), seed: seed).split(separator: "\n").map(String.init)
        if source.count > 3 { source.insert("", at: 2) }
        let base = try! DraftText(parsing: Array((source.joined(separator: "\n") + "\n").utf8)).withMissingIDsAssigned()
        let baseBytes = base.storedBytes()
        var lines = String(decoding: baseBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let editable = lines.indices.filter { lines[$0].hasPrefix("{#") }
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let index = editable.randomElement(using: &rng)!
            guard lines[index].hasPrefix("{#") else { continue }   // made blank or bare already
            let (head, body) = lines[index].firstIndex(of: "\t").map { (lines[index][...$0], String(lines[index][lines[index].index(after: $0)...])) }
                ?? (lines[index][...lines[index].firstIndex(of: " ")!], String(lines[index].split(separator: " ", maxSplits: 1).last!))
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: lines[index] = head + body.replacingOccurrences(of: " ", with: "\u{A0}")
            case 1: lines[index] = head.replacingOccurrences(of: "} ", with: "} 77bis ") + body
            case 2: lines[index] = "   "
            case 3: lines[index] = "{#pdeadbee} " + body   // another id: read whole
            case 4: lines[index] = body
            default: lines[index] = head + RandomText.mutated(body, edits: 2, using: &rng)
            }
        }
        switch seed % 8 {
        case 0: lines.insert("{#p0000abcd} 9bis\t" + RandomText.text(words: 6, using: &rng), at: Int.random(in: 0..<lines.count, using: &rng))
        case 1 where editable.count > 2: lines.remove(at: editable[1])
        case 2 where editable.count > 2: lines.append(lines.remove(at: editable[0])); lines.swapAt(lines.count - 1, lines.count - 2)
        case 3: if lines.last == "" { lines.removeLast() }
        default: break
        }
        return (base, baseBytes, Array(lines.joined(separator: "\n").utf8))
    }

    @Test func aPatchGivesTheMemberFileBackByteForByteAndSurvivesItsEncoding() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
            let (_, baseBytes, member) = Self.storedPair(seed: UInt64(seed))
            let patch = LinePatch(base: baseBytes, member: member)
            #expect(patch.applied(to: baseBytes) == member)
            #expect(LinePatch(decoding: patch.encoded()) == patch)
            #expect(patch.fits(baseLineCount: baseBytes.count { $0 == UInt8(ascii: "\n") } + 1))
        }
    }

    @Test func aDamagedPatchFileIsNotRead() {
        let patch = LinePatch(base: Array("a\nb\nc\n".utf8), member: Array("a\nB\nc\n".utf8))
        let encoded = patch.encoded()
        #expect(LinePatch(decoding: Array(encoded.dropLast())) == nil)
        #expect(LinePatch(decoding: Array(encoded.dropFirst())) == nil)
        #expect(LinePatch(decoding: Array("concord-line-patch 1\n@ 1 1 9\nB\n".utf8)) == nil)
        #expect(LinePatch(decoding: Array("concord-line-patch 1\n@ 3 1 1\nx\n@ 1 1 1\ny\n".utf8)) == nil)
    }

    /// Read from the edited lines alone or from the whole diff, a member's changes are the same:
    /// the same paragraphs, ops, texts, labels, redlines and anchors, and the same counts.
    @Test func editedLinesReadAloneGiveWhatTheWholeDiffGives() async {
        var inPlace = 0
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let (base, baseBytes, member) = Self.storedPair(seed: UInt64(seed))
            let diffBase = DiffBase(base)
            let patch = LinePatch(base: baseBytes, member: member)
            for formatting in [false, true] {
                guard let text = try? DraftText(parsing: member, reusingParagraphsOf: diffBase) else { continue }
                let whole = ProposedChanges(ParagraphDiff(from: diffBase, to: text, reportingFormatting: formatting))
                guard let fast = ProposedChanges(inPlace: patch, base: diffBase, reportingFormatting: formatting) else {
                    // Read whole only when lines came, went or moved, or a line is no longer its paragraph.
                    #expect(!patch.isInPlace || whole.entries.contains { [.add, .sup, .move].contains($0.change.op) }
                        || patch.hunks.contains {
                            let line = String(decoding: $0.lines[0], as: UTF8.self)
                            return !line.hasPrefix("{#") || line.hasPrefix("{#pdeadbee}") || line.trimmingCharacters(in: .whitespaces).isEmpty
                        }, "an in-place edit of the same paragraph was read whole: \(patch.hunks.map { String(decoding: $0.lines[0].prefix(30), as: UTF8.self) })")
                    continue
                }
                inPlace += 1
                #expect(fast.counts == whole.counts)
                #expect(fast.entries.count == whole.entries.count)
                for (a, b) in zip(fast.entries, whole.entries) {
                    #expect(a.change == b.change && a.anchor == b.anchor, "paragraph \(a.change.id) differs")
                    #expect(a.change.spans == b.change.spans)
                    #expect(a.change.new?.gapBefore == b.change.new?.gapBefore)
                }
            }
        }
        #expect(inPlace > 80, "too few in-place edits to test the fast path: \(inPlace)")
    }

    /// Redlines kept from an earlier reading give the same changes as diffing again: kept
    /// from the whole diff, as `submit` keeps them, or from the edited lines, as a first
    /// consolidation does, and read back from their encoding. Redlines kept for other texts of
    /// the same paragraphs do not fit, and those are diffed again instead.
    @Test func keptRedlinesGiveWhatDiffingAgainGives() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in _ = Self.keptRedlinesAgree(seed: UInt64(seed)) }
        // Fixed seeds as well, so that how many texts have redlines to keep is known rather
        // than left to chance (43 of these 300).
        let used = (0 ..< 300).filter { Self.keptRedlinesAgree(seed: UInt64($0)) }.count
        #expect(used > 30, "too few texts with redlines to keep: \(used)")
    }

    /// Checks kept redlines against diffing again on the pair of `seed`; whether the text had
    /// redlines to keep.
    static func keptRedlinesAgree(seed: UInt64) -> Bool {
        let (base, baseBytes, member) = storedPair(seed: seed)
        let diffBase = DiffBase(base)
        let patch = LinePatch(base: baseBytes, member: member)
        guard let fresh = ProposedChanges(inPlace: patch, base: diffBase),
              let text = try? DraftText(parsing: member, reusingParagraphsOf: diffBase) else { return false }
        let whole = ProposedChanges(ParagraphDiff(from: diffBase, to: text))
        var kept = [StoredRedlines(whole), StoredRedlines(fresh)]
        // The same lines edited further: the same paragraphs, other texts.
        let further = LinePatch(hunks: patch.hunks.map {
            LinePatch.Hunk(baseStart: $0.baseStart, baseCount: $0.baseCount, lines: $0.lines.map { $0 + Array(" mot".utf8) })
        })
        if let otherChanges = ProposedChanges(inPlace: further, base: diffBase) { kept.append(StoredRedlines(otherChanges)) }
        for redlines in kept {
            guard let decoded = StoredRedlines(decoding: redlines.encoded()) else {
                Issue.record("seed \(seed): kept redlines not read back")
                return false
            }
            let read = ProposedChanges(inPlace: patch, base: diffBase, stored: decoded)
            #expect(read?.entries.count == fresh.entries.count, "seed \(seed)")
            for (a, b) in zip(read?.entries ?? [], fresh.entries) {
                #expect(a.change == b.change && a.change.spans == b.change.spans, "seed \(seed): paragraph \(a.change.id) differs")
            }
        }
        return !kept[0].isEmpty
    }

    /// Kept redlines cut short, changed or of another format are not read; a place that does
    /// not fit its texts is refused by the check, not trusted.
    @Test func damagedKeptRedlinesAreNotRead() throws {
        let old = Paragraph(id: ParagraphID(rawValue: "p1")!, line: "a b c")
        let new = Paragraph(id: ParagraphID(rawValue: "p1")!, line: "a x c")
        let changes = ProposedChanges(entries: [.init(change: ParagraphDiff.Change(pairing: old, with: new, redline: ParagraphDiff.Change.redline(from: old, to: new),
                                                                                   moved: false, reportingFormatting: false), anchor: nil)],
                                      counts: [.mod: 1], reportsFormatting: false)
        let encoded = StoredRedlines(changes).encoded()
        let read = try #require(StoredRedlines(decoding: encoded))
        #expect(read.redline(of: ParagraphID(rawValue: "p1")!, from: old, to: new) == changes.entries[0].change.redline)
        #expect(read.redline(of: ParagraphID(rawValue: "p1")!, from: old, to: Paragraph(id: ParagraphID(rawValue: "p1")!, line: "a yy c")) == nil, "another text")
        #expect(read.redline(of: ParagraphID(rawValue: "p2")!, from: old, to: new) == nil, "another paragraph")
        #expect(StoredRedlines(decoding: Array(encoded.dropLast())) == nil)
        #expect(StoredRedlines(decoding: Array(encoded.dropFirst())) == nil)
        for index in StoredRedlines.magic.count ..< encoded.count {
            var damaged = encoded
            damaged[index] ^= 0x10
            #expect(StoredRedlines(decoding: damaged) == nil, "byte \(index) changed")
        }
        // A place beyond its text, or kept text that differs, does not fit.
        let (a, b): ([UInt8], [UInt8]) = ([1, 2, 3], [1, 2, 4])
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                #expect(StoredRedlines.places([SpanPlace(.same, 0 ..< 2), SpanPlace(.delete, 2 ..< 3), SpanPlace(.insert, 2 ..< 3)], fit: a, b))
                #expect(!StoredRedlines.places([SpanPlace(.same, 0 ..< 9)], fit: a, a), "beyond the text")
                #expect(!StoredRedlines.places([SpanPlace(.same, 0 ..< 3)], fit: a, b), "kept bytes that differ")
                #expect(!StoredRedlines.places([SpanPlace(.same, 0 ..< 2)], fit: a, b), "texts not covered")
                #expect(!StoredRedlines.places([SpanPlace(.same, 0 ..< 2), SpanPlace(.delete, 1 ..< 3), SpanPlace(.insert, 2 ..< 3)], fit: a, b), "out of order")
            }
        }
    }

    /// The paragraphs a member touches, kept for the round's status, survive their encoding,
    /// labels with spaces included; a list cut short or damaged is not read.
    @Test func theTouchedParagraphsSurviveTheirEncoding() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
            let (base, _, member) = Self.storedPair(seed: UInt64(seed))
            guard let text = try? DraftText(parsing: member, reusingParagraphsOf: DiffBase(base)) else { return }
            var touched = ProposedChanges(ParagraphDiff(from: base, to: text)).touchedParagraphs
            touched.append(TouchedParagraph(id: ParagraphID(rawValue: "p0badcafe")!, op: .mod, label: Label("2 ter")))
            touched.append(TouchedParagraph(id: ParagraphID(rawValue: "p0badcaff")!, op: .sup, label: Label("")))
            let encoded = touched.encoded()
            #expect([TouchedParagraph](decoding: encoded) == touched)
            #expect([TouchedParagraph](decoding: Array(encoded.dropLast())) == nil)
            let cutAtALine = Array(encoded[...encoded.dropLast().lastIndex(of: UInt8(ascii: "\n"))!])
            #expect([TouchedParagraph](decoding: cutAtALine) == nil, "a list missing its last line")
        }
        #expect([TouchedParagraph](decoding: Array("concord-touched 1 1\nXYZ p0badcafe\n".utf8)) == nil)
        #expect([TouchedParagraph](decoding: Array("concord-touched 1 0\n".utf8)) == [])
        #expect([TouchedParagraph](decoding: Array("concord-touched 1x0\n".utf8)) == nil, "the count stands after a space")
    }
}
