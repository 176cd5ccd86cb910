import ConcordGit
import ConcordText

/// `reportingFormatting`: whether a change of formatting only (NBSP for a space) counts as a
/// change (`--show-formatting`); see `ParagraphDiff.reportsFormatting`.
extension DraftingRepository {
    /// A member's proposals: the round's base against the member's current submission.
    public func diff(_ draft: DraftID, member: MemberID, reportingFormatting: Bool = false) throws -> ParagraphDiff {
        let (round, submission) = try submissionText(on: draft, of: member)
        let base = try self.draft(draft, at: round.base)
        return ParagraphDiff(from: base.text, to: submission.text, reportingFormatting: reportingFormatting)
    }

    /// One member's submission against another's.
    public func diff(_ draft: DraftID, from first: MemberID, to second: MemberID, reportingFormatting: Bool = false) throws -> ParagraphDiff {
        let (_, a) = try submissionText(on: draft, of: first)
        let (_, b) = try submissionText(on: draft, of: second)
        return ParagraphDiff(from: a.text, to: b.text, reportingFormatting: reportingFormatting)
    }

    /// The draft at one revision against another (commits, branches, tags).
    public func diff(_ draft: DraftID, fromRevision: String, toRevision: String, reportingFormatting: Bool = false) throws -> ParagraphDiff {
        ParagraphDiff(from: try self.draft(draft, at: fromRevision).text, to: try self.draft(draft, at: toRevision).text,
                      reportingFormatting: reportingFormatting)
    }

    /// The member's submission in the draft's current round, as what it changes (see
    /// `RoundReader`), or a refusal naming the member.
    public func submission(on draft: DraftID, of member: MemberID) throws -> (Round, Submission) {
        _ = try memberRegistry().member(member)
        let round = try currentRound(of: draft)
        let branch = CommentBranch(draft: draft, member: member)
        guard let tip = try git.reference(branch.reference),
              let submission = try RoundReader(draft, round: round, git: git, reportingFormatting: false)
                .submission(branch, tip: tip, from: git) else {
            throw notSubmitted(member, on: draft, in: round)
        }
        return (round, submission)
    }

    /// The member's submission with its whole text, or a refusal naming the member.
    func submissionText(on draft: DraftID, of member: MemberID) throws -> (Round, SubmissionText) {
        _ = try memberRegistry().member(member)
        let round = try currentRound(of: draft)
        let branch = CommentBranch(draft: draft, member: member)
        guard let tip = try git.reference(branch.reference),
              let submission = try readSubmission(branch, tip: tip, round: round, base: try self.draft(draft, at: round.base)) else {
            throw notSubmitted(member, on: draft, in: round)
        }
        return (round, submission)
    }

    private func notSubmitted(_ member: MemberID, on draft: DraftID, in round: Round) -> DraftingError {
        DraftingError(.refused, "member \(member) has not submitted on \(draft) in round \(round.number)")
    }
}
