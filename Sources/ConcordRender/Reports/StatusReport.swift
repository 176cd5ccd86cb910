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
        let decisions: [ConsolidationReport.DecisionJSON]
    }

    /// The round's line: its number and state, the deadline and the time left.
    static func heading(_ status: RoundStatus) -> String {
        let round = status.round
        return "\(status.draft), round \(round.number) (\(round.state.rawValue)): deadline \(round.deadline), "
            + (round.state == .open ? round.deadline.timeLeft(at: status.now) : "closed")
    }

    /// What the report says of each member, in every format: when it submitted and what
    /// it touched, its co-sponsors, a late admission, the proposals it supports; or why it
    /// has not submitted. Unregistered branches follow, then the decisions of the round.
    static func lines(_ status: RoundStatus) -> [(member: String, says: String)] {
        let round = status.round
        var lines = status.entries.map { entry -> (String, String) in
            var says = ""
            if let submission = entry.submission, entry.hasSubmitted {
                let touched = submission.touched
                says += "submitted \(round.deadline.localTime(submission.time)), \(touched.count) paragraph\(touched.count == 1 ? "" : "s"): "
                says += touched.map { paragraph in
                    // What it does to the paragraph, unless it amends it, as most do.
                    let op = switch paragraph.op {
                    case .mod: ""
                    case .noc: " (renumbered)"
                    default: " (\(paragraph.op.rawValue))"
                    }
                    return (paragraph.label.map { "\($0.rawValue) " } ?? "") + "{#\(paragraph.id.rawValue)}" + op
                }.joined(separator: ", ")
                if !submission.record.coSponsors.isEmpty {
                    says += "; with \(submission.record.coSponsors.map(\.rawValue).joined(separator: ", "))"
                }
                if let admitted = submission.record.admittedLateBy { says += "; late, admitted by \(admitted)" }
            } else if !entry.coSponsoring.isEmpty || !entry.signing.isEmpty {
                says += (entry.coSponsoring.map { "co-sponsors \($0)" } + entry.signing.map { "signs \($0)" }).joined(separator: ", ")
            } else if let stale = entry.staleTip {
                let branch = CommentBranch(draft: status.draft, member: entry.member.id).name
                says += "not submitted: \(branch) has work (\(stale.hex.prefix(10))) built on an earlier round's text, not counted in round \(round.number); "
                    + "submit it again (`git show \(branch):\(status.draft.path) > mine.txt`, then `concord submit \(status.draft) mine.txt --as \(entry.member.id)`), "
                    + "and only its own changes are carried onto the base"
            } else {
                says += entry.member.kind.runsTheProcess ? "(\(entry.member.kind.rawValue))" : "not submitted"
            }
            if let supports = entry.submission?.record.supports, !supports.isEmpty {
                says += "; supports " + supports.map { "\($0.proposal) on \($0.paragraph)" }.joined(separator: ", ")
            }
            return (entry.member.id.rawValue, says)
        }
        lines += status.unregistered.map { ($0.member.rawValue, "submitted, but is not in the member registry") }
        return lines
    }

    /// The round's decisions, each as the consolidation states it, led by its paragraph.
    static func decisions(_ status: RoundStatus) -> [String] {
        status.decisions.map { "{#\($0.paragraph)} " + ConsolidationReport.describe($0) }
    }

    static func missing(_ status: RoundStatus) -> String {
        let missing = status.missing.map(\.id.rawValue)
        return missing.isEmpty ? "Every member has submitted." : "Not submitted: \(missing.joined(separator: ", "))"
    }

    static let decisionsHeading = "Decisions this round (consolidate tells whether one is outdated):"

    public static func text(_ status: RoundStatus) -> String {
        var output = heading(status) + "\n\n"
        for (member, says) in lines(status) { output += "\(member)\t\(says)\n" }
        output += "\n" + missing(status) + "\n"
        let decisions = decisions(status)
        if !decisions.isEmpty { output += "\n\(decisionsHeading)\n" + decisions.map { "  \($0)\n" }.joined() }
        return output
    }

    public static func markdown(_ status: RoundStatus) -> String {
        var output = "# \(markdownEscaped(heading(status)))\n\n| Member | Status |\n| --- | --- |\n"
        for (member, says) in lines(status) { output += "| \(markdownEscaped(member)) | \(markdownEscaped(says)) |\n" }
        output += "\n" + markdownEscaped(missing(status)) + "\n"
        let decisions = decisions(status)
        if !decisions.isEmpty { output += "\n" + markdownEscaped(decisionsHeading) + "\n\n" + decisions.map { "- \(markdownEscaped($0))\n" }.joined() }
        return output
    }

    public static func html(_ status: RoundStatus) -> String {
        var table = "<table>\n<tr><th>Member</th><th>Status</th></tr>\n"
        for (member, says) in lines(status) { table += "<tr><th>\(htmlEscaped(member))</th><td>\(htmlEscaped(says))</td></tr>\n" }
        table += "</table>\n<p>\(htmlEscaped(missing(status)))</p>\n"
        let decisions = decisions(status)
        if !decisions.isEmpty {
            table += "<h2>\(htmlEscaped(decisionsHeading))</h2>\n<ul>" + decisions.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul>\n"
        }
        return htmlPage(title: heading(status), style: """
            table { border-collapse: collapse; }
            th, td { border-bottom: 1px solid #ddd; padding: .3em .6em; text-align: left; vertical-align: top; }

            """, body: table)
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
            unregistered: status.unregistered.map(\.member.rawValue),
            decisions: status.decisions.map { decision in
                var record = ConsolidationReport.decisionRecord(decision)
                record.paragraph = decision.paragraph.rawValue
                record.outdated = nil
                return record
            }))
    }

}
