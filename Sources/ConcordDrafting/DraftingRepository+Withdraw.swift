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
        let base = try self.draft(draft, at: round.base).text
        var text = base
        var coSponsors: [MemberID] = []
        if let own = try submissions(on: draft).submissions.first(where: { $0.member == member }) {
            text = own.text
            coSponsors = own.record.coSponsors
        } else {
            for open in try openProposals(for: draft, at: round.base).paragraphs {
                guard let id = ParagraphID(rawValue: open.id) else { continue }
                for alternative in open.alternatives where alternative.by.contains(member.rawValue) {
                    text = OpenProposals.text(text, with: alternative, on: id, after: open.after.flatMap(ParagraphID.init(rawValue:))) ?? text
                }
            }
        }
        var candidates: [ParagraphReference.Candidate] = []
        var seen = Set<ParagraphID>()
        for paragraph in text.paragraphs + base.paragraphs {
            guard let id = paragraph.id, seen.insert(id).inserted else { continue }
            candidates.append(ParagraphReference.Candidate(id: id, label: paragraph.label, text: paragraph.text))
        }
        let id = try ParagraphReference.resolve(reference, among: candidates, draft: draft)
        var paragraphs = text.paragraphs
        let inBase = base.paragraphs.firstIndex { $0.id == id }
        let inText = paragraphs.firstIndex { $0.id == id }
        let basePredecessor = inBase.flatMap { $0 > 0 ? base.paragraphs[$0 - 1].id : nil }
        let inPlace = inText.map { $0 > 0 ? paragraphs[$0 - 1].id == basePredecessor : basePredecessor == nil } ?? false
        guard inBase.map({ base.paragraphs[$0].line }) != inText.map({ paragraphs[$0].line }) || (inBase != nil && !inPlace) else {
            throw DraftingError(.refused, "\(member) proposes nothing on paragraph \(reference) of \(draft) in round \(round.number); there is nothing to withdraw")
        }
        if let inText { paragraphs.remove(at: inText) }
        if let inBase {
            let place = basePredecessor.flatMap { predecessor in paragraphs.firstIndex { $0.id == predecessor }.map { $0 + 1 } } ?? 0
            paragraphs.insert(base.paragraphs[inBase], at: place)
        }
        let withdrawn = DraftText(paragraphs: paragraphs, gapAfter: text.gapAfter, lineEnding: text.lineEnding, endsWithNewline: text.endsWithNewline)
        var request = SubmissionRequest(draft: draft, member: member, bytes: withdrawn.storedBytes(),
                                        fileName: "the withdrawal of paragraph \(reference)", coSponsors: coSponsors)
        request.withdrawing = reference
        return try submit(request)
    }
}
