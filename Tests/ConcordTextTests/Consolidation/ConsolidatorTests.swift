@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

/// Builds drafts and proposals from lines, as members would write them.
enum Fixture {
    static func draft(_ lines: [String]) -> DraftText {
        try! DraftText(parsing: Array((lines.joined(separator: "\n") + "\n").utf8)).withMissingIDsAssigned()
    }

    /// `member`'s text: the base with `edit` applied to its lines (ids kept, as `draft show` gives them).
    static func proposal(_ member: String, _ base: DraftText, coSponsors: [String] = [], reasons: [ParagraphID: String] = [:],
                         _ edit: (inout [Paragraph]) -> Void) -> MemberProposal {
        var paragraphs = base.paragraphs
        edit(&paragraphs)
        let text = DraftText(paragraphs: paragraphs)
        return MemberProposal(member: member, coSponsors: coSponsors, diff: ParagraphDiff(from: base, to: text), reasons: reasons)
    }

    static func replacing(_ old: String, _ new: String, in index: Int) -> (inout [Paragraph]) -> Void {
        { paragraphs in paragraphs[index].text = paragraphs[index].text.replacingOccurrences(of: old, with: new) }
    }
}

@Suite struct ConsolidatorTests {
    let base = Fixture.draft([
        "resolves",
        "1\tthat ITU shall continue to take a leading role in the implementation of the WSIS outcomes;",
        "2\tto coordinate with the United Nations Group on the Information Society,",
        "3\tto invite Member States to contribute to the stocktaking process every year.",
    ])

    /// Paragraph 3 moved to stand first after the heading.
    static func moveThreeUp(_ paragraphs: inout [Paragraph]) { paragraphs.insert(paragraphs.remove(at: 3), at: 1) }
    /// Paragraph 3 moved to the very start.
    static func moveThreeFirst(_ paragraphs: inout [Paragraph]) { paragraphs.insert(paragraphs.remove(at: 3), at: 0) }

    @Test func aMoveEveryMoverAgreesOnIsAppliedAndCredited() {
        let result = consolidate([Fixture.proposal("RUS", base, coSponsors: ["ARM"], Self.moveThreeUp),
                                  Fixture.proposal("USA", base, Self.moveThreeUp),
                                  Fixture.proposal("F", base, Fixture.replacing("coordinate", "cooperate", in: 2))])
        #expect(result.paragraphs.map { $0.label?.rawValue ?? "" } == ["", "3", "1", "2"])
        let moved = result.paragraphs[1]
        #expect(moved.isMoved && moved.movedBy == ["RUS", "ARM", "USA"])
        #expect(!result.paragraphs[3].isMoved && result.paragraphs[3].status == .amended)
        #expect(result.draftText(shapedLike: base).paragraphs.map(\.id) == result.paragraphs.map(\.id))
    }

    @Test func movesToDifferentPlacesOrOfADeletedParagraphKeepTheBaseOrder() {
        let contested = consolidate([Fixture.proposal("RUS", base, Self.moveThreeUp), Fixture.proposal("USA", base, Self.moveThreeFirst)])
        #expect(contested.paragraphs.map(\.id) == base.paragraphs.map(\.id))
        #expect(!contested.paragraphs[3].isMoved && contested.paragraphs[3].movedBy == ["RUS", "USA"])
        // Moving is keeping it: against a deletion, a conflict for the chair.
        let deleted = consolidate([Fixture.proposal("RUS", base, Self.moveThreeUp), Fixture.proposal("USA", base) { $0.remove(at: 3) }])
        #expect(deleted.paragraphs.map(\.id) == base.paragraphs.map(\.id))
        #expect(deleted.paragraphs.allSatisfy { !$0.isMoved })
        #expect(deleted.paragraphs[3].status == .conflict)
        #expect(deleted.paragraphs[3].alternatives.map(\.op) == [.sup, .move])
        #expect(deleted.paragraphs[3].alternatives.map(\.by) == [["USA"], ["RUS"]])
    }

