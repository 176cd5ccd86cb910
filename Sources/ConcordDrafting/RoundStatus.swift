import ConcordGit
import ConcordText
import Foundation

/// The round at a glance: per member, whether and when it submitted, what it touched.
public struct RoundStatus: Sendable {
    public struct Entry: Sendable {
        public let member: Member
        public let submission: SubmissionSummary?
        /// Members whose submissions this member co-sponsors.
        public let coSponsoring: [MemberID]
        /// Regional organisations whose submissions this member signs.
        public let signing: [MemberID]
        /// The tip of the member's comment branch when it holds commits built on an earlier
        /// round's base that no revision took in (plain-git work on an old branch): not counted
        /// in this round until submitted again, which carries its changes onto the base.
        public var staleTip: ObjectID?

        /// Submitted means: proposes at least one change (a branch holding only supports has not).
        public var hasSubmitted: Bool { submission?.proposesChanges == true }
    }

    public let draft: DraftID
    public let round: Round
    public let now: Date
    public let entries: [Entry]
    /// Comment branches of ids missing from the registry: shown, never dropped.
    public let unregistered: [SubmissionSummary]
    /// The chair's decisions recorded in this round. Whether one is outdated (its paragraph's
    /// proposals changed since) takes a consolidation to tell, which `status` does not run.
    public let decisions: [Decision]

    /// Members expected to submit (not the chair or the secretariat) who have neither
    /// submitted, co-sponsored a submission, nor signed a regional organisation's.
    public var missing: [Member] {
        entries.filter { !$0.hasSubmitted && $0.coSponsoring.isEmpty && $0.signing.isEmpty && !$0.member.kind.runsTheProcess }
            .map(\.member)
    }
}

extension DraftingRepository {
    /// `showingFormatting`: count changes of formatting only as changes (`--show-formatting`).
    public func status(of draft: DraftID, showingFormatting: Bool = false) throws -> RoundStatus {
        let registry = try memberRegistry()
        let (round, _, submissions) = try submissionSummaries(on: draft, reportingFormatting: showingFormatting)
        let byMember = Dictionary(submissions.map { ($0.member, $0) }, uniquingKeysWith: { a, _ in a })
        let proposing = submissions.filter(\.proposesChanges)
        // What the round's base took in, walked once for every member: an ancestry check per
        // member walked the history again each time, half of `status` at 193 members.
        var takenIn: Set<ObjectID>?
        let entries = try registry.sorted.map { member in
            var entry = RoundStatus.Entry(
                member: member, submission: byMember[member.id],
                coSponsoring: proposing.filter { $0.record.coSponsors.contains(member.id) }.map(\.member),
                signing: proposing.filter { registry[$0.member]?.signatories.contains(member.id) == true }.map(\.member))
            if entry.submission == nil, let tip = try git.reference(CommentBranch(draft: draft, member: member.id).reference) {
                if takenIn == nil { takenIn = Set(try git.history(from: round.base)) }
                if takenIn?.contains(tip) == false { entry.staleTip = tip }
            }
            return entry
        }
        let unregistered = submissions.filter { registry[$0.member] == nil }
        let decisions = try decisionLedger(for: draft).ledger.decisions.filter { $0.round == round.number }.map(\.decision)
        return RoundStatus(draft: draft, round: round, now: now, entries: entries, unregistered: unregistered, decisions: decisions)
    }
}
