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

    public var member: MemberID { branch.member }

    /// The paragraphs the member proposes to change (anything but NOC).
    public var touched: [ParagraphDiff.Change] { diff.changes.filter { $0.op != .noc || $0.isRelabelled } }

    /// Whether the text differs from the base at all (a branch may hold only supports).
    public var proposesChanges: Bool { !touched.isEmpty }
}