    @Test func theChairSettlesAContestedMove() {
        let proposals = [Fixture.proposal("RUS", base, Self.moveThreeUp), Fixture.proposal("USA", base, Self.moveThreeFirst)]
        let id = base.paragraphs[3].id!
        let fingerprint = consolidate(proposals).paragraphs[3].proposalsFingerprint
        func decided(_ outcome: Decision.Outcome) -> ConsolidatedText {
            consolidate(proposals, decisions: [Decision(paragraph: id, outcome: outcome, by: "CHAIR", at: "2022-02-20T10:00:00Z",
                                                        reason: nil, fingerprint: fingerprint)])
        }
        let usa = decided(.accept(member: "USA"))
        #expect(usa.paragraphs.first?.id == id && usa.paragraphs[0].isMoved && usa.paragraphs[0].movedBy == ["USA"])
        #expect(usa.paragraphs[0].decision?.isOutdated == false)
        #expect(decided(.keepBase).paragraphs.map(\.id) == base.paragraphs.map(\.id))
    }

    func consolidate(_ proposals: [MemberProposal], decisions: [Decision] = []) -> ConsolidatedText {
        let result = Consolidator.consolidate(base: base, proposals: proposals, decisions: decisions)
        for paragraph in result.paragraphs { Self.expectSpansRebuild(paragraph) }
        return result
    }

    static func expectSpansRebuild(_ paragraph: ConsolidatedParagraph, sourceLocation: SourceLocation = #_sourceLocation) {
        let new = paragraph.spans.filter { $0.change != .delete }.map(\.text).joined()
        let old = paragraph.spans.filter { $0.change != .insert }.map(\.text).joined()
        #expect(new == paragraph.text, "same+insert rebuild the text of \(paragraph.id)", sourceLocation: sourceLocation)
        #expect(old == paragraph.baseText, "same+delete rebuild the base of \(paragraph.id)", sourceLocation: sourceLocation)
        #expect(paragraph.spans.allSatisfy { ($0.change == .same) == $0.by.isEmpty }, sourceLocation: sourceLocation)
    }

    /// `é` precomposed and decomposed are equal as `String`s, not as bytes: a member who
    /// changed only the form has still changed the text, and two members who wrote the same
    /// word in the two forms made two proposals.
    @Test func textsEqualOnlyUnderUnicodeNormalisationStayApart() {
        let base = Fixture.draft(["1\tmise en \u{E9}vidence des r\u{E9}sultats"])
        let result = Consolidator.consolidate(base: base, proposals: [
            Fixture.proposal("RUS", base, Fixture.replacing("\u{E9}vidence", "e\u{301}vidence", in: 0)),
        ], decisions: [])
        #expect(result.paragraphs[0].status == .amended)
        #expect(Array(result.paragraphs[0].text.utf8) == Array("mise en e\u{301}vidence des r\u{E9}sultats".utf8))
        #expect(result.paragraphs[0].spans.contains { $0.change == .insert && $0.by == ["RUS"] })

        let competing = Consolidator.consolidate(base: base, proposals: [
            Fixture.proposal("CEPT", base, Fixture.replacing("r\u{E9}sultats", "cons\u{E9}quences", in: 0)),
            Fixture.proposal("CITEL", base, Fixture.replacing("r\u{E9}sultats", "conse\u{301}quences", in: 0)),
        ], decisions: [])
        #expect(competing.paragraphs[0].alternatives.count == 2, "one alternative per spelling: neither member's bytes are lost")
    }

    @Test func neighbouringWordsChangedByTwoMembersMergeEachCredited() {
        // diff3 and git merge-file conflict here; prose needs both.
        let result = consolidate([
            Fixture.proposal("RUS", base, coSponsors: ["ARM"], Fixture.replacing("take a", "play the", in: 1)),
            Fixture.proposal("CEPT", base, Fixture.replacing("leading role", "central role", in: 1)),
        ])
        let paragraph = result.paragraphs[1]
        #expect(paragraph.status == .amended)
        #expect(paragraph.text == "that ITU shall continue to play the central role in the implementation of the WSIS outcomes;")
        #expect(paragraph.spans.contains(AttributedSpan(text: "play the", change: .insert, by: ["RUS", "ARM"])))
        #expect(paragraph.spans.contains { $0.change == .insert && $0.text.contains("central") && $0.by == ["CEPT"] })
        #expect(result.conflicts.isEmpty)
    }

