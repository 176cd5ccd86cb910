/// One member's proposals on a draft, as the consolidator reads them: the paragraph diff from
/// the round's base to the member's text, with whom to credit and why.
public struct MemberProposal: Sendable {
    /// The submitting member.
    public let member: String
    /// Co-sponsors, credited with the member.
    public let coSponsors: [String]
    public let diff: ParagraphDiff
    public let reasons: [ParagraphID: String]

    public init(member: String, coSponsors: [String] = [], diff: ParagraphDiff, reasons: [ParagraphID: String] = [:]) {
        self.member = member
        self.coSponsors = coSponsors
        self.diff = diff
        self.reasons = reasons
    }

    /// Submitter first, then co-sponsors.
    var credit: [String] { [member] + coSponsors }
}

/// A member's support for another member's proposal on one paragraph.
public struct ProposalSupport: Sendable, Hashable {
    public let supporter: String
    public let paragraph: ParagraphID
    public let proposer: String

    public init(supporter: String, paragraph: ParagraphID, proposer: String) {
        self.supporter = supporter
        self.paragraph = paragraph
        self.proposer = proposer
    }
}
