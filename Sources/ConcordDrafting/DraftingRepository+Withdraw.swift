import ConcordText

extension DraftingRepository {
    /// Takes back `member`'s proposal on one paragraph: a new submission of the member's text
    /// with that paragraph as the round's base has it (text, place, presence), every other
    /// proposal kept. The member's text is its submission in this round, or, when it has not
    /// submitted since the last revision, the base with the alternatives it left open there
    /// (`OpenProposals`), which this submission then speaks for.
    public func withdraw(draft: DraftID, paragraph reference: String, by member: MemberID) throws -> Submission {
        _ = try memberRegistry().member(member)
        let round = try currentRound(of: draft)
        let baseDraft = try self.draft(draft, at: round.base)
        let base = baseDraft.text
        let branch = CommentBranch(draft: draft, member: member)
        var text: DraftText, coSponsors: [MemberID] = []
        if let tip = try git.reference(branch.reference), let own = try readSubmission(branch, tip: tip, round: round, base: baseDraft) {
            (text, coSponsors) = (own.text, own.submission.record.coSponsors)
        } else {
            text = try openProposals(for: draft, at: round.base).text(of: member, on: base)
        }
        // What the member proposes, as every command counts it.
        let diff = ParagraphDiff(from: base, to: text)
        let id = try resolveParagraph(reference, in: diff, draft: draft)
        guard diff.changes.contains(where: { $0.id == id && $0.isProposal }) else {
            throw DraftingError(.refused, "\(member) proposes nothing on paragraph \(reference) of \(draft) in round \(round.number); there is nothing to withdraw")
        }
        // The paragraph as the base has it: its text, its place after its base predecessor, or gone.
        var paragraphs = diff.new.paragraphs
        paragraphs.removeAll { $0.id == id }
        if let inBase = base.paragraphs.firstIndex(where: { $0.id == id }) {
            let predecessor = inBase > 0 ? base.paragraphs[inBase - 1].id : nil
            let place = predecessor.flatMap { predecessor in paragraphs.firstIndex { $0.id == predecessor }.map { $0 + 1 } } ?? 0
            paragraphs.insert(base.paragraphs[inBase], at: place)
        }
        let withdrawn = DraftText(paragraphs: paragraphs, gapAfter: text.gapAfter, lineEnding: text.lineEnding, endsWithNewline: text.endsWithNewline)
        var request = SubmissionRequest(draft: draft, member: member, bytes: withdrawn.storedBytes(),
                                        fileName: "the withdrawal of paragraph \(reference)", coSponsors: coSponsors)
        request.withdrawing = reference
        return try submit(request)
    }
}