    @Test func identicalChangesAreCreditedJointly() {
        let result = consolidate([
            Fixture.proposal("RUS", base, Fixture.replacing("every year", "annually", in: 3)),
            Fixture.proposal("ARM", base, Fixture.replacing("every year", "annually", in: 3)),
        ])
        let paragraph = result.paragraphs[3]
        #expect(paragraph.status == .amended)
        #expect(paragraph.spans.filter { $0.change != .same }.allSatisfy { $0.by == ["ARM", "RUS"] })
    }

    @Test func overlappingDifferentChangesBecomeAlternatives() {
        let result = consolidate([
            Fixture.proposal("CEPT", base, reasons: [base.paragraphs[2].id!: "UNESCO co-leads"],
                             Fixture.replacing("Information Society,", "Information Society and UNESCO,", in: 2)),
            Fixture.proposal("CITEL", base, Fixture.replacing("Information Society,", "Information Society and ITU-D,", in: 2)),
        ])
        let paragraph = result.paragraphs[2]
        #expect(paragraph.status == .conflict)
        #expect(paragraph.text == base.paragraphs[2].text, "the base text is kept until the chair decides")
        #expect(paragraph.alternatives.map(\.by) == [["CEPT"], ["CITEL"]])
        #expect(paragraph.alternatives[0].reasons == ["CEPT": "UNESCO co-leads"])
        #expect(paragraph.alternatives[1].text.hasSuffix("and ITU-D,"))
    }

    @Test func suppressionAgainstModificationIsAConflictAndByAllADeletion() {
        let sup = Fixture.proposal("USA", base) { $0.remove(at: 2) }
        let mod = Fixture.proposal("F", base, Fixture.replacing("coordinate", "cooperate", in: 2))
        let conflict = consolidate([sup, mod]).paragraphs[2]
        #expect(conflict.status == .conflict)
        #expect(Set(conflict.alternatives.map(\.op)) == [.sup, .mod])
        let deleted = consolidate([sup, Fixture.proposal("B", base) { $0.remove(at: 2) }]).paragraphs[2]
        #expect(deleted.status == .deleted)
        #expect(deleted.spans == [AttributedSpan(text: base.paragraphs[2].text, change: .delete, by: ["B", "USA"])])
    }

    @Test func additionsStandWhereTheirProposersPutThemInAStableOrder() {
        func adding(_ text: String) -> (inout [Paragraph]) -> Void {
            { $0.insert(Paragraph(id: nil, line: "3bis\t" + text), at: 3) }
        }
        let first = Fixture.proposal("CITEL", base, adding("to publish the reports."))
        let second = Fixture.proposal("APT", base, adding("to translate the reports."))
        let same = Fixture.proposal("ATU", base, adding("to publish the reports."))
        let result = consolidate([first, second, same])
        let ids = result.paragraphs.map(\.id)
        #expect(result.paragraphs.count == base.paragraphs.count + 2)
        #expect(Array(ids.prefix(3)) == base.paragraphs.prefix(3).map { $0.id! })
        #expect(result.paragraphs[3].text == "to translate the reports." && result.paragraphs[3].spans.first?.by == ["APT"])
        #expect(result.paragraphs[4].text == "to publish the reports." && result.paragraphs[4].spans.first?.by == ["ATU", "CITEL"])
        #expect(result.paragraphs[5].id == base.paragraphs[3].id)
        #expect(result.paragraphs[3...4].allSatisfy { $0.status == .added && $0.label?.rawValue == "3bis" })
        // Submission order does not matter.
        let shuffled = consolidate([same, first, second])
        #expect(shuffled.paragraphs.map(\.id) == ids)
    }

