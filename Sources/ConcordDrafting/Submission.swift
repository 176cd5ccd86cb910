import ConcordGit
import ConcordText
import Foundation

/// One member's current position on a draft in a round: the tip of its comment branch.
/// A member who commits the draft file with plain git is read exactly the same way.
public struct Submission: Sendable {
    public let branch: CommentBranch
    public let commit: ObjectID
    public let round: Round
    public let record: ProposalRecord
    /// When the tip was committed.
    public let time: Date
    /// What the member's text changes against the round's base.
    public let proposed: ProposedChanges
    /// The revision the member's file was edited from, when it was stale and its changes were
    /// carried onto the round's base (`Rev.1`, or `round 1's base`).
    public let carriedFrom: String?

    init(branch: CommentBranch, commit: ObjectID, round: Round, record: ProposalRecord, time: Date,
         proposed: ProposedChanges, carriedFrom: String? = nil) {
        self.carriedFrom = carriedFrom
        self.branch = branch
        self.commit = commit
        self.round = round
        self.record = record
        self.time = time
        self.proposed = proposed
    }

    public var member: MemberID { branch.member }

    /// The paragraphs the member proposes to change (`ParagraphDiff.Change.isProposal`): read
    /// off `proposed` when asked, rather than a copy of them kept for every submission.
    public var touched: [ParagraphDiff.Change] { proposed.touched }

    /// Whether the text differs from the base at all (a branch may hold only supports).
    public var proposesChanges: Bool { proposed.entries.contains { $0.change.isProposal } }
}

/// What a round's status shows of a submission: whose, when, with what record, and which
/// paragraphs it touches; not the changes themselves, which a round's status need not read
/// (`RoundReader.summary`).
public struct SubmissionSummary: Sendable {
    public let branch: CommentBranch
    public let commit: ObjectID
    public let record: ProposalRecord
    public let time: Date
    public let touched: [TouchedParagraph]

    public var member: MemberID { branch.member }
    /// As `Submission.proposesChanges`.
    public var proposesChanges: Bool { !touched.isEmpty }
}

/// One member's submission with its whole text: what a command about this one member reads
/// (`diff`, `support`, `withdraw`), where a round's commands read only what changed.
struct SubmissionText {
    let submission: Submission
    /// The paragraph diff from the round's base to the member's text, identified against it.
    let diff: ParagraphDiff
    var text: DraftText { diff.new }
}

/// A submission as read from Git, before its text is parsed: what `Submission` is made of.
struct SubmissionSource: Sendable {
    let branch: CommentBranch
    let commit: ObjectID
    let round: Round
    let bytes: [UInt8]
    let record: ProposalRecord
    let time: Date

    /// Parses the member's text, sharing the paragraphs it leaves untouched with the base,
    /// and diffs it against the base.
    func submission(against base: Draft, reportingFormatting: Bool = false) throws -> SubmissionText {
        let base = DiffBase(base.text)
        let text: DraftText
        do { text = try DraftText(parsing: bytes, reusingParagraphsOf: base) } catch {
            throw DraftingError(.badInput, "\(branch.reference): \(branch.draft.path): \(error)")
        }
        let diff = ParagraphDiff(from: base, to: text, reportingFormatting: reportingFormatting)
        return SubmissionText(submission: Submission(branch: branch, commit: commit, round: round, record: record, time: time,
                                                     proposed: ProposedChanges(diff)),
                              diff: diff)
    }
}
