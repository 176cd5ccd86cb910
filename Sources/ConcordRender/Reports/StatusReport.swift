import ConcordDrafting
import ConcordGit
import ConcordText
import Foundation

/// `status`: the round, its deadline and time left; per member whether and when it
/// submitted, what it touched, its co-sponsors and supports; who has not submitted.
public enum StatusReport {
    struct MemberRecord: Encodable {
        let member: String
        let name: String
        let kind: String
        let submitted: Bool
        let when: String?
        let commit: String?
        let paragraphs: [String]
        /// The same paragraphs with their labels and what the member does to each.
        let touched: [TouchedRecord]
        let coSponsors: [String]
        let coSponsoring: [String]
        let signing: [String]
        let supports: [ProposalRecord.Support]
        let admittedLateBy: String?
        /// The tip of a comment branch built on an earlier round's base, not counted.
        let staleBranch: String?
    }

    struct TouchedRecord: Encodable {
        let id: String
        let label: String?
        let op: String
    }

    struct Record: Encodable {
        let draft: String
        let round: Int
        let state: String
        let base: String
        let deadline: String
        let timeLeft: String
        let members: [MemberRecord]
        let notSubmitted: [String]
        let unregistered: [String]
    }

    public static func text(_ status: RoundStatus) -> String {
        let round = status.round
        var output = "\(status.draft), round \(round.number) (\(round.state.rawValue)): deadline \(round.deadline), "
        output += round.state == .open ? status.round.deadline.timeLeft(at: status.now) : "closed"
        output += "\n\n"
        for entry in status.entries {
            output += "\(entry.member.id)\t"
            if let submission = entry.submission, entry.hasSubmitted {
                let touched = submission.touched
                output += "submitted \(round.deadline.localTime(submission.time)), \(touched.count) paragraph\(touched.count == 1 ? "" : "s"): "
                output += touched.map { ($0.label.map { "\($0.rawValue) " } ?? "") + "{#\($0.id.rawValue)}" }.joined(separator: ", ")
                if !submission.record.coSponsors.isEmpty {
                    output += "; with \(submission.record.coSponsors.map(\.rawValue).joined(separator: ", "))"
                }
                if let admitted = submission.record.admittedLateBy { output += "; late, admitted by \(admitted)" }
            } else if !entry.coSponsoring.isEmpty || !entry.signing.isEmpty {
                output += (entry.coSponsoring.map { "co-sponsors \($0)" } + entry.signing.map { "signs \($0)" })
                    .joined(separator: ", ")
            } else if let stale = entry.staleTip {
                let branch = CommentBranch(draft: status.draft, member: entry.member.id).name
                output += "not submitted: \(branch) has work (\(stale.hex.prefix(10))) built on an earlier round's text, not counted in round \(status.round.number); "
                    + "submit it again (`git show \(branch):\(status.draft.path) > mine.txt`, then `concord submit \(status.draft) mine.txt --as \(entry.member.id)`), "
                    + "and only its own changes are carried onto the base"
            } else {
                output += entry.member.kind.runsTheProcess ? "(\(entry.member.kind.rawValue))" : "not submitted"
            }
            if let supports = entry.submission?.record.supports, !supports.isEmpty {
                output += "; supports " + supports.map { "\($0.proposal) on \($0.paragraph)" }.joined(separator: ", ")
            }
            output += "\n"
        }
        for submission in status.unregistered {
            output += "\(submission.member)\tsubmitted, but is not in the member registry\n"
        }
        let missing = status.missing.map(\.id.rawValue)
        output += "\n" + (missing.isEmpty ? "Every member has submitted.\n" : "Not submitted: \(missing.joined(separator: ", "))\n")
        return output
    }

    public static func json(_ status: RoundStatus) throws -> String {
        let members = status.entries.map { entry in
            let submission = entry.submission
            return MemberRecord(
                member: entry.member.id.rawValue, name: entry.member.name, kind: entry.member.kind.rawValue,
                submitted: entry.hasSubmitted, when: entry.hasSubmitted ? submission.map { timestamp($0.time) } : nil,
                commit: submission?.commit.hex, paragraphs: submission?.touched.map(\.id.rawValue) ?? [],
                touched: submission?.touched.map { TouchedRecord(id: $0.id.rawValue, label: $0.label?.rawValue, op: $0.op.rawValue) } ?? [],
                coSponsors: submission?.record.coSponsors.map(\.rawValue) ?? [],
                coSponsoring: entry.coSponsoring.map(\.rawValue), signing: entry.signing.map(\.rawValue), supports: submission?.record.supports ?? [],
                admittedLateBy: submission?.record.admittedLateBy?.rawValue, staleBranch: entry.staleTip?.hex)
        }
        return try DraftJSON.encode(Record(
            draft: status.draft.rawValue, round: status.round.number, state: status.round.state.rawValue,
            base: status.round.base.hex, deadline: status.round.deadline.text,
            timeLeft: status.round.state == .open ? status.round.deadline.timeLeft(at: status.now) : "closed",
            members: members, notSubmitted: status.missing.map(\.id.rawValue),
            unregistered: status.unregistered.map(\.member.rawValue)))
    }

}