    /// Formatting only (NBSP for a space) is no change unless the diff reports formatting:
    /// consolidate then agrees with submit, diff, status and compare on what F changed.
    @Test func formattingOnlyEditsAreMergedExactlyWhenTheDiffReportsThem() {
        var paragraphs = base.paragraphs
        Fixture.replacing("every year", "every\u{00A0}year", in: 3)(&paragraphs)
        let edited = DraftText(paragraphs: paragraphs)
        let hidden = consolidate([MemberProposal(member: "F", diff: ParagraphDiff(from: base, to: edited))])
        #expect(hidden.paragraphs[3].status == .unchanged && hidden.paragraphs[3].proposals.isEmpty)
        #expect(hidden.paragraphs[3].text == base.paragraphs[3].text)
        let shown = consolidate([MemberProposal(member: "F", diff: ParagraphDiff(from: base, to: edited, reportingFormatting: true))])
        #expect(shown.paragraphs[3].text.contains("every\u{00A0}year"))
        #expect(shown.paragraphs[3].spans.contains { $0.change == .insert && $0.by == ["F"] })
    }

    /// A real edit beside formatting: the edit is merged, the base's formatting stays, and it
    /// folds with another member's same edit made without the formatting.
    @Test func aRealEditBesideFormattingIsMergedAndFoldsWithTheSameEdit() {
        let withNBSP = Fixture.proposal("F", base) {
            $0[3].text = $0[3].text.replacingOccurrences(of: "every year", with: "every\u{00A0}year")
                .replacingOccurrences(of: "invite", with: "urge")
        }
        let plain = Fixture.proposal("D", base, Fixture.replacing("invite", "urge", in: 3))
        let result = consolidate([withNBSP, plain])
        #expect(result.paragraphs[3].status == .amended)
        #expect(result.paragraphs[3].text == base.paragraphs[3].text.replacingOccurrences(of: "invite", with: "urge"))
        #expect(result.paragraphs[3].spans.filter { $0.change != .same }.allSatisfy { Set($0.by) == ["D", "F"] })
    }

    @Test func aSubmissionEqualToTheBaseContributesNothing() {
        let result = consolidate([Fixture.proposal("RUS", base) { _ in }])
        #expect(result.paragraphs.allSatisfy { $0.status == .unchanged && $0.proposals.isEmpty })
        #expect(result.draftText(shapedLike: base).plainForm() == base.plainForm())
    }

    @Test func decisionsSettleAndAreFlaggedWhenProposalsChangeSince() {
        let cept = Fixture.proposal("CEPT", base, Fixture.replacing("Society,", "Society and UNESCO,", in: 2))
        let citel = Fixture.proposal("CITEL", base, Fixture.replacing("Society,", "Society and ITU-D,", in: 2))
        let before = consolidate([cept, citel]).paragraphs[2]
        let id = base.paragraphs[2].id!
        func decision(_ outcome: Decision.Outcome) -> Decision {
            Decision(paragraph: id, outcome: outcome, by: "CHAIR", at: "2022-02-20T10:00:00Z", reason: nil,
                     fingerprint: before.proposalsFingerprint)
        }
        let accepted = consolidate([cept, citel], decisions: [decision(.accept(member: "CITEL"))]).paragraphs[2]
        #expect(accepted.status == .amended && accepted.text.hasSuffix("and ITU-D,"))
        #expect(accepted.spans.contains { $0.change == .insert && $0.by == ["CITEL"] })
        #expect(accepted.alternatives.isEmpty && accepted.decision?.isOutdated == false)

        let compromise = consolidate([cept, citel], decisions: [decision(.text("to coordinate with UNGIS and UNESCO,"))]).paragraphs[2]
        #expect(compromise.text == "to coordinate with UNGIS and UNESCO," && compromise.spans.contains { $0.by == ["CHAIR"] })

        // A compromise built from both proposals: each member keeps the credit of its own
        // words, and only the chair's joining words are the chair's.
        let joined = "to coordinate with the United Nations Group on the Information Society and UNESCO, jointly with ITU-D,"
        let built = consolidate([cept, citel], decisions: [decision(.text(joined))]).paragraphs[2]
        func credit(_ word: String) -> [String]? { built.spans.first { $0.change == .insert && $0.text.contains(word) }?.by }
        #expect(built.text == joined)
        #expect(credit("UNESCO") == ["CEPT"] && credit("ITU-D") == ["CITEL"] && credit("jointly") == ["CHAIR"], "\(built.spans)")

        let kept = consolidate([cept, citel], decisions: [decision(.keepBase)]).paragraphs[2]
        #expect(kept.status == .unchanged && kept.text == base.paragraphs[2].text)

        // RUS proposes something new on the paragraph: the decision no longer stands on its own.
        let rus = Fixture.proposal("RUS", base, Fixture.replacing("coordinate", "cooperate", in: 2))
        let outdated = consolidate([cept, citel, rus], decisions: [decision(.accept(member: "CITEL"))]).paragraphs[2]
        #expect(outdated.status == .conflict)
        #expect(outdated.decision?.isOutdated == true)
    }

