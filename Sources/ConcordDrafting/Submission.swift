import ConcordGit
import ConcordText
import Foundation

/// One member's current position on a draft in a round: the tip of its comment branch.
/// A member who commits the draft file with plain git is read exactly the same way.
public struct Submission: Sendable {
    public let branch: CommentBranch
    public let commit: ObjectID
    public let round: Round
    /// The member's whole text of the draft, identified against the round's base.
    public let text: DraftText
    public let record: ProposalRecord
    /// When the tip was committed.
    public let time: Date
    /// The paragraph diff from the round's base to the member's text.
    public let diff: ParagraphDiff
    /// The paragraphs the member proposes to change (`ParagraphDiff.Change.isProposal`).
    public let touched: [ParagraphDiff.Change]
    /// The revision the member's file was edited from, when it was stale and its changes were
    /// carried onto the round's base (`Rev.1`, or `round 1's base`).
    public let carriedFrom: String?

    init(branch: CommentBranch, commit: ObjectID, round: Round, text: DraftText, record: ProposalRecord, time: Date,
         diff: ParagraphDiff, carriedFrom: String? = nil) {
        self.carriedFrom = carriedFrom
        self.branch = branch
        self.commit = commit
        self.round = round
        self.text = text
        self.record = record
        self.time = time
        self.diff = diff
        touched = diff.changes.filter(\.isProposal)
    }

    public var member: MemberID { branch.member }

    /// Whether the text differs from the base at all (a branch may hold only supports).
    public var proposesChanges: Bool { !touched.isEmpty }
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
    func submission(against base: Draft, reportingFormatting: Bool = false) throws -> Submission {
        try submission(against: DiffBase(base.text), reportingFormatting: reportingFormatting)
    }

    /// `submission(against:)` with the base prepared once for every member read against it.
    func submission(against base: DiffBase, reportingFormatting: Bool = false) throws -> Submission {
        let text: DraftText
        do { text = try DraftText(parsing: bytes, reusingParagraphsOf: base) } catch {
            throw DraftingError(.badInput, "\(branch.reference): \(branch.draft.path): \(error)")
        }
        let diff = ParagraphDiff(from: base, to: text, reportingFormatting: reportingFormatting)
        return Submission(branch: branch, commit: commit, round: round, text: diff.new, record: record, time: time, diff: diff)
    }
}
