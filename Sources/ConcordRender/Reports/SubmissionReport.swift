import ConcordDrafting
import ConcordText

/// What `submit` recorded: per paragraph MOD/ADD/SUP with its redline and reason, then totals.
public enum SubmissionReport {
    struct Record: Encodable {
        let draft: String
        let round: Int
        let member: String
        let coSponsors: [String]
        let commit: String
        let branch: String
        let admittedLateBy: String?
        /// The revision a stale file was edited from, its changes carried onto the base.
        let carriedFrom: String?
        let paragraphs: [ParagraphChangeRecord]
    }

    public static func text(_ submission: Submission, colour: Bool) -> String {
        var output = "Recorded \(submission.member)'s submission on \(submission.branch.draft), round \(submission.round.number)"
        if !submission.record.coSponsors.isEmpty {
            output += ", with \(submission.record.coSponsors.map(\.rawValue).joined(separator: ", "))"
        }
        output += " (commit \(submission.commit.hex.prefix(10)) on \(submission.branch.name))"
        if let admitted = submission.record.admittedLateBy { output += ", late, admitted by \(admitted)" }
        output += ".\n\n"
        if let earlier = submission.carriedFrom {
            output += "The text was edited from \(earlier): only \(submission.member)'s own changes against it were carried onto "
                + "round \(submission.round.number)'s base; what the group adopted since stands.\n\n"
        }
        for change in submission.touched {
            output += "\(change.heading) {#\(change.id)}\n"
            RedlineText.appendSpans(displaySpans(change.spans, showFormatting: false), colour: colour, to: &output)
            output += "\n"
            output += submission.record.reasons[change.id].map { "Reason: \($0)\n" } ?? "Reason: (none given; add one with --reason \(change.id)=…, or in Word with a comment in the paragraph)\n"
            output += "\n"
        }
        output += submission.proposed.summary + "\n"
        return output
    }

    public static func json(_ submission: Submission) throws -> String {
        let by = [submission.member.rawValue] + submission.record.coSponsors.map(\.rawValue)
        return try DraftJSON.encode(Record(
            draft: submission.branch.draft.rawValue, round: submission.round.number, member: submission.member.rawValue,
            coSponsors: submission.record.coSponsors.map(\.rawValue), commit: submission.commit.hex,
            branch: submission.branch.reference, admittedLateBy: submission.record.admittedLateBy?.rawValue,
            carriedFrom: submission.carriedFrom, paragraphs: submission.touched.map { ParagraphChangeRecord($0, reason: submission.record.reasons[$0.id], by: by) }))
    }
}