    // MARK: - Properties over random members

    /// A base of seed-derived paragraphs and 2–20 members, each editing a few paragraphs at
    /// word level, deleting or adding some; some members copy another's text exactly.
    static func scenario(seed: UInt64) -> (base: DraftText, proposals: [MemberProposal]) {
        var rng = SplitMix64(seed: seed)
        let base = Fixture.draft(SeedCorpus.draft(bytes: 1500, seed: seed).split(separator: "\n").map(String.init))
        let members = (0..<Int.random(in: 2...20, using: &rng)).map { "M\($0)" }
        var texts: [[Paragraph]] = []
        var proposals: [MemberProposal] = []
        for member in members {
            var paragraphs: [Paragraph]
            if !texts.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 {
                paragraphs = texts.randomElement(using: &rng)!
            } else {
                paragraphs = base.paragraphs
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    let index = Int.random(in: 0..<paragraphs.count, using: &rng)
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0 where paragraphs.count > 1: paragraphs.remove(at: index)
                    case 1: paragraphs.insert(Paragraph(id: nil, line: "9bis\t" + RandomText.text(words: 6, using: &rng)), at: index)
                    default: paragraphs[index].text = RandomText.mutated(paragraphs[index].text, edits: 2, using: &rng)
                    }
                }
            }
            texts.append(paragraphs)
            proposals.append(MemberProposal(member: member, diff: ParagraphDiff(from: base, to: DraftText(paragraphs: paragraphs),
                                                                                reportingFormatting: seed % 2 == 0)))
        }
        return (base, proposals)
    }

    @Test func nothingIsLostSpansRebuildAndOrderDoesNotMatter() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let (base, proposals) = Self.scenario(seed: UInt64(seed))
            let result = Consolidator.consolidate(base: base, proposals: proposals)
            let byID = Dictionary(uniqueKeysWithValues: result.paragraphs.map { ($0.id, $0) })
            for paragraph in result.paragraphs { Self.expectSpansRebuild(paragraph) }
            for proposal in proposals {
                for change in proposal.changes.touched {
                    guard let paragraph = byID[change.id] else {
                        Issue.record("\(proposal.member)'s \(change.op) on \(change.id) is missing from the consolidated text")
                        continue
                    }
                    let proposedText = change.new?.text ?? ""
                    if change.op == .move && proposedText == change.old?.text { continue }
                    let version = paragraph.proposals.first { $0.by.contains(proposal.member) }
                    #expect(version != nil, "\(proposal.member) is not credited on \(change.id)")
                    #expect(version?.text == (change.op == .sup ? "" : proposedText))
                    switch paragraph.status {
                    case .conflict:
                        #expect(paragraph.alternatives.contains { $0.by.contains(proposal.member) })
                    case .deleted:
                        #expect(change.op == .sup)
                    default:
                        // Every edit of the member is applied, credited to it.
                        let edits = TokenEdit.edits(from: change.spans, keepingFormatting: proposal.changes.reportsFormatting)
                        let applied = TokenEdit.edits(from: paragraph.spans.map { Span(text: $0.text, change: $0.change) })
                        let credited = paragraph.spans.filter { $0.by.contains(proposal.member) }
                        #expect(edits.isEmpty || !credited.isEmpty, "\(proposal.member) uncredited on \(change.id)")
                        #expect(edits.allSatisfy { edit in applied.contains { $0.start <= edit.start && edit.end <= $0.end } },
                                "\(proposal.member)'s edit missing on \(change.id)")
                    }
                }
            }
            let reversed = Consolidator.consolidate(base: base, proposals: proposals.reversed())
            #expect(reversed.paragraphs.map(\.id) == result.paragraphs.map(\.id))
            #expect(reversed.paragraphs.map(\.spans) == result.paragraphs.map(\.spans))
            #expect(reversed.paragraphs.map(\.alternatives) == result.paragraphs.map(\.alternatives))
        }
    }

    /// A few base paragraphs merged alone, from the changes to them alone, then settled, are
    /// each what the whole round's merge makes of them: what `decide` relies on to amend a
    /// recorded consolidation instead of merging the round again.
    @Test func paragraphsMergedAloneAreAsInTheWholeMerge() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            var (base, proposals) = Self.scenario(seed: UInt64(seed))
            var rng = SplitMix64(seed: UInt64(seed) ^ 0x5eed)
            // Reasons and a support on some paragraphs, as members give them.
            let ids = base.paragraphs.map { $0.id! }
            proposals = proposals.map { proposal in
                MemberProposal(member: proposal.member, coSponsors: proposal.coSponsors, changes: proposal.changes,
                               reasons: Dictionary(uniqueKeysWithValues: proposal.changes.touched.prefix(1).map { ($0.id, "Why \(proposal.member)") }))
            }
            let supports = proposals.prefix(2).flatMap { proposal in
                proposal.changes.touched.prefix(1).map { ProposalSupport(supporter: "SUPPORTER", paragraph: $0.id, proposer: proposal.member) }
            }
            let whole = Consolidator.merge(base: base, proposals: proposals, supports: supports)
            let chosen = Array(Set((0..<3).map { _ in ids[Int.random(in: 0..<ids.count, using: &rng)] }))
            let alone = Consolidator.merge(paragraphs: chosen, of: base,
                                           proposals: proposals.reversed().map { proposal in
                                               MemberProposal(member: proposal.member, coSponsors: proposal.coSponsors,
                                                              changes: proposal.changes.restricted(to: Set(chosen)), reasons: proposal.reasons)
                                           },
                                           supports: supports)
            for (id, merged) in zip(chosen, alone) {
                let expected = whole.paragraphs.first { $0.id == id }!
                let paragraph = try #require(merged)
                #expect(paragraph.status == expected.status && paragraph.text == expected.text && paragraph.spans == expected.spans, "\(id)")
                #expect(paragraph.alternatives == expected.alternatives && paragraph.proposals == expected.proposals, "\(id)")
                #expect(paragraph.reasons == expected.reasons && paragraph.supporters == expected.supporters && paragraph.movedBy == expected.movedBy)
                #expect(paragraph.proposalsFingerprint == expected.proposalsFingerprint && paragraph.label == expected.label)
                let decision = Decision(paragraph: id, outcome: .keepBase, by: "CHAIR", at: "2022-02-20T10:00:00Z", reason: nil,
                                        fingerprint: paragraph.proposalsFingerprint)
                let settled = whole.settled(with: [decision]).paragraphs.first { $0.id == id }!
                #expect(Consolidator.settled(paragraph, with: decision).spans == settled.spans)
            }
        }
    }

    /// A chair who settles a conflict by writing out one alternative's text word for word
    /// takes no credit: every change is that alternative's proposers' (and any other
    /// member's who made the same change).
    @Test func aCompromiseThatIsAProposalIsCreditedToItsProposers() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max)) { seed in
            let (base, proposals) = Self.scenario(seed: UInt64(seed))
            let open = Consolidator.consolidate(base: base, proposals: proposals)
            let decisions = open.paragraphs.compactMap { paragraph -> Decision? in
                guard paragraph.status == .conflict, let chosen = paragraph.alternatives.first(where: { !$0.text.isEmpty }) else { return nil }
                return Decision(paragraph: paragraph.id, outcome: .text(chosen.text), by: "CHAIR", at: "2022-02-20T10:00:00Z",
                                reason: nil, fingerprint: paragraph.proposalsFingerprint)
            }
            let decided = Consolidator.consolidate(base: base, proposals: proposals, decisions: decisions)
            for decision in decisions {
                let paragraph = decided.paragraphs.first { $0.id == decision.paragraph }!
                let chosen = open.paragraphs.first { $0.id == decision.paragraph }!.alternatives.first { !$0.text.isEmpty }!
                Self.expectSpansRebuild(paragraph)
                for span in paragraph.spans where span.change != .same {
                    #expect(!span.by.contains("CHAIR") && Set(chosen.by).isSubset(of: span.by), "\(span) on \(paragraph.id)")
                }
            }
        }
    }

    @Test func allIdenticalProposalsAreAppliedAndCreditedToAll() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max), Gen.int(in: 2...20)) { seed, count in
            var rng = SplitMix64(seed: UInt64(seed))
            let base = Fixture.draft(SeedCorpus.draft(bytes: 800, seed: UInt64(seed)).split(separator: "\n").map(String.init))
            var paragraphs = base.paragraphs
            let index = Int.random(in: 0..<paragraphs.count, using: &rng)
            paragraphs[index].text = RandomText.mutated(paragraphs[index].text, edits: 3, using: &rng)
            let members = (0..<count).map { "M\($0)" }
            let proposals = members.map {
                MemberProposal(member: $0, diff: ParagraphDiff(from: base, to: DraftText(paragraphs: paragraphs), reportingFormatting: true))
            }
            let result = Consolidator.consolidate(base: base, proposals: proposals)
            #expect(result.conflicts.isEmpty)
            #expect(result.draftText(shapedLike: base).paragraphs.map(\.text) == paragraphs.map(\.text))
            for span in result.paragraphs.flatMap(\.spans) where span.change != .same {
                #expect(Set(span.by) == Set(members))
            }
        }
    }

    /// Many members editing one paragraph: it stands in conflict exactly when two of their
    /// edits collide, however many agree and wherever the colliding ones come in the order
    /// (the merge looks for a collision as the edits grow, and stops at the first).
    @Test func aParagraphIsInConflictExactlyWhenTwoEditsCollide() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max), Gen.int(in: 2...24)) { seed, count in
            var rng = SplitMix64(seed: UInt64(seed))
            let base = Fixture.draft(["1\t" + RandomText.text(words: 40, using: &rng)])
            let proposals = (0..<count).map { member in
                var paragraphs = base.paragraphs
                // Mostly one word each, so that many members edit without colliding.
                paragraphs[0].text = RandomText.mutated(paragraphs[0].text, edits: Int.random(in: 0...9, using: &rng) == 0 ? 2 : 1, using: &rng)
                return MemberProposal(member: "M\(member)", diff: ParagraphDiff(from: base, to: DraftText(paragraphs: paragraphs), reportingFormatting: false))
            }
            let edits = Set(proposals.flatMap { proposal in
                proposal.changes.touched.flatMap { TokenEdit.edits(from: $0.spans, keepingFormatting: false) }
            })
            let collide = Consolidator.hasCollision(Consolidator.sortedByPlace(Array(edits)))
            let paragraph = Consolidator.consolidate(base: base, proposals: proposals).paragraphs[0]
            #expect((paragraph.status == .conflict) == collide, "\(count) members, seed \(seed): \(paragraph.status)")
        }
    }
}

extension ProposedChanges {
    /// The same changes, only those to paragraphs `ids`: what `decide` reads of a member.
    func restricted(to ids: Set<ParagraphID>) -> ProposedChanges {
        ProposedChanges(entries: entries.filter { ids.contains($0.change.id) }, counts: counts, reportsFormatting: reportsFormatting)
    }
}
